package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.Topics;
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
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * The bridge's memory under a burst it cannot keep up with: Mosquitto 2.0.11 sends past the MQTT v5
 * Receive Maximum once acknowledgements flow (before the bridge enforced it, up to 19,451 of a
 * 20,000-message burst sat unacknowledged in the bridge), so the bridge holds at most {@code
 * mqtt.receive-maximum} messages itself and leaves the rest queued in the broker. Every message
 * still reaches Kafka.
 */
@RealServers
class BridgeBackpressureIT {
  private static final int N = 20_000;
  private static final int SENSORS = 50;

  @Test
  void aBurstFasterThanKafkaWaitsInTheBrokerNotInTheBridge(Servers servers) throws Exception {
    String prefix = servers.newPrefix("ingest-burst");
    String gw = "gw-" + UUID.randomUUID().toString().substring(0, 8);
    BridgeConfig cfg = BridgeIT.config(servers, prefix, gw).build();
    Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    try (Bridge bridge = Bridge.start(cfg)) {
      MqttAsyncClient pub =
          new MqttAsyncClient(servers.mqttUrl(), "it-burst-" + gw, new MemoryPersistence());
      pub.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
      for (int i = 0; i < N; i++) {
        String body =
            "{\"time\":\""
                + t0.plusSeconds(i / SENSORS)
                + "\",\"values\":{\"pm25\":"
                + (i % 300) / 10.0
                + ",\"pm10\":21.7,\"temperature\":24.31,\"humidity\":61.2}}";
        MqttMessage m = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        while (true) {
          try {
            pub.publish("airq/v1/" + gw + "/s" + (i % SENSORS), m);
            break;
          } catch (MqttException e) {
            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
              throw e;
            }
            Thread.sleep(0, 200_000);
          }
        }
      }
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS.prefixed(prefix).name(),
              N,
              Duration.ofMinutes(3));
      Set<String> distinct = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : records) {
        distinct.add(KafkaRecords.key(r) + "@" + r.timestamp());
      }
      System.out.printf(
          "burst: %d of %d readings on Kafka; at most %d messages unacknowledged in the bridge"
              + " (receive maximum %d); reading paused %s times%n",
          distinct.size(), N, bridge.mostInFlight(), cfg.mqtt().receiveMaximum(), paused(bridge));
      pub.disconnect().waitForCompletion(10_000);
      pub.close();
      assertThat(distinct).as("distinct (sensor, time) on Kafka").hasSize(N);
      assertThat(bridge.mostInFlight())
          .as("messages held unacknowledged in the bridge at once")
          .isLessThanOrEqualTo(cfg.mqtt().receiveMaximum());
    }
  }

  private static String paused(Bridge bridge) {
    return bridge
        .scrape()
        .lines()
        .filter(l -> l.startsWith("airq_ingest_mqtt_paused_total"))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse("?");
  }
}
