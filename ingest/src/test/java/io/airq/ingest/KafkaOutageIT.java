package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.Topics;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.TopicSetup;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
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
        BridgeConfig.defaults(servers.mqttUrl(), kafka.endpoint(), prefix)
            .withClientId("it-outage-" + gw)
            .withShareGroup("g-" + gw)
            .withTopicFilter("airq/v1/" + gw + "/#")
            .withHttpPort(0);
    int n = 60;
    Instant base = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
    Set<String> sent = new HashSet<>();
    try (Bridge bridge = Bridge.start(cfg)) {
      MqttClient pub = new MqttClient(servers.mqttUrl(), "it-pub-" + gw, new MemoryPersistence());
      pub.connect(new MqttConnectionOptions());
      for (int i = 0; i < n; i++) {
        if (i == n / 2) {
          kafka.kill();
        }
        Instant t = base.plusSeconds(i);
        sent.add("s1@" + t);
        pub.publish(
            "airq/v1/" + gw + "/s1",
            ("{\"time\":\"" + t + "\",\"values\":{\"pm25\":" + i + "}}")
                .getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      pub.disconnect();
      pub.close();
      Thread.sleep(3_000);
      assertThat(bridge.scrape()).doesNotContain("airq_ingest_in_flight 0.0");
      kafka.start();
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.readUntil(
              kafka.endpoint(),
              Topics.READINGS.prefixed(prefix).name(),
              rs -> times(rs).containsAll(sent),
              Duration.ofSeconds(120));
      assertThat(times(records)).containsAll(sent);
      assertThat(bridge.awaitIdle(Duration.ofSeconds(30))).isTrue();
    } finally {
      kafka.stop();
    }
  }

  private static Set<String> times(List<ConsumerRecord<byte[], byte[]>> records) {
    Set<String> got = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      got.add(KafkaRecords.key(r) + "@" + Instant.ofEpochMilli(r.timestamp()));
    }
    return got;
  }
}
