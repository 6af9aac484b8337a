package io.airq.streams;

import io.airq.kit.Check;
import org.apache.kafka.streams.KafkaStreams;

/** The streams job's own health check: the state of its Kafka Streams client. */
final class StreamsHealth {
  private StreamsHealth() {}

  /**
   * Up while the client processes or is rebalancing ({@code RUNNING}, {@code REBALANCING}); down
   * before it started ({@code CREATED}), when a stream thread killed it ({@code ERROR}) and while
   * or after it stops ({@code PENDING_SHUTDOWN}, {@code PENDING_ERROR}, {@code NOT_RUNNING}).
   */
  static Check of(KafkaStreams.State state) {
    String detail = "Kafka Streams " + state;
    return switch (state) {
      case RUNNING, REBALANCING -> Check.up(detail);
      default -> Check.down(detail);
    };
  }
}
