package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.config.HttpConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * An airrohr / sensors.AFRICA device pushes one request per sensor pin and waits for each answer,
 * as the firmware does: pin 1 (PMS5003) and pin 7 (DHT22) become one reading with PM2.5 and
 * humidity, each request answered 201 as soon as Kafka keeps its pin; a bridge closed before the
 * window ended leaves the pins to the next bridge, which merges them.
 */
@RealServers
class PinPushIT {
  static final String DHT22 =
      "{\"software_version\":\"NRZ-2020-129\",\"sensordatavalues\":["
          + "{\"value_type\":\"temperature\",\"value\":\"24.10\"},"
          + "{\"value_type\":\"humidity\",\"value\":\"61.30\"}]}";

  static byte[] pmBody() throws Exception {
    return Files.readAllBytes(
        Path.of(
            System.getProperty("airq.shared.data"),
            "payloads",
            "sensors_africa_push_example.json"));
  }

  static HttpResponse<String> push(int port, String sensor, String pin, byte[] body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/push-sensor-data/"))
                .header("Content-Type", "application/json")
                .header("X-Sensor", sensor)
                .header("X-PIN", pin)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static List<Reading> readings(Servers servers, String prefix, int atLeast) {
    return KafkaRecords.read(
            servers.kafkaBootstrap(),
            Topics.READINGS.prefixed(prefix).name(),
            atLeast,
            Duration.ofSeconds(40))
        .stream()
        .map(ConsumerRecord::value)
        .map(Topics.READINGS::deserializeValue)
        .toList();
  }

  @Test
  void pinOneAndPinSevenPushedOneAfterTheOtherBecomeOneReadingWithPm25AndHumidity(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-pins");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    String sensor = "esp8266-" + gw.substring(3);
    try (Bridge bridge =
        Bridge.start(
            BridgeIT.config(servers, prefix, gw)
                .set(HttpConfig.PIN_WINDOW, Duration.ofSeconds(10))
                .build())) {
      Instant before = Instant.now();
      HttpResponse<String> pm = push(bridge.httpPort(), sensor, "1", pmBody());
      Duration pmAnswered = Duration.between(before, Instant.now());
      HttpResponse<String> dht = push(bridge.httpPort(), sensor, "7", DHT22.getBytes());
      assertThat(pm.statusCode()).as(pm.body()).isEqualTo(201);
      assertThat(dht.statusCode()).as(dht.body()).isEqualTo(201);
      assertThat(pmAnswered)
          .as("pin 1 answered before the window ends")
          .isLessThan(Duration.ofSeconds(10));

      List<Reading> got = readings(servers, prefix, 1);
      assertThat(got).hasSize(1);
      Reading r = got.get(0);
      assertThat(r.sensorId()).isEqualTo(sensor);
      assertThat(r.values())
          .containsEntry(Quantity.PM25, 13.40)
          .containsEntry(Quantity.PM10, 10.50)
          .containsEntry(Quantity.HUMIDITY, 61.30)
          .containsEntry(Quantity.TEMPERATURE, 24.10);
      assertThat(r.time()).isBetween(before, before.plus(pmAnswered));
      List<ConsumerRecord<byte[], byte[]>> staged =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS_PINS.prefixed(prefix).name(),
              2,
              Duration.ofSeconds(10));
      assertThat(staged)
          .extracting(s -> KafkaRecords.header(s, KafkaPublisher.PIN))
          .containsExactly("1", "7");
      String health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + bridge.httpPort() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(health)
          .contains("\"pins\":{\"status\":\"UP\",\"detail\":\"0 devices with a reading open\"}");
    }
  }

  @Test
  void pinsStagedByABridgeClosedBeforeTheWindowEndedAreMergedByTheNext(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-pins-restart");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    String sensor = "esp8266-" + gw.substring(3);
    BridgeConfig cfg =
        BridgeIT.config(servers, prefix, gw)
            .set(HttpConfig.PIN_WINDOW, Duration.ofSeconds(20))
            .build();
    try (Bridge first = Bridge.start(cfg)) {
      assertThat(push(first.httpPort(), sensor, "1", pmBody()).statusCode()).isEqualTo(201);
      assertThat(push(first.httpPort(), sensor, "7", DHT22.getBytes()).statusCode()).isEqualTo(201);
    }
    assertThat(readings(servers, prefix, 0)).as("nothing merged by the closed bridge").isEmpty();
    try (Bridge second = Bridge.start(cfg)) {
      List<Reading> got = readings(servers, prefix, 1);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).values())
          .containsEntry(Quantity.PM25, 13.40)
          .containsEntry(Quantity.HUMIDITY, 61.30);
    }
  }
}
