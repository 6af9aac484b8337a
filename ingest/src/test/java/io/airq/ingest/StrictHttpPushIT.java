package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.MqttConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Strict gateway mode on the Sensor.Community HTTP push: the {@code X-Sensor} device is its own
 * gateway, so only a sensor registered without a gateway (or to itself) is stored; a sensor
 * registered to a gateway, or not registered, is answered 403 and its readings are in quarantine,
 * never on the readings topic, and nothing is dead-lettered.
 */
@RealServers
class StrictHttpPushIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Sensor sensor(String id, String gateway) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .gatewayId(gateway)
        .area("CBD")
        .county("Nairobi")
        .build();
  }

  private static HttpResponse<String> push(HttpClient http, URI uri, String sensor, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("X-Sensor", sensor)
            .header("X-PIN", "1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void unregisteredAndForeignSensorsGet403AndLandOnlyInQuarantine(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-strict-http");
    String id = UUID.randomUUID().toString().substring(0, 8);
    String own = "esp8266-own" + id;
    String foreign = "esp8266-foreign" + id;
    String unknown = "esp8266-unknown" + id;
    Properties pp = new Properties();
    pp.put("bootstrap.servers", servers.kafkaBootstrap());
    try (KafkaProducer<String, Sensor> registry =
        new KafkaProducer<>(
            pp, Topics.SENSORS.keySerde().serializer(), Topics.SENSORS.valueSerde().serializer())) {
      // registered without a gateway: it is its own gateway, as a device pushing directly is
      registry
          .send(
              new ProducerRecord<>(Topics.SENSORS.prefixed(prefix).name(), own, sensor(own, null)))
          .get(30, TimeUnit.SECONDS);
      registry
          .send(
              new ProducerRecord<>(
                  Topics.SENSORS.prefixed(prefix).name(),
                  foreign,
                  sensor(foreign, "gw-rooftop-" + id)))
          .get(30, TimeUnit.SECONDS);
    }
    byte[] body =
        Files.readAllBytes(
            Path.of(
                System.getProperty("airq.shared.data"),
                "payloads",
                "sensors_africa_push_example.json"));
    BridgeConfig cfg =
        BridgeConfig.builder(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
            .set(MqttConfig.CLIENT_ID, "it-strict-http-" + id)
            .set(MqttConfig.SHARE_GROUP, "g-strict-http-" + id)
            .set(MqttConfig.TOPIC_FILTER, "airq/v1/strict-http-" + id + "/#")
            .set(HttpConfig.PORT, -1)
            .set(BridgeConfig.GATEWAY_MODE, "strict")
            .build();
    try (Bridge bridge = Bridge.start(cfg)) {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + bridge.httpPort() + "/v1/push-sensor-data/");

      HttpResponse<String> stored = push(http, uri, own, body);
      HttpResponse<String> foreignAnswer = push(http, uri, foreign, body);
      HttpResponse<String> unknownAnswer = push(http, uri, unknown, body);

      assertThat(stored.statusCode()).isEqualTo(201);
      assertThat(foreignAnswer.statusCode()).isEqualTo(403);
      assertThat(foreignAnswer.body()).startsWith("foreign-sensor:").contains("gw-rooftop-" + id);
      assertThat(unknownAnswer.statusCode()).isEqualTo(403);
      assertThat(unknownAnswer.body()).startsWith("unknown-sensor:");

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + bridge.httpPort() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"registry\":{\"status\":\"UP\"", "2 entries");

      // Every answer came after Kafka acked, so what is in Kafka now is all there will be.
      List<ConsumerRecord<byte[], byte[]>> quarantined =
          KafkaRecords.read(
              servers.kafkaBootstrap(), Topics.QUARANTINE.prefixed(prefix).name(), 2, WAIT);
      assertThat(quarantined)
          .extracting(KafkaRecords::key, r -> KafkaRecords.header(r, RecordHeaders.REASON_CODE))
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(foreign, "foreign-sensor"),
              org.assertj.core.groups.Tuple.tuple(unknown, "unknown-sensor"));
      for (ConsumerRecord<byte[], byte[]> q : quarantined) {
        assertThat(KafkaRecords.header(q, RecordHeaders.ORIGIN)).isEqualTo("ingest");
        assertThat(KafkaRecords.header(q, RecordHeaders.MQTT_TOPIC))
            .isEqualTo("http:/v1/push-sensor-data/");
        Reading r = Topics.READINGS.deserializeValue(q.value());
        assertThat(r.values()).containsEntry(Quantity.PM25, 13.4);
      }

      List<ConsumerRecord<byte[], byte[]>> readings =
          KafkaRecords.read(
              servers.kafkaBootstrap(), Topics.READINGS.prefixed(prefix).name(), 1, WAIT);
      assertThat(readings).extracting(KafkaRecords::key).containsExactly(own);
      assertThat(
              KafkaRecords.read(
                  servers.kafkaBootstrap(),
                  Topics.READINGS_DEAD_LETTER.prefixed(prefix).name(),
                  1,
                  Duration.ofSeconds(3)))
          .isEmpty();
      assertThat(bridge.scrape())
          .contains("airq_ingest_messages_total{outcome=\"forwarded\"} 1.0")
          .contains("airq_ingest_messages_total{outcome=\"rejected\"} 2.0");
    }
  }
}
