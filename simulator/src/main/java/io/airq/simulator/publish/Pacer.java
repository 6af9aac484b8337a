package io.airq.simulator.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Paces publishing: simulated time runs {@code speed} times faster than real time (0 = no pacing),
 * and at most {@code rateCap} messages per second leave (0 = no cap).
 *
 * <p>The cap keeps a schedule of send slots, one every {@code 1 / rateCap} seconds, so that the
 * long-run rate is the cap even when a sleep overshoots (Linux wakes a parked thread tens of
 * microseconds late, which at 10,000 messages/s is most of a slot). A sender that fell behind, by
 * an overshoot or by a publish that blocked (a QoS 1 publish waits whenever the in-flight window is
 * full), catches up on missed slots at full speed, but on at most {@link #MAX_CATCH_UP} of them:
 * after a longer stall that many are sent at once (2,500 messages at 10,000/s), and the schedule
 * goes on from there instead of owing the whole stall.
 */
public final class Pacer {
  /** How far behind its schedule the cap lets a sender catch up at full speed. */
  static final Duration MAX_CATCH_UP = Duration.ofMillis(250);

  private final Instant simStart;
  private final double speed;
  private final long capIntervalNanos;
  private final LongSupplier clock;
  private final LongConsumer sleeper;
  private final long realStart;
  private long nextAllowed;

  public Pacer(Instant simStart, double speed, double rateCap) {
    this(simStart, speed, rateCap, System::nanoTime, LockSupport::parkNanos);
  }

  /** With a clock in nanoseconds and a sleeper that waits about the nanoseconds it is given. */
  Pacer(Instant simStart, double speed, double rateCap, LongSupplier clock, LongConsumer sleeper) {
    this.simStart = simStart;
    this.speed = speed;
    this.capIntervalNanos = rateCap > 0 ? (long) (1e9 / rateCap) : 0;
    this.clock = clock;
    this.sleeper = sleeper;
    this.realStart = clock.getAsLong();
    this.nextAllowed = realStart;
  }

  /** Sleeps until a message simulated at {@code at} may be sent. */
  public void await(Instant at) {
    long target = realStart;
    if (speed > 0) {
      target += (long) (Duration.between(simStart, at).toNanos() / speed);
    }
    if (capIntervalNanos > 0) {
      long earliest = clock.getAsLong() - MAX_CATCH_UP.toNanos();
      long slot = nextAllowed - earliest >= 0 ? nextAllowed : earliest; // wrap-safe max
      target = slot - target >= 0 ? slot : target; // wrap-safe max
      nextAllowed = target + capIntervalNanos;
    }
    long wait;
    while ((wait = target - clock.getAsLong()) > 0) {
      sleeper.accept(wait);
    }
  }
}
