package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.Sensor;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * One lag limit, through the whole pipeline: a gateway that was offline for 3 days delivers its
 * sensor's backlog while another sensor of the same partition is current, and the backlog is
 * delivered twice more (a bridge crash, a gateway resending). Every reading is stored once.
 */
@RealServers
class OfflineBacklogEndToEndIT {

  @Test
  void aThreeDayOfflineBacklogDeliveredThreeTimesIsStoredOnce(Servers servers) throws Exception {
    try (PipelineHarness h = new PipelineHarness(servers, "e2e-backlog")) {
      // two sensors of one partition (the devstack's topics have 4): the stores expire by the
      // partition's stream time, which the current sensor holds at now
      Sensor online = sensor("backlog-online");
      int partition = partitionOf(online.id());
      int k = 0;
      while (partitionOf("backlog-offline-" + k) != partition) {
        k++;
      }
      Sensor offline = sensor("backlog-offline-" + k);
      h.register(List.of(online, offline), List.of());
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      StringBuilder backlog = new StringBuilder("[");
      int n = 3 * 24 * 6;
      for (int i = 0; i < n; i++) {
        backlog
            .append(i == 0 ? "" : ",")
            .append("{\"time\":\"")
            .append(now.minus(Duration.ofDays(3)).plus(Duration.ofMinutes(10L * i)))
            .append("\",\"values\":{\"pm25\":")
            .append(12 + i % 9)
            .append("}}");
      }
      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "pub-" + h.prefix, new MemoryPersistence());
      pub.connect();
      for (int m = 0; m < 3; m++) {
        pub.publish(
            "airq/v1/gw-online/" + online.id(),
            ("{\"time\":\"" + now.plusSeconds(m) + "\",\"values\":{\"pm25\":9}}")
                .getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      for (int copy = 0; copy < 3; copy++) {
        pub.publish(
            "airq/v1/gw-offline/" + offline.id(),
            (backlog + "]").getBytes(StandardCharsets.UTF_8),
            1,
            false);
      }
      pub.disconnect();
      pub.close();
      String q =
          "SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\" WHERE sensor = '"
              + offline.id()
              + "'";
      long stored =
          PipelineHarness.awaitSettled(
              () -> h.count(q), Duration.ofSeconds(10), Duration.ofMinutes(3));
      h.awaitDrained(Duration.ofSeconds(10), Duration.ofMinutes(3));
      assertThat(h.count(q)).as("stored readings of the backlog, sent 3 times").isEqualTo(n);
      assertThat(stored).isEqualTo(n);
    }
  }

  /** Kafka's default partition of a string key on the devstack's 4 partitions. */
  private static int partitionOf(String key) {
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
        % 4;
  }

  private static Sensor sensor(String id) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .area("backlog-area")
        .county("Nairobi")
        .reportingInterval(Duration.ofMinutes(10))
        .model("SDS011")
        .build();
  }
}
