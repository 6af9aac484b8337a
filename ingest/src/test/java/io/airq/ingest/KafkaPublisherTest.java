package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class KafkaPublisherTest {
  @Test
  void aSensorsWorkerFollowsThePartitionTheProducerPutsItsReadingsIn() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      String sensor = "s-" + Long.toHexString(random.nextLong()) + "-ñ" + i;
      int partitions = 1 + random.nextInt(64);
      assertThat(KafkaPublisher.partitionOf(sensor, partitions))
          .isEqualTo(
              BuiltInPartitioner.partitionForKey(
                  sensor.getBytes(StandardCharsets.UTF_8), partitions));
    }
  }
}
