package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * One bad value costs one value: a gateway's offline batch of 1000 with one negative NO2 and one
 * reading from 2099, over MQTT and over the HTTP push, puts 999 readings on the readings topic (the
 * negative one among them, for the QA rules) and the 2099 one alone on the dead-letter topic with
 * its index in the batch.
 */
@RealServers
class PartialBatchIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  static final int NEGATIVE_AT = 321;
  static final int FUTURE_AT = 654;

  /** 1000 airq JSON readings of {@code sensor}, one a minute up to {@code end}. */
  static String batch(String sensor, Instant end) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      Instant t =
          i == FUTURE_AT
              ? Instant.parse("2099-06-01T00:00:00Z")
              : end.minusSeconds(60L * (1000 - i));
      b.append(i == 0 ? "" : ",")
          .append("{\"sensor\":\"")
          .append(sensor)
          .append("\",\"time\":\"")
          .append(t)
          .append("\",\"values\":{\"no2\":")
          .append(i == NEGATIVE_AT ? "-1.8" : Integer.toString(10 + i % 30))
          .append(",\"temperature\":21.5}}");
    }
    return b.append(']').toString();
  }

  @Test
  void aBatchWithOneNegativeValueAndOneReadingFrom2099Stores999AndDeadLettersTheOneAlone(
      Servers servers) throws Exception {
    String prefix = servers.newPrefix("ingest-partial");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (Bridge bridge = Bridge.start(BridgeIT.config(servers, prefix, gw).build())) {
      MqttClient pub = new MqttClient(servers.mqttUrl(), "pub-" + gw, new MemoryPersistence());
      pub.connect();
      pub.publish(
          "airq/v1/" + gw + "/-", batch("mqtt-s1", end).getBytes(StandardCharsets.UTF_8), 1, false);
      pub.disconnect();
      pub.close();
      HttpResponse<String> pushed =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + bridge.httpPort() + "/v1/push-sensor-data/"))
                      .header("X-Sensor", "http-s1")
                      .POST(HttpRequest.BodyPublishers.ofString(batch("http-s1", end)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(pushed.statusCode()).isEqualTo(201);
      assertThat(pushed.body())
          .isEqualTo("stored 999, dead-lettered 1: [" + FUTURE_AT + "] future-timestamp\n");

      List<ConsumerRecord<byte[], byte[]>> stored =
          KafkaRecords.read(
              servers.kafkaBootstrap(), Topics.READINGS.prefixed(prefix).name(), 1998, WAIT);
      List<ConsumerRecord<byte[], byte[]>> dead =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS_DEAD_LETTER.prefixed(prefix).name(),
              2,
              WAIT);
      for (String sensor : List.of("mqtt-s1", "http-s1")) {
        List<Reading> mine =
            stored.stream()
                .filter(r -> KafkaRecords.key(r).equals(sensor))
                .map(r -> Topics.READINGS.deserializeValue(r.value()))
                .toList();
        assertThat(mine).as(sensor).hasSize(999);
        assertThat(mine).noneMatch(r -> r.time().getEpochSecond() > end.getEpochSecond());
        assertThat(mine)
            .filteredOn(r -> r.value(Quantity.NO2) < 0)
            .singleElement()
            .satisfies(
                r -> assertThat(r.time()).isEqualTo(end.minusSeconds(60L * (1000 - NEGATIVE_AT))));
        ConsumerRecord<byte[], byte[]> letter =
            dead.stream().filter(r -> KafkaRecords.key(r).equals(sensor)).findFirst().orElseThrow();
        assertThat(KafkaRecords.header(letter, KafkaPublisher.BATCH_INDEX))
            .isEqualTo(Integer.toString(FUTURE_AT));
        assertThat(KafkaRecords.header(letter, RecordHeaders.REASON_CODE))
            .isEqualTo("future-timestamp");
        assertThat(KafkaRecords.header(letter, RecordHeaders.ORIGIN)).isEqualTo("ingest");
        Reading alone = Topics.READINGS.deserializeValue(letter.value());
        assertThat(alone.time()).isEqualTo(Instant.parse("2099-06-01T00:00:00Z"));
        assertThat(alone.sensorId()).isEqualTo(sensor);
      }
      assertThat(dead).hasSize(2);
      assertThat(bridge.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(bridge.scrape()).contains("airq_ingest_messages_total{outcome=\"rejected\"} 2.0");
    }
  }
}
