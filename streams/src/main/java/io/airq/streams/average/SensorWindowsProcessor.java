package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.CleanReading;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per sensor: the 1-minute and 1-hour windows of its on-time readings, and the 24-hour rolling
 * windows computed from its hours. A reading updates its minute and hour, each when still open on
 * its sensor's clock (window end + grace after the latest measurement time of that sensor) and
 * still within its store's retention behind the task's stream time (the newest reading of any
 * sensor in the partition; the store drops older windows). A minute is emitted at once by the
 * reading that completes it at its sensor's nominal interval (the first, for the usual sensor that
 * reports once a minute or slower); a minute still filling or holding more readings than that, and
 * every hour, are marked pending in the store. Every emit interval of wall-clock time the pending
 * hours are emitted once each, with the 24-hour windows they changed ({@link RollingDay}), and so
 * are the pending minutes that have closed on their sensor's clock (a reading of a later minute
 * came) or have waited {@link #OPEN_MINUTE_WAIT} (a sensor that fell silent): a minute is written
 * once when its sensor keeps its interval, again for readings beyond it or late ones, never once
 * per emit interval. The pending marks live in the store, so an update and its emission are never
 * separated by a crash (exactly-once commits both or neither).
 */
public final class SensorWindowsProcessor
    implements Processor<String, SensorWindowsProcessor.Input, String, SensorWindow> {
  public static final String MINUTE_STORE = "average-1m-store";
  public static final String HOUR_STORE = "average-1h-store";
  private static final Logger LOG = LoggerFactory.getLogger(SensorWindowsProcessor.class);
  private static final long MINUTE_MS = AverageWindow.MINUTE.size().toMillis();

  /** How long (wall-clock) a pending minute waits for its sensor's clock to close it. */
  public static final Duration OPEN_MINUTE_WAIT = Duration.ofMinutes(1);

  private static final long HOUR_MS = RollingDay.HOUR_MS;
  private static final long DAY_MS = AverageWindow.DAY_ROLLING.size().toMillis();

  /**
   * A clean reading of a known sensor on its way to the windows, with its sensor's clock (the
   * latest measurement time the sensor has sent, this reading included).
   */
  public record Input(CleanReading clean, Sensor sensor, long sensorTime) {}

  private final String sensorsStore;
  private final long minuteGraceMs;
  private final long dayGraceMs;
  private final long hourRetentionMs;
  private final long minuteRetentionMs;
  private final Duration emitInterval;
  private ProcessorContext<String, SensorWindow> context;
  private WindowStore<String, WindowAccumulators> minutes;
  private WindowStore<String, WindowAccumulators> hours;
  private ReadOnlyKeyValueStore<String, Object> sensors;
  private final Map<String, Sensor> latestSensor = new HashMap<>();
  private final Map<String, NavigableMap<Long, WindowAccumulators>> pendingHours =
      new LinkedHashMap<>();
  private final Map<String, NavigableMap<Long, WindowAccumulators>> pendingMinutes =
      new LinkedHashMap<>();

  /** Per sensor with pending minutes: its clock (latest measurement time seen). */
  private final Map<String, Long> clocks = new HashMap<>();

  /**
   * Per sensor and pending minute: when (wall-clock ms) it became pending; a minute recovered after
   * a restart has none and is emitted at the first emission.
   */
  private final Map<String, Map<Long, Long>> pendingSince = new HashMap<>();

  /**
   * Per sensor, its latest hour when that hour was not complete at its last emission: the 24-hour
   * window ending with it is owed, and is emitted once the hour is complete (the sensor sent a
   * reading of a later hour, or the partition's stream time or the wall clock passed the hour's
   * end). Not in a store: after a restart each sensor's latest stored hour that is not pending is
   * taken as owed, so its window may be emitted once more (the same value, which the sink
   * overwrites).
   */
  private final Map<String, Long> owedDay = new HashMap<>();

  public SensorWindowsProcessor(
      String sensorsStore, Map<AverageWindow, Duration> grace, Duration emitInterval) {
    this.sensorsStore = sensorsStore;
    this.emitInterval = emitInterval;
    this.minuteGraceMs = grace.get(AverageWindow.MINUTE).toMillis();
    this.dayGraceMs = grace.get(AverageWindow.DAY_ROLLING).toMillis();
    this.hourRetentionMs = hourRetention(grace).toMillis();
    this.minuteRetentionMs = minuteRetention(grace).toMillis();
  }

  /**
   * How far a sensor's hours may lag the newest reading of its partition and still be averaged,
   * beyond the grace: readings of different sensors reach a partition out of time order (offline
   * gateways, replays whose parse workers run at different paces). An hour is small state, so the
   * hour store keeps this much more; minutes are not kept longer (their store is 60 times larger),
   * so a sensor lagging its partition by more than the minute grace gets hourly but no 1-minute
   * averages.
   */
  public static final Duration PARTITION_LAG_ALLOWANCE = Duration.ofHours(48);

  /**
   * How long the hour store keeps an hour: its own grace, and the 24-hour windows holding it, plus
   * {@link #PARTITION_LAG_ALLOWANCE}.
   */
  public static Duration hourRetention(Map<AverageWindow, Duration> grace) {
    Duration own = AverageWindow.HOUR.size().plus(grace.get(AverageWindow.HOUR));
    Duration days = AverageWindow.DAY_ROLLING.size().plus(grace.get(AverageWindow.DAY_ROLLING));
    return (own.compareTo(days) >= 0 ? own : days).plus(PARTITION_LAG_ALLOWANCE);
  }

  /** How long the minute store keeps a minute: its size and grace. */
  public static Duration minuteRetention(Map<AverageWindow, Duration> grace) {
    return AverageWindow.MINUTE.size().plus(grace.get(AverageWindow.MINUTE));
  }

  @Override
  public void init(ProcessorContext<String, SensorWindow> context) {
    this.context = context;
    this.minutes = context.getStateStore(MINUTE_STORE);
    this.hours = context.getStateStore(HOUR_STORE);
    this.sensors = context.getStateStore(sensorsStore);
    // a task re-initialised after an aborted transaction: what it held in memory was not committed
    latestSensor.clear();
    pendingHours.clear();
    pendingMinutes.clear();
    clocks.clear();
    pendingSince.clear();
    owedDay.clear();
    recoverPending();
    context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::emitPending);
  }

  @Override
  public void process(Record<String, Input> record) {
    CleanReading r = record.value().clean();
    String id = r.sensorId();
    latestSensor.put(id, record.value().sensor());
    long now = context.currentStreamTimeMs();
    long clock = record.value().sensorTime();
    long t = r.time().toEpochMilli();
    long minute = Math.floorDiv(t, MINUTE_MS) * MINUTE_MS;
    if (minute + MINUTE_MS + minuteGraceMs > clock && minute + minuteRetentionMs > now) {
      NavigableMap<Long, WindowAccumulators> pending = pendingMinutes.get(id);
      WindowAccumulators before = pending == null ? null : pending.get(minute);
      WindowAccumulators stored = before != null ? before : minutes.fetch(id, minute);
      WindowAccumulators acc = (stored == null ? WindowAccumulators.EMPTY : stored).add(r, clock);
      long expected = record.value().sensor().expectedCount(AverageWindow.MINUTE.size());
      if (acc.count() == expected && (stored == null || stored.count() < expected)) {
        // the reading that completes the minute at its sensor's nominal interval: the first of a
        // sensor reporting every minute or slower (the usual case), the sixth of one every 10 s
        acc = acc.emitted();
        minutes.put(id, acc, minute);
        emit(id, AverageWindow.MINUTE, minute, acc);
        if (before != null) {
          pendingMinutes.get(id).remove(minute);
          forgetWait(id, minute);
        }
      } else {
        // a minute still filling, or more readings than its sensor's interval gives (a faster
        // sensor, a replay): emitted once it has closed
        minutes.put(id, acc, minute);
        pendingMinutes.computeIfAbsent(id, k -> new TreeMap<>()).put(minute, acc);
        pendingSince
            .computeIfAbsent(id, k -> new HashMap<>())
            .putIfAbsent(minute, context.currentSystemTimeMs());
      }
    }
    if (pendingMinutes.containsKey(id)) {
      clocks.merge(id, clock, Math::max); // a pending minute is emitted once this passes its end
    }
    // the hour is open: readings whose hour closed never get here (CleaningProcessor marks them
    // late with the same rule, and the topology sends only on-time readings to the windows)
    long hour = RollingDay.hourOf(t);
    NavigableMap<Long, WindowAccumulators> pending =
        pendingHours.computeIfAbsent(id, k -> new TreeMap<>());
    WindowAccumulators acc = current(hours, pending.get(hour), id, hour).add(r, clock);
    hours.put(id, acc, hour);
    pending.put(hour, acc);
  }

  private static WindowAccumulators current(
      WindowStore<String, WindowAccumulators> store,
      WindowAccumulators pending,
      String id,
      long start) {
    if (pending != null) {
      return pending;
    }
    WindowAccumulators stored = store.fetch(id, start);
    return stored == null ? WindowAccumulators.EMPTY : stored;
  }

  private void emitPending(long wall) {
    var sensors = pendingMinutes.entrySet().iterator();
    while (sensors.hasNext()) {
      Map.Entry<String, NavigableMap<Long, WindowAccumulators>> e = sensors.next();
      String id = e.getKey();
      long clock = clocks.getOrDefault(id, Long.MIN_VALUE);
      // absent for minutes found pending in the store at start (emitted at the first emission)
      Map<Long, Long> since = pendingSince.getOrDefault(id, Map.of());
      var pending = e.getValue().entrySet().iterator();
      while (pending.hasNext()) {
        Map.Entry<Long, WindowAccumulators> m = pending.next();
        long minute = m.getKey();
        Long from = since.get(minute);
        boolean closed = minute + MINUTE_MS <= clock;
        if (closed || from == null || wall - from >= OPEN_MINUTE_WAIT.toMillis()) {
          emit(id, AverageWindow.MINUTE, minute, m.getValue());
          minutes.put(id, m.getValue().emitted(), minute);
          pending.remove();
          forgetWait(id, minute);
        }
      }
      if (e.getValue().isEmpty()) {
        sensors.remove();
        clocks.remove(id);
        pendingSince.remove(id);
      }
    }
    for (Map.Entry<String, NavigableMap<Long, WindowAccumulators>> e : pendingHours.entrySet()) {
      emitHours(e.getKey(), e.getValue(), wall);
    }
    pendingHours.clear();
    // sensors that sent nothing since: their owed window goes once its hour is over
    long streamHour = currentHour(wall);
    var owed = owedDay.entrySet().iterator();
    while (owed.hasNext()) {
      Map.Entry<String, Long> e = owed.next();
      if (e.getValue() < streamHour) {
        emitDays(
            e.getKey(), NO_HOURS, new TreeSet<>(Set.of(RollingDay.startEndingWith(e.getValue()))));
        owed.remove();
      }
    }
  }

  /** Drops the wall-clock wait of a minute no longer pending (none for a recovered minute). */
  private void forgetWait(String id, long minute) {
    Map<Long, Long> since = pendingSince.get(id);
    if (since != null) {
      since.remove(minute);
    }
  }

  private static final NavigableMap<Long, WindowAccumulators> NO_HOURS =
      java.util.Collections.emptyNavigableMap();

  /**
   * The hour that the partition's stream time (its newest reading of any sensor) or the wall clock
   * is in, whichever is later: every hour before it is over. The wall clock covers a partition
   * whose sensors all fell silent (a small city, the end of a replay); in a replay or backfill of
   * past data every hour is over by it, so the window ending with a sensor's latest hour is emitted
   * as that hour fills, as before.
   */
  private long currentHour(long wall) {
    return RollingDay.hourOf(Math.max(context.currentStreamTimeMs(), wall));
  }

  private void emitHours(String id, NavigableMap<Long, WindowAccumulators> changed, long wall) {
    long latest = changed.lastKey();
    long previous = Long.MIN_VALUE;
    // bounded: a cached window store's range iterator walks every segment interval in the range
    long to = Math.max(latest, RollingDay.hourOf(context.currentStreamTimeMs()));
    try (KeyValueIterator<Long, WindowAccumulators> it =
        hours.backwardFetch(id, Math.max(0, to - hourRetentionMs), to)) {
      boolean first = true;
      while (it.hasNext()) {
        KeyValue<Long, WindowAccumulators> kv = it.next();
        latest = first ? Math.max(latest, kv.key) : latest;
        first = false;
        if (!changed.containsKey(kv.key)) {
          previous = kv.key;
          break;
        }
      }
    }
    for (Map.Entry<Long, WindowAccumulators> h : changed.entrySet()) {
      emit(id, AverageWindow.HOUR, h.getKey(), h.getValue());
    }
    // the 24-hour windows are updated when an hour completes (and when late data changes a complete
    // hour), not at every emission of the sensor's current hour
    long complete = latest < currentHour(wall) ? latest : latest - HOUR_MS;
    SortedSet<Long> starts = RollingDay.starts(changed.keySet(), complete, previous);
    Long owed = owedDay.remove(id);
    if (owed != null && owed <= complete) {
      starts.add(RollingDay.startEndingWith(owed));
    }
    if (latest > complete) {
      owedDay.put(id, latest);
    }
    if (!starts.isEmpty()) {
      emitDays(id, changed, starts);
    }
    for (Map.Entry<Long, WindowAccumulators> h : changed.entrySet()) {
      hours.put(id, h.getValue().emitted(), h.getKey());
    }
  }

  private void emitDays(
      String id, NavigableMap<Long, WindowAccumulators> changed, SortedSet<Long> starts) {
    long now = context.currentStreamTimeMs();
    NavigableMap<Long, WindowAccumulators> span = new TreeMap<>();
    try (KeyValueIterator<Long, WindowAccumulators> it =
        hours.fetch(id, starts.first(), starts.last() + DAY_MS - HOUR_MS)) {
      while (it.hasNext()) {
        KeyValue<Long, WindowAccumulators> kv = it.next();
        span.put(kv.key, kv.value);
      }
    }
    span.putAll(changed.subMap(starts.first(), true, starts.last() + DAY_MS - HOUR_MS, true));
    for (long s : starts) {
      NavigableMap<Long, WindowAccumulators> day = span.subMap(s, true, s + DAY_MS, false);
      long reference = now;
      for (Long h : changed.subMap(s, true, s + DAY_MS, false).keySet()) {
        reference = Math.min(reference, changed.get(h).pendingSince());
      }
      if (day.isEmpty() || s + DAY_MS + dayGraceMs <= reference) {
        continue;
      }
      if (s + hourRetentionMs <= now) {
        // its first hours may be gone from the store: a partial day would replace the whole one
        LOG.debug("{}: 24-hour window at {} is older than the hour store keeps", id, s);
        continue;
      }
      WindowAccumulators sum = WindowAccumulators.EMPTY;
      for (WindowAccumulators a : day.values()) {
        sum = sum.plus(a);
      }
      emit(id, AverageWindow.DAY_ROLLING, s, sum);
    }
  }

  private void emit(String id, AverageWindow w, long start, WindowAccumulators acc) {
    Sensor s = sensor(id);
    if (s == null) {
      LOG.debug(
          "sensor {} is no longer registered; its {} window at {} is not emitted", id, w, start);
      return;
    }
    Instant from = Instant.ofEpochMilli(start);
    SensorWindow out = new SensorWindow(s, w, from, Averages.ofSensor(w, from, s, acc));
    if (!out.averages().isEmpty()) {
      context.forward(new Record<>(id, out, Math.max(acc.maxTime(), start)));
    }
  }

  private Sensor sensor(String id) {
    Sensor s = latestSensor.get(id);
    if (s != null) {
      return s;
    }
    Object v = sensors.get(id);
    v = v instanceof ValueAndTimestamp<?> vt ? vt.value() : v;
    return v instanceof Sensor found ? found : null;
  }

  /** After a restart, finds the windows whose emission the previous run had not committed. */
  private void recoverPending() {
    int n =
        recoverPending(hours, pendingHours, owedDay)
            + recoverPending(minutes, pendingMinutes, null);
    if (n > 0) {
      LOG.info("task {}: {} sensor windows still to emit", context.taskId(), n);
    }
  }

  /**
   * Collects the store's pending windows into {@code into}, and, when {@code latest} is given, each
   * sensor's latest window start that is not pending into it: the window it owed when the task
   * stopped ends with that hour, or is paid already (a pending later hour is owed again when it is
   * emitted).
   */
  private static int recoverPending(
      WindowStore<String, WindowAccumulators> store,
      Map<String, NavigableMap<Long, WindowAccumulators>> into,
      Map<String, Long> latest) {
    int n = 0;
    try (KeyValueIterator<Windowed<String>, WindowAccumulators> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, WindowAccumulators> kv = it.next();
        if (latest != null && !kv.value.pending()) {
          latest.merge(kv.key.key(), kv.key.window().start(), Math::max);
        }
        if (kv.value.pending()) {
          into.computeIfAbsent(kv.key.key(), k -> new TreeMap<>())
              .put(kv.key.window().start(), kv.value);
          n++;
        }
      }
    }
    return n;
  }
}
