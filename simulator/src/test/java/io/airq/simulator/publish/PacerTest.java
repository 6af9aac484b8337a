package io.airq.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PacerTest {
  /** A clock that only moves when the pacer sleeps or the test says work took time. */
  private static final class FakeTime {
    long now = 1_000_000_000L;
    final long overshoot;

    FakeTime(long overshoot) {
      this.overshoot = overshoot;
    }

    void sleep(long nanos) {
      now += nanos + overshoot;
    }
  }

  /** Messages sent in {@code seconds} of fake time, each taking {@code workNanos} to send. */
  private static long sentIn(double rate, long overshoot, long workNanos, double seconds) {
    FakeTime t = new FakeTime(overshoot);
    Pacer pacer = new Pacer(Instant.EPOCH, 0, rate, () -> t.now, t::sleep);
    long end = t.now + (long) (seconds * 1e9);
    long n = 0;
    while (true) {
      pacer.await(Instant.EPOCH);
      if (t.now >= end) {
        return n;
      }
      n++;
      t.now += workNanos;
    }
  }

  @Test
  void theCapIsKeptOverTheLongRunWhenEverySleepWakesLate() {
    // 9,000/s is a slot every 111 µs; each sleep wakes 80 µs late and each send takes 20 µs. The
    // old pacer restarted its schedule from the late wake-up and sent about 4,800/s.
    assertThat(sentIn(9_000, 80_000, 20_000, 10)).isBetween(89_900L, 90_000L);
  }

  @Test
  void neverFasterThanTheCap() {
    assertThat(sentIn(1_000, 0, 0, 10)).isBetween(9_999L, 10_000L);
    assertThat(sentIn(50_000, 3_000, 1_000, 2)).isBetween(99_900L, 100_000L);
  }

  @Test
  void aSenderSlowerThanTheCapSendsAsFastAsItCan() {
    // 200 µs per send is 5,000/s at most; the cap of 10,000/s must not make it slower.
    assertThat(sentIn(10_000, 50_000, 200_000, 10)).isBetween(49_990L, 50_000L);
  }

  @Test
  void afterAStallTheCatchUpIsBounded() {
    FakeTime t = new FakeTime(0);
    Pacer pacer = new Pacer(Instant.EPOCH, 0, 1_000, () -> t.now, t::sleep);
    pacer.await(Instant.EPOCH);
    t.now += Duration.ofSeconds(5).toNanos(); // the publisher blocked for 5 s
    long before = t.now;
    int immediate = 0;
    while (true) {
      pacer.await(Instant.EPOCH);
      if (t.now > before) {
        break;
      }
      immediate++;
    }
    // 250 ms of catch-up at 1 ms a slot: about 250 messages at once, not the 5,000 slots missed.
    assertThat(immediate).isBetween(249, 251);
  }

  @Test
  void simulatedTimeIsPacedBySpeed() {
    FakeTime t = new FakeTime(0);
    long start = t.now;
    Pacer pacer = new Pacer(Instant.EPOCH, 60, 0, () -> t.now, t::sleep);
    pacer.await(Instant.EPOCH.plusSeconds(600));
    assertThat(t.now - start).isEqualTo(Duration.ofSeconds(10).toNanos());
  }
}
