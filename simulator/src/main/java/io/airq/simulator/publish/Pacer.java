package io.airq.simulator.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces publishing: simulated time runs {@code speed} times faster than real time (0 = no pacing),
 * and at most {@code rateCap} messages per second leave (0 = no cap).
 */
public final class Pacer {
  private final Instant simStart;
  private final double speed;
  private final long capIntervalNanos;
  private final long realStart = System.nanoTime();
  private long nextAllowed = realStart;

  public Pacer(Instant simStart, double speed, double rateCap) {
    this.simStart = simStart;
    this.speed = speed;
    this.capIntervalNanos = rateCap > 0 ? (long) (1e9 / rateCap) : 0;
  }

  /** Sleeps until a message simulated at {@code at} may be sent. */
  public void await(Instant at) {
    long target = realStart;
    if (speed > 0) {
      target += (long) (Duration.between(simStart, at).toNanos() / speed);
    }
    if (capIntervalNanos > 0) {
      target = Math.max(target, nextAllowed);
      nextAllowed = Math.max(nextAllowed, System.nanoTime()) + capIntervalNanos;
    }
    long wait;
    while ((wait = target - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
