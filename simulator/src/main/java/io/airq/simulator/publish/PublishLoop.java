package io.airq.simulator.publish;

import io.airq.simulator.generate.SimMessage;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's one publish loop, shared by {@code simulate}, {@code replay} and {@code load}:
 * the pacer lets each message go at its time, the publisher sends it at its QoS within its window
 * of unacknowledged publishes (QoS 1: each message counts once the broker acknowledged it), the
 * progress bar follows, and at the end the loop waits up to a minute for the last acknowledgements.
 */
public final class PublishLoop {
  private static final Logger LOG = LoggerFactory.getLogger(PublishLoop.class);
  private static final long FLUSH_TIMEOUT_MS = 60_000;

  private PublishLoop() {}

  /** The messages to publish, one at a time. */
  public interface Source {
    /** Whether another message follows (a load run stops at its deadline). */
    boolean hasNext();

    /** The simulated time of the next message, which the pacer waits for. */
    Instant nextAt();

    /** The next message; made after the pacer let it go, so a payload may carry the send time. */
    SimMessage next();
  }

  /** A source over messages already made, in publishing order. */
  public static Source of(List<SimMessage> messages) {
    return new Source() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < messages.size();
      }

      @Override
      public Instant nextAt() {
        return messages.get(i).publishAt();
      }

      @Override
      public SimMessage next() {
        return messages.get(i++);
      }
    };
  }

  /**
   * What a loop published.
   *
   * @param sent messages handed to the client
   * @param acknowledged messages the broker acknowledged (at QoS 0: the client sent)
   * @param failed publishes that failed or were refused
   * @param seconds from the first message to the last acknowledgement
   * @param lastAt the simulated time of the last message (null when none was sent)
   * @param p50Ms median publish-to-acknowledgement latency
   * @param p95Ms 95th percentile latency
   * @param p99Ms 99th percentile latency
   * @param lastPayloadBytes size of the last payload
   */
  public record Outcome(
      long sent,
      long acknowledged,
      long failed,
      double seconds,
      Instant lastAt,
      long p50Ms,
      long p95Ms,
      long p99Ms,
      int lastPayloadBytes) {}

  /** Publishes every message of {@code source}, paced, on a connected publisher. */
  public static Outcome run(
      MqttPublisher publisher, Source source, Pacer pacer, ProgressBar progress)
      throws InterruptedException {
    long started = System.nanoTime();
    long sent = 0;
    Instant lastAt = null;
    int bytes = 0;
    while (source.hasNext()) {
      pacer.await(source.nextAt());
      SimMessage m = source.next();
      publisher.publish(m.topic(), m.payload());
      sent++;
      lastAt = m.publishAt();
      bytes = m.payload().length;
      progress.update(lastAt, sent);
    }
    if (!publisher.flush(FLUSH_TIMEOUT_MS)) {
      LOG.warn("some publishes were not acknowledged within {} s", FLUSH_TIMEOUT_MS / 1000);
    }
    if (lastAt != null) {
      progress.finish(lastAt, sent);
    }
    return new Outcome(
        sent,
        publisher.acked(),
        publisher.failed(),
        (System.nanoTime() - started) / 1e9,
        lastAt,
        publisher.latencyPercentileMs(0.5),
        publisher.latencyPercentileMs(0.95),
        publisher.latencyPercentileMs(0.99),
        bytes);
  }
}
