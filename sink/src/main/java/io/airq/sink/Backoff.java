package io.airq.sink;

import java.time.Duration;

/**
 * Exponential backoff between attempts to write a batch InfluxDB could not take: 250 ms, doubling
 * up to a maximum; a success ends it. Times are {@link System#nanoTime}.
 */
final class Backoff {
  static final Duration FIRST = Duration.ofMillis(250);

  private final Duration max;
  private Duration current = Duration.ZERO;
  private long nextAttemptAt;

  Backoff(Duration max) {
    if (max.isNegative() || max.isZero()) {
      throw new IllegalArgumentException("the longest backoff must be positive: " + max);
    }
    this.max = max;
  }

  /** Whether the last attempt failed (and none succeeded since). */
  boolean retrying() {
    return !current.isZero();
  }

  /** Records a failed attempt at {@code nowNanos}; returns how long to wait before the next. */
  Duration failed(long nowNanos) {
    Duration next = current.isZero() ? FIRST : current.multipliedBy(2);
    current = next.compareTo(max) > 0 ? max : next;
    // a maximum of centuries (the key allows it) does not fit in nanoseconds: wait "forever"
    long wait =
        current.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE / 4 : current.toNanos();
    nextAttemptAt = nowNanos + wait;
    return current;
  }

  /** Whether an attempt may start now: no failure to wait out, or its backoff has passed. */
  boolean mayAttempt(long nowNanos) {
    return !retrying() || nowNanos - nextAttemptAt >= 0;
  }

  /** Records a successful attempt; returns whether it ended a run of failures. */
  boolean succeeded() {
    boolean wasRetrying = retrying();
    current = Duration.ZERO;
    return wasRetrying;
  }
}
