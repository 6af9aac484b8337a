package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class WorkerRouteTest {
  @Test
  void aSensorsWorkerFollowsThePartitionTheProducerPutsItsReadingsIn() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      String sensor = "s-" + Long.toHexString(random.nextLong()) + "-ñ" + i;
      int partitions = 1 + random.nextInt(64);
      assertThat(WorkerRoute.partitionOf(sensor, partitions))
          .isEqualTo(
              BuiltInPartitioner.partitionForKey(
                  sensor.getBytes(StandardCharsets.UTF_8), partitions));
    }
  }

  @Test
  void sensorsOfOnePartitionShareAWorkerWhateverTheirGatewayOrFormatSegment() {
    WorkerRoute route = new WorkerRoute(3, 12);
    for (int i = 0; i < 500; i++) {
      String sensor = "sensor-" + i;
      int worker = WorkerRoute.partitionOf(sensor, 12) % 3;
      assertThat(route.of("airq/v1/gw-a/" + sensor)).isEqualTo(worker);
      assertThat(route.of("airq/v1/gw-b/" + sensor + "/senml")).isEqualTo(worker);
    }
  }

  @Test
  void topicsWithoutASensorOrWithoutAPartitionCountGoByTopicAndAlwaysToTheSameWorker() {
    WorkerRoute known = new WorkerRoute(4, 12);
    WorkerRoute unknown = new WorkerRoute(4, 0);
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String batch = "airq/v1/gw-" + i + "/-";
      String sensor = "airq/v1/gw/s" + i;
      assertThat(known.of(batch)).isEqualTo(Math.floorMod(batch.hashCode(), 4));
      assertThat(unknown.of(sensor))
          .isEqualTo(Math.floorMod(sensor.hashCode(), 4))
          .isEqualTo(unknown.of(sensor));
      used.add(unknown.of(sensor));
    }
    assertThat(used).containsExactlyInAnyOrder(0, 1, 2, 3);
    assertThat(new WorkerRoute(1, 0).of("not/airq")).isZero();
  }

  @Test
  void aRouteNeedsAWorker() {
    assertThatThrownBy(() -> new WorkerRoute(0, 3)).hasMessageContaining("worker");
  }
}
