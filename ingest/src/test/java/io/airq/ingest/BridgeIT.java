package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

@RealServers
class BridgeIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static byte[] shared(String name) throws Exception {
    return Files.readAllBytes(Path.of(System.getProperty("airq.shared.data"), "payloads", name));
  }

  /** A bridge on its own gateway subtree, share group and topic prefix, so tests do not mix. */
  static BridgeConfig.Builder config(Servers servers, String prefix, String gateway) {
    return BridgeConfig.builder(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
        .set(MqttConfig.CLIENT_ID, "it-" + gateway)
        .set(MqttConfig.SHARE_GROUP, "g-" + gateway)
        .set(MqttConfig.TOPIC_FILTER, "airq/v1/" + gateway + "/#")
        .set(HttpConfig.PORT, -1);
  }

  private static MqttClient publisher(Servers servers) throws Exception {
    MqttClient pub =
        new MqttClient(servers.mqttUrl(), "it-pub-" + UUID.randomUUID(), new MemoryPersistence());
    pub.connect(new MqttConnectionOptions());
    return pub;
  }

  private static Map<String, Reading> readingsBySensor(
      List<ConsumerRecord<byte[], byte[]>> records, String topic) {
    return records.stream()
        .collect(
            Collectors.toMap(
                KafkaRecords::key, r -> Topics.READINGS.deserializeValue(r.value()), (a, b) -> a));
  }

  @Test
  void everyFormatPublishedOverMqttArrivesInKafkaKeyedBySensorWithProvenance(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-formats");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String purpleAir =
        new String(shared("purpleair_pa-ii_local_json_fw7.02.json"), StandardCharsets.UTF_8)
            .replace(
                "2023/10/26T18:53:40z",
                DateTimeFormatter.ofPattern("uuuu/MM/dd'T'HH:mm:ss'z'")
                    .withZone(ZoneOffset.UTC)
                    .format(now.minusSeconds(60)));
    String senml =
        "[{\"bn\":\"senml-01:\",\"bt\":" + now.getEpochSecond() + ",\"n\":\"pm25\",\"v\":9.5}]";
    String airq =
        "{\"sensor\":\"airq-01\",\"time\":\""
            + now.minusSeconds(30)
            + "\",\"values\":{\"pm10\":20}}";
    try (Bridge bridge = Bridge.start(config(servers, prefix, gw).build())) {
      MqttClient pub = publisher(servers);
      pub.publish("airq/v1/" + gw + "/-", airq.getBytes(StandardCharsets.UTF_8), 1, false);
      pub.publish(
          "airq/v1/" + gw + "/sc-01/sensor-community",
          shared("sensors_africa_push_example.json"),
          1,
          false);
      pub.publish(
          "airq/v1/" + gw + "/-", shared("airgradient_measures_current_fw3.1.3.json"), 1, false);
      pub.publish("airq/v1/" + gw + "/-", purpleAir.getBytes(StandardCharsets.UTF_8), 1, false);
      pub.publish("airq/v1/" + gw + "/-/senml", senml.getBytes(StandardCharsets.UTF_8), 1, false);
      pub.disconnect();
      pub.close();

      String topic = Topics.READINGS.prefixed(prefix).name();
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.read(servers.kafkaBootstrap(), topic, 5, WAIT);
      Map<String, Reading> bySensor = readingsBySensor(records, topic);
      assertThat(bySensor)
          .containsOnlyKeys(
              "airq-01", "sc-01", "airgradient-ecda3b1eaaaf", "purpleair-441793019d03", "senml-01");
      assertThat(bySensor.get("airq-01").value(Quantity.PM10)).isEqualTo(20.0);
      assertThat(bySensor.get("sc-01").value(Quantity.PM25)).isEqualTo(13.4);
      assertThat(bySensor.get("airgradient-ecda3b1eaaaf").value(Quantity.CO2)).isEqualTo(447.0);
      assertThat(bySensor.get("purpleair-441793019d03").channelB()).containsKey(Quantity.PM25);
      assertThat(bySensor.get("senml-01").time()).isEqualTo(now);
      for (ConsumerRecord<byte[], byte[]> r : records) {
        Reading reading = Topics.READINGS.deserializeValue(r.value());
        assertThat(r.timestamp()).isEqualTo(reading.time().toEpochMilli());
        assertThat(KafkaRecords.header(r, RecordHeaders.GATEWAY)).isEqualTo(gw);
        assertThat(KafkaRecords.header(r, RecordHeaders.MQTT_TOPIC))
            .startsWith("airq/v1/" + gw + "/");
        assertThat(KafkaRecords.header(r, RecordHeaders.FORMAT)).isEqualTo(reading.format().id());
        assertThat(KafkaRecords.header(r, RecordHeaders.RECEIVED_AT)).isNotBlank();
      }
      assertThat(bySensor.get("sc-01").format()).isEqualTo(SourceFormat.SENSOR_COMMUNITY);
      assertThat(bridge.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(bridge.scrape()).contains("airq_ingest_messages_total{outcome=\"forwarded\"} 5.0");
    }
  }

  @Test
  void badPayloadsEndInTheDeadLetterTopicWithTheOriginalBytesAndReason(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-dlq");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> bad =
        Map.of(
            "malformed", "{\"values\":",
            "nan", "{\"values\":{\"pm25\":NaN}}",
            "future",
                "{\"time\":\"" + Instant.now().plusSeconds(3600) + "\",\"values\":{\"pm25\":1}}",
            "shape", "{\"hello\":\"world\"}",
            "empty", "{\"values\":{}}");
    try (Bridge bridge = Bridge.start(config(servers, prefix, gw).build())) {
      MqttClient pub = publisher(servers);
      for (var e : bad.entrySet()) {
        pub.publish(
            "airq/v1/" + gw + "/" + e.getKey(),
            e.getValue().getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      byte[] big = new byte[300 * 1024];
      java.util.Arrays.fill(big, (byte) ' ');
      pub.publish("airq/v1/" + gw + "/big", big, 1, false);
      pub.disconnect();
      pub.close();
      List<ConsumerRecord<byte[], byte[]>> dead =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS_DEAD_LETTER.prefixed(prefix).name(),
              6,
              WAIT);
      Map<String, ConsumerRecord<byte[], byte[]>> byKey =
          dead.stream()
              .collect(
                  Collectors.toMap(KafkaRecords::key, r -> r, (a, b) -> a, java.util.HashMap::new));
      ConsumerRecord<byte[], byte[]> tooLarge = byKey.remove("big");
      assertThat(KafkaRecords.header(tooLarge, RecordHeaders.REASON_CODE))
          .isEqualTo("payload-too-large");
      assertThat(tooLarge.value()).hasSize(256 * 1024);
      assertThat(byKey).containsOnlyKeys(bad.keySet());
      Map<String, String> codes =
          byKey.entrySet().stream()
              .collect(
                  Collectors.toMap(
                      Map.Entry::getKey,
                      e -> KafkaRecords.header(e.getValue(), RecordHeaders.REASON_CODE)));
      assertThat(codes)
          .containsEntry("malformed", "malformed-json")
          .containsEntry("nan", "non-finite")
          .containsEntry("future", "future-timestamp")
          .containsEntry("shape", "unknown-shape")
          .containsEntry("empty", "no-values");
      for (var e : byKey.entrySet()) {
        ConsumerRecord<byte[], byte[]> r = e.getValue();
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(bad.get(e.getKey()));
        assertThat(KafkaRecords.header(r, RecordHeaders.ORIGIN)).isEqualTo("ingest");
        assertThat(KafkaRecords.header(r, RecordHeaders.REASON)).isNotBlank();
        assertThat(KafkaRecords.header(r, RecordHeaders.MQTT_TOPIC))
            .isEqualTo("airq/v1/" + gw + "/" + e.getKey());
      }
      assertThat(
              KafkaRecords.read(
                  servers.kafkaBootstrap(),
                  Topics.READINGS.prefixed(prefix).name(),
                  0,
                  Duration.ZERO))
          .isEmpty();
      assertThat(bridge.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(bridge.scrape())
          .contains("airq_ingest_messages_total{outcome=\"invalid\"} 4.0")
          .contains("airq_ingest_messages_total{outcome=\"rejected\"} 2.0");
    }
  }

  @Test
  void firmwarePushOverHttpIsStoredBeforeTheAnswerAndBadBodiesGet400(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-http");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    try (Bridge bridge = Bridge.start(config(servers, prefix, gw).build())) {
      HttpClient http = HttpClient.newHttpClient();
      URI push = URI.create("http://127.0.0.1:" + bridge.httpPort() + "/v1/push-sensor-data/");
      HttpResponse<String> ok =
          http.send(
              HttpRequest.newBuilder(push)
                  .header("Content-Type", "application/json")
                  .header("X-Sensor", "esp8266-15355455")
                  // the custom API's one request with every sensor's values has no X-PIN (per-pin
                  // pushes are merged first: PinPushIT)
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          shared("sensors_africa_push_example.json")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(201);
      // 201 came after Kafka acked: the record is there now, not eventually.
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.read(
              servers.kafkaBootstrap(), Topics.READINGS.prefixed(prefix).name(), 1, WAIT);
      assertThat(records).hasSize(1);
      assertThat(KafkaRecords.key(records.get(0))).isEqualTo("esp8266-15355455");
      Reading r = Topics.READINGS.deserializeValue(records.get(0).value());
      assertThat(r.values()).containsEntry(Quantity.PM25, 13.4).hasSize(3);
      assertThat(KafkaRecords.header(records.get(0), RecordHeaders.MQTT_TOPIC))
          .isEqualTo("http:/v1/push-sensor-data/");

      HttpResponse<String> bad =
          http.send(
              HttpRequest.newBuilder(push)
                  .header("X-Sensor", "esp8266-15355455")
                  .header("X-PIN", "1")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"sensordatavalues\":[{\"value_type\":\"P2\",\"value\":\"x\"}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).startsWith("wrong-type:");

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + bridge.httpPort() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body())
          .startsWith("{\"service\":\"ingest\",\"status\":\"UP\"")
          .contains("\"mqtt\":{\"status\":\"UP\"", "\"kafka\":{\"status\":\"UP\"");
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + bridge.httpPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("airq_ingest_messages_total{outcome=\"forwarded\"} 1.0")
          .contains("airq_ingest_messages_total{outcome=\"invalid\"} 1.0")
          .contains("airq_ingest_mqtt_connected 1.0");
    }
  }

  @Test
  void twoBridgesOnASharedSubscriptionDeliverEveryMessageAndARestartLosesNothing(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-share");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    BridgeConfig a =
        config(servers, prefix, gw)
            .set(MqttConfig.CLIENT_ID, "it-a-" + gw)
            .set(HttpConfig.PORT, 0)
            .build();
    BridgeConfig b =
        config(servers, prefix, gw)
            .set(MqttConfig.CLIENT_ID, "it-b-" + gw)
            .set(HttpConfig.PORT, 0)
            .build();
    int n = 400;
    Instant base = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    Set<String> sent = new HashSet<>();
    Bridge first = Bridge.start(a);
    try (Bridge second = Bridge.start(b)) {
      MqttClient pub = publisher(servers);
      for (int i = 0; i < n; i++) {
        String sensor = "s" + (i % 7);
        Instant t = base.plusSeconds(i);
        sent.add(sensor + "@" + t);
        pub.publish(
            "airq/v1/" + gw + "/" + sensor,
            ("{\"time\":\"" + t + "\",\"values\":{\"pm25\":" + i + "}}")
                .getBytes(StandardCharsets.UTF_8),
            1,
            false);
        if (i == n / 2) {
          first.close(); // mid-stream: its unacknowledged messages stay in its session
        }
      }
      pub.disconnect();
      pub.close();
      first = Bridge.start(a); // resumes the session; the broker redelivers what was not acked
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.readUntil(
              servers.kafkaBootstrap(),
              Topics.READINGS.prefixed(prefix).name(),
              rs -> sensorTimes(rs).containsAll(sent),
              WAIT);
      assertThat(sensorTimes(records)).containsAll(sent);
      assertThat(records.size()).isGreaterThanOrEqualTo(n);
    } finally {
      first.close();
    }
  }

  /** Duplicates after a restart are allowed (removed downstream by sensor and time). */
  private static Set<String> sensorTimes(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> got = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      got.add(KafkaRecords.key(r) + "@" + Instant.ofEpochMilli(r.timestamp()));
    }
    return got;
  }

  @Test
  void strictModeForwardsRegisteredSensorsAndQuarantinesForeignAndUnknownOnes(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("ingest-strict");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    Properties pp = new Properties();
    pp.put("bootstrap.servers", servers.kafkaBootstrap());
    try (KafkaProducer<String, io.airq.core.registry.Sensor> reg =
        new KafkaProducer<>(
            pp, Topics.SENSORS.keySerde().serializer(), Topics.SENSORS.valueSerde().serializer())) {
      for (String id : List.of("mine", "theirs")) {
        reg.send(
                new ProducerRecord<>(
                    Topics.SENSORS.prefixed(prefix).name(),
                    id,
                    io.airq.core.registry.Sensor.builder(id)
                        .position(-1.28, 36.82)
                        .gatewayId(id.equals("mine") ? gw : "someone-else")
                        .area("CBD")
                        .county("Nairobi")
                        .build()))
            .get(30, TimeUnit.SECONDS);
      }
    }
    try (Bridge bridge =
        Bridge.start(
            config(servers, prefix, gw).set(BridgeConfig.GATEWAY_MODE, "strict").build())) {
      MqttClient pub = publisher(servers);
      for (String sensor : List.of("mine", "theirs", "ghost")) {
        pub.publish(
            "airq/v1/" + gw + "/" + sensor,
            "{\"values\":{\"pm25\":5}}".getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      pub.disconnect();
      pub.close();
      List<ConsumerRecord<byte[], byte[]>> quarantined =
          KafkaRecords.read(
              servers.kafkaBootstrap(), Topics.QUARANTINE.prefixed(prefix).name(), 2, WAIT);
      Map<String, String> codes =
          quarantined.stream()
              .collect(
                  Collectors.toMap(
                      KafkaRecords::key,
                      r -> KafkaRecords.header(r, RecordHeaders.REASON_CODE),
                      (a, b) -> a));
      assertThat(codes)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("theirs", "foreign-sensor", "ghost", "unknown-sensor"));
      List<ConsumerRecord<byte[], byte[]>> forwarded =
          KafkaRecords.read(
              servers.kafkaBootstrap(), Topics.READINGS.prefixed(prefix).name(), 1, WAIT);
      assertThat(forwarded).extracting(KafkaRecords::key).containsExactly("mine");
    }
  }
}
