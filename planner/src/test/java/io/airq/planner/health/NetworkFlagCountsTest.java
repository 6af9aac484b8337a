package io.airq.planner.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.registry.Sensor;
import io.airq.planner.health.NetworkFlagCounts.Counted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetworkFlagCountsTest {
  private static final Instant T0 = Instant.parse("2026-03-08T12:00:00Z");

  private final MovableClock clock = new MovableClock(T0);
  private final AtomicReference<List<Sensor>> registered =
      new AtomicReference<>(List.of(sensor("a"), sensor("b")));

  /** Each count: its sensors and its start, and the number of counts so far as its readings. */
  private final List<String> counts = new CopyOnWriteArrayList<>();

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  private NetworkFlags count(Collection<String> sensors, Instant since) {
    counts.add(sensors + " since " + since);
    return new NetworkFlags(counts.size(), 0, Map.of(), Map.of());
  }

  @Test
  void aPeriodIsCountedAgainWhenOlderThanItsRefreshOrWhenTheRegisteredSensorsChanged() {
    NetworkFlagCounts c = new NetworkFlagCounts(registered::get, this::count, clock);
    Counted day = c.get(FlagPeriod.LAST_24H);
    Counted week = c.get(FlagPeriod.LAST_7D);
    assertThat(day.countedAt()).isEqualTo(T0);
    assertThat(counts)
        .containsExactly(
            "[a, b] since " + T0.minus(Duration.ofDays(1)),
            "[a, b] since " + T0.minus(Duration.ofDays(7)));

    clock.move(Duration.ofSeconds(59));
    assertThat(c.get(FlagPeriod.LAST_24H)).isSameAs(day);
    assertThat(c.get(FlagPeriod.LAST_7D)).isSameAs(week);
    assertThat(counts).hasSize(2);

    clock.move(Duration.ofSeconds(1));
    Counted day2 = c.get(FlagPeriod.LAST_24H);
    assertThat(day2.countedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(day2.flags().readings()).isEqualTo(3);
    assertThat(c.get(FlagPeriod.LAST_7D)).as("the 7 days: every 15 minutes").isSameAs(week);

    registered.set(List.of(sensor("a"), sensor("b"), sensor("c")));
    Counted week2 = c.get(FlagPeriod.LAST_7D);
    assertThat(week2.countedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(counts.get(3)).startsWith("[a, b, c] since");

    assertThat(week2.flags().readings()).isEqualTo(4);
    clock.move(Duration.ofMinutes(15));
    assertThat(c.get(FlagPeriod.LAST_7D).flags().readings()).isEqualTo(5);
  }

  @Test
  void concurrentFirstCallersWaitForOneCount() throws Exception {
    CountDownLatch inCount = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    NetworkFlagCounts c =
        new NetworkFlagCounts(
            registered::get,
            (sensors, since) -> {
              calls.incrementAndGet();
              inCount.countDown();
              await(release);
              return new NetworkFlags(42, 1, Map.of(), Map.of());
            },
            clock);
    List<Thread> callers = new CopyOnWriteArrayList<>();
    List<Future<Counted>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(
          threads.submit(
              () -> {
                callers.add(Thread.currentThread());
                return c.get(FlagPeriod.LAST_7D);
              }));
    }
    assertThat(inCount.await(10, TimeUnit.SECONDS)).isTrue();
    // every caller parked: one in the count, the others behind it (without the lock, in counts)
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (callers.size() < 6
        || callers.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
      assertThat(System.nanoTime()).as("callers parked").isLessThan(deadline);
      Thread.sleep(5);
    }
    assertThat(calls.get()).isEqualTo(1);
    release.countDown();
    Counted first = answers.get(0).get(10, TimeUnit.SECONDS);
    for (Future<Counted> a : answers) {
      assertThat(a.get(10, TimeUnit.SECONDS)).isSameAs(first);
    }
    assertThat(first.flags().readings()).isEqualTo(42);
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void whileOneCallerCountsTheOthersGetThePreviousCounts() throws Exception {
    CountDownLatch inSecondCount = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    NetworkFlagCounts c =
        new NetworkFlagCounts(
            registered::get,
            (sensors, since) -> {
              int n = calls.incrementAndGet();
              if (n == 2) {
                inSecondCount.countDown();
                await(release);
              }
              return new NetworkFlags(n, 0, Map.of(), Map.of());
            },
            clock);
    Counted previous = c.get(FlagPeriod.LAST_24H);
    clock.move(Duration.ofMinutes(2));
    Future<Counted> counting = threads.submit(() -> c.get(FlagPeriod.LAST_24H));
    assertThat(inSecondCount.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(threads.submit(() -> c.get(FlagPeriod.LAST_24H)).get(10, TimeUnit.SECONDS))
          .isSameAs(previous);
    }
    assertThat(calls.get()).isEqualTo(2);
    release.countDown();
    Counted fresh = counting.get(10, TimeUnit.SECONDS);
    assertThat(fresh.flags().readings()).isEqualTo(2);
    assertThat(fresh.countedAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
    assertThat(c.get(FlagPeriod.LAST_24H)).isSameAs(fresh);
  }

  @Test
  void aFailedCountKeepsTheLastCountsAndIsTriedAgainAMinuteLater() {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    NetworkFlagCounts c =
        new NetworkFlagCounts(
            registered::get,
            (sensors, since) -> {
              calls.incrementAndGet();
              if (failure.get() != null) {
                throw failure.get();
              }
              return new NetworkFlags(calls.get(), 0, Map.of(), Map.of());
            },
            clock);
    Counted last = c.get(FlagPeriod.LAST_7D);
    failure.set(new IllegalStateException("InfluxDB query failed: timeout"));
    clock.move(Duration.ofMinutes(20));
    assertThat(c.get(FlagPeriod.LAST_7D)).isSameAs(last);
    assertThat(calls.get()).isEqualTo(2);
    clock.move(Duration.ofSeconds(59));
    assertThat(c.get(FlagPeriod.LAST_7D)).isSameAs(last);
    assertThat(calls.get()).as("not tried again within the minute").isEqualTo(2);
    clock.move(Duration.ofSeconds(1));
    failure.set(null);
    Counted again = c.get(FlagPeriod.LAST_7D);
    assertThat(calls.get()).isEqualTo(3);
    assertThat(again.countedAt()).isEqualTo(T0.plus(Duration.ofMinutes(21)));

    failure.set(new IllegalStateException("InfluxDB query failed: timeout"));
    assertThatThrownBy(() -> c.get(FlagPeriod.LAST_24H))
        .as("never counted: nothing to serve")
        .hasMessageContaining("timeout");
  }

  @Test
  void aShorterRefreshCanBeGiven() {
    NetworkFlagCounts c =
        new NetworkFlagCounts(registered::get, this::count, clock, p -> Duration.ofSeconds(5));
    Counted first = c.get(FlagPeriod.LAST_7D);
    clock.move(Duration.ofSeconds(5));
    assertThat(c.get(FlagPeriod.LAST_7D)).isNotSameAs(first);
    assertThat(counts).hasSize(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Sensor sensor(String id) {
    return Sensor.builder(id).position(1, 2).build();
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void move(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
