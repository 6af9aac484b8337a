package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.Topics;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.TopicSetup;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.MqttConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** A broker fault, so this test runs its own Kafka broker beside the shared servers. */
@RealServers
class KafkaOutageIT {

  @Test
  void kafkaKilledMidStreamAndRestartedLosesNoReading(Servers servers) throws Exception {
    KafkaBroker kafka = KafkaBroker.start(servers.newDirectory("ingest-kafka-outage"), 0);
    String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    TopicSetup.createAll(kafka.endpoint(), prefix, 1);
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    BridgeConfig cfg =
        BridgeConfig.builder(servers.mqttUrl(), kafka.endpoint(), prefix)
            .set(MqttConfig.CLIENT_ID, "it-outage-" + gw)
            .set(MqttConfig.SHARE_GROUP, "g-" + gw)
            .set(MqttConfig.TOPIC_FILTER, "airq/v1/" + gw + "/#")
            .set(HttpConfig.PORT, -1)
            .build();
    // one reading every 20 ms for 12 s; the broker is killed after 2 s and started again at 6 s,
    // so readings keep arriving before, during and right after the outage
    int n = 600;
    Instant base = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    Set<String> sent = new HashSet<>();
    try (Bridge bridge = Bridge.start(cfg)) {
      MqttClient pub = new MqttClient(servers.mqttUrl(), "it-pub-" + gw, new MemoryPersistence());
      pub.connect(new MqttConnectionOptions());
      boolean sawUnacked = false;
      HttpResponse<String> healthDuringOutage = null;
      for (int i = 0; i < n; i++) {
        if (i == 100) {
          kafka.kill();
        }
        if (i == 250) {
          sawUnacked = !bridge.scrape().contains("airq_ingest_in_flight 0.0");
          healthDuringOutage = health(bridge);
        }
        if (i == 300) {
          kafka.start();
        }
        Instant t = base.plusSeconds(i);
        sent.add("s1@" + t);
        pub.publish(
            "airq/v1/" + gw + "/s1",
            ("{\"time\":\"" + t + "\",\"values\":{\"pm25\":" + i + "}}")
                .getBytes(StandardCharsets.UTF_8),
            1,
            false);
        Thread.sleep(20);
      }
      pub.disconnect();
      pub.close();
      assertThat(sawUnacked).as("messages were held unacknowledged during the outage").isTrue();
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.readUntil(
              kafka.endpoint(),
              Topics.READINGS.prefixed(prefix).name(),
              rs -> times(rs).containsAll(sent),
              Duration.ofSeconds(120));
      assertThat(times(records)).containsAll(sent);
      // one sensor, one partition: its readings are on Kafka in the order they were published,
      // also those held during the outage (a retried one must not land behind newer ones)
      List<Instant> order =
          records.stream().map(r -> Instant.ofEpochMilli(r.timestamp())).distinct().toList();
      assertThat(order).isSorted().hasSize(n);
      assertThat(bridge.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(healthDuringOutage.statusCode()).isEqualTo(503);
      assertThat(healthDuringOutage.body())
          .contains("\"status\":\"DOWN\"", "\"kafka\":{\"status\":\"DOWN\"")
          .contains("\"mqtt\":{\"status\":\"UP\"");
      HttpResponse<String> after = health(bridge);
      assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
      assertThat(after.body()).contains("\"kafka\":{\"status\":\"UP\"");
    } finally {
      kafka.stop();
    }
  }

  private static HttpResponse<String> health(Bridge bridge) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.httpPort() + "/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Set<String> times(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> got = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      got.add(KafkaRecords.key(r) + "@" + Instant.ofEpochMilli(r.timestamp()));
    }
    return got;
  }
}
