package io.airq.ingest;

import io.airq.ingest.payload.TopicRoute;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * Which parse worker an MQTT topic goes to. A sensor's topic goes to the worker of the sensor's
 * readings partition, so the sensors sharing a partition reach it in the order their messages
 * arrived (with a worker per topic, one busy worker put some sensors a day of measurement time
 * behind others of their partition in a fast replay). Other topics (gateway batches), or all topics
 * when the partition count is not known, by topic. Either way a topic always uses the same worker,
 * which keeps its order.
 *
 * @param workers the number of workers
 * @param readingsPartitions the readings topic's partition count; 0 when not known
 */
record WorkerRoute(int workers, int readingsPartitions) {

  WorkerRoute {
    if (workers < 1 || readingsPartitions < 0) {
      throw new IllegalArgumentException(
          "need a worker and a partition count >= 0, got " + workers + ", " + readingsPartitions);
    }
  }

  /** The worker of {@code topic}, in {@code [0, workers)}. */
  int of(String topic) {
    if (readingsPartitions > 0) {
      Optional<String> sensor = TopicRoute.sensor(topic);
      if (sensor.isPresent()) {
        return partitionOf(sensor.get(), readingsPartitions) % workers;
      }
    }
    return Math.floorMod(topic.hashCode(), workers);
  }

  /** The partition the readings of {@code sensor} go to (Kafka's default for a string key). */
  static int partitionOf(String sensor, int partitions) {
    return Utils.toPositive(Utils.murmur2(sensor.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
