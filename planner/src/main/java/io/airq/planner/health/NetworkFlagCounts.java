package io.airq.planner.health;

import io.airq.core.registry.Sensor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's QA-flag counts per {@link FlagPeriod}, shared by {@code GET /api/network} and the
 * Prometheus gauges, so a page polling the API does not make InfluxDB read a week of raw readings
 * per request. A period is counted again when its counts are older than its refresh ({@link
 * FlagPeriod#gaugeRefresh()}: a minute for the 24 hours, 15 minutes for the 7 days) or were counted
 * for other registered sensors. One count per period at a time: while it runs, the other callers
 * get the previous counts, or wait for it when there are none yet. When a count fails, the last
 * counts stay (their {@code countedAt} says how old they are) and the count is tried again a minute
 * later (or after the refresh, when shorter).
 */
public final class NetworkFlagCounts {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkFlagCounts.class);
  private static final Duration RETRY = Duration.ofMinutes(1);

  /** A period's counts and the instant they were counted at (where the period ends). */
  public record Counted(NetworkFlags flags, Instant countedAt) {}

  private record Entry(Counted counted, Set<String> sensors) {}

  private static final class Slot {
    final ReentrantLock lock = new ReentrantLock();
    volatile Entry last;
    Instant failedAt; // guarded by lock
  }

  private final Supplier<? extends Collection<Sensor>> sensors;
  private final BiFunction<Collection<String>, Instant, NetworkFlags> count;
  private final Clock clock;
  private final Function<FlagPeriod, Duration> refresh;
  private final Map<FlagPeriod, Slot> slots = new EnumMap<>(FlagPeriod.class);

  /**
   * @param sensors the registered sensors
   * @param count the given sensors' flag counts since an instant (AverageReader::networkFlags)
   */
  public NetworkFlagCounts(
      Supplier<? extends Collection<Sensor>> sensors,
      BiFunction<Collection<String>, Instant, NetworkFlags> count,
      Clock clock) {
    this(sensors, count, clock, FlagPeriod::gaugeRefresh);
  }

  /** With another refresh per period than {@link FlagPeriod#gaugeRefresh()}. */
  NetworkFlagCounts(
      Supplier<? extends Collection<Sensor>> sensors,
      BiFunction<Collection<String>, Instant, NetworkFlags> count,
      Clock clock,
      Function<FlagPeriod, Duration> refresh) {
    this.sensors = sensors;
    this.count = count;
    this.clock = clock;
    this.refresh = refresh;
    for (FlagPeriod p : FlagPeriod.values()) {
      slots.put(p, new Slot());
    }
  }

  /**
   * The period's counts over the registered sensors' raw readings, counted now or earlier.
   *
   * @throws RuntimeException the count's failure, when the period was never counted
   */
  public Counted get(FlagPeriod period) {
    Set<String> ids = new TreeSet<>();
    sensors.get().forEach(s -> ids.add(s.id()));
    Slot slot = slots.get(period);
    Entry last = slot.last;
    if (fresh(last, ids, period)) {
      return last.counted();
    }
    if (!slot.lock.tryLock()) {
      if (last != null) {
        return last.counted(); // another caller is counting
      }
      slot.lock.lock();
    }
    try {
      return countIfStale(slot, Collections.unmodifiableSet(ids), period);
    } finally {
      slot.lock.unlock();
    }
  }

  private Counted countIfStale(Slot slot, Set<String> ids, FlagPeriod period) {
    Entry last = slot.last;
    Instant now = clock.instant();
    if (fresh(last, ids, period)) {
      return last.counted();
    }
    Duration retry = RETRY.compareTo(refresh.apply(period)) < 0 ? RETRY : refresh.apply(period);
    if (last != null && slot.failedAt != null && now.isBefore(slot.failedAt.plus(retry))) {
      return last.counted();
    }
    try {
      Counted c = new Counted(count.apply(ids, now.minus(period.length())), now);
      slot.last = new Entry(c, ids);
      slot.failedAt = null;
      return c;
    } catch (RuntimeException e) {
      if (last == null) {
        throw e;
      }
      slot.failedAt = now;
      LOG.warn(
          "QA flags of the last {} not counted, the counts of {} stay: {}",
          period.label(),
          last.counted().countedAt(),
          e.getMessage());
      return last.counted();
    }
  }

  private boolean fresh(Entry e, Set<String> ids, FlagPeriod period) {
    return e != null
        && e.sensors().equals(ids)
        && Duration.between(e.counted().countedAt(), clock.instant())
                .compareTo(refresh.apply(period))
            < 0;
  }
}
