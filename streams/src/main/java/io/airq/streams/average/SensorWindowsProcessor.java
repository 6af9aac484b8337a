package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.CleanReading;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
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
 * windows computed from its hours. The rules (what a reading updates, what is emitted when) are
 * {@link PendingWindows}'; this processor holds the windows in its two stores, runs an emission
 * every emit interval of wall-clock time, and forwards what is emitted. The pending marks live in
 * the stores, so an update and its emission are never separated by a crash (exactly-once commits
 * both or neither): at start the windows still pending in the stores are emitted again.
 */
public final class SensorWindowsProcessor
    implements Processor<String, SensorWindowsProcessor.Input, String, SensorWindow>, WindowIo {
  public static final String MINUTE_STORE = "average-1m-store";
  public static final String HOUR_STORE = "average-1h-store";
  private static final Logger LOG = LoggerFactory.getLogger(SensorWindowsProcessor.class);

  /** How long (wall-clock) a pending minute waits for its sensor's clock to close it. */
  public static final Duration OPEN_MINUTE_WAIT = Duration.ofMinutes(1);

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
   * A clean reading of a known sensor on its way to the windows, with its sensor's clock (the
   * latest measurement time the sensor has sent, this reading included).
   */
  public record Input(CleanReading clean, Sensor sensor, long sensorTime) {}

  private final String sensorsStore;
  private final PendingWindows.Limits limits;
  private final Duration emitInterval;
  private final double coverageGate;
  private final ZoneId dayZone;
  private ProcessorContext<String, SensorWindow> context;
  private WindowStore<String, WindowAccumulators> minutes;
  private WindowStore<String, WindowAccumulators> hours;
  private ReadOnlyKeyValueStore<String, Object> sensors;
  private PendingWindows pending;

  /**
   * @param coverageGate percent of its expected readings a window (and an hour of a NowCast) needs
   *     to get index values
   */
  public SensorWindowsProcessor(
      String sensorsStore,
      Map<AverageWindow, Duration> grace,
      Duration emitInterval,
      double coverageGate) {
    this(sensorsStore, grace, emitInterval, coverageGate, ZoneId.of("UTC"));
  }

  /**
   * @param dayZone the zone of the local calendar days (window {@code day}) of the sensors without
   *     a zone of their own
   */
  public SensorWindowsProcessor(
      String sensorsStore,
      Map<AverageWindow, Duration> grace,
      Duration emitInterval,
      double coverageGate,
      ZoneId dayZone) {
    this.sensorsStore = sensorsStore;
    this.emitInterval = emitInterval;
    this.coverageGate = coverageGate;
    this.dayZone = dayZone;
    this.limits =
        new PendingWindows.Limits(
            grace.get(AverageWindow.MINUTE),
            grace.get(AverageWindow.DAY_ROLLING),
            minuteRetention(grace),
            hourRetention(grace),
            OPEN_MINUTE_WAIT,
            dayZone);
  }

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
    // new also for a task re-initialised after an aborted transaction: what the old one held in
    // memory was not committed
    this.pending = new PendingWindows(limits);
    recoverPending();
    context.schedule(
        emitInterval,
        PunctuationType.WALL_CLOCK_TIME,
        wall -> pending.emit(wall, context.currentStreamTimeMs(), this));
  }

  @Override
  public void process(Record<String, Input> record) {
    Input in = record.value();
    pending.add(in.clean(), in.sensor(), in.sensorTime(), context.currentStreamTimeMs(), this);
  }

  @Override
  public long wallClock() {
    return context.currentSystemTimeMs();
  }

  @Override
  public WindowAccumulators minute(String id, long start) {
    return minutes.fetch(id, start);
  }

  @Override
  public WindowAccumulators hour(String id, long start) {
    return hours.fetch(id, start);
  }

  @Override
  public void putMinute(String id, long start, WindowAccumulators acc) {
    minutes.put(id, acc, start);
  }

  @Override
  public void putHour(String id, long start, WindowAccumulators acc) {
    hours.put(id, acc, start);
  }

  @Override
  public void hours(String id, long from, long to, boolean backward, WindowIo.HourVisitor visitor) {
    try (KeyValueIterator<Long, WindowAccumulators> it =
        backward ? hours.backwardFetch(id, from, to) : hours.fetch(id, from, to)) {
      while (it.hasNext()) {
        KeyValue<Long, WindowAccumulators> kv = it.next();
        if (!visitor.visit(kv.key, kv.value)) {
          return;
        }
      }
    }
  }

  @Override
  public Sensor sensor(String id) {
    return registered(id);
  }

  @Override
  public void emit(String id, Sensor known, AverageWindow w, long start, WindowAccumulators acc) {
    Sensor s = known != null ? known : registered(id);
    if (s == null) {
      LOG.debug(
          "sensor {} is no longer registered; its {} window at {} is not emitted", id, w, start);
      return;
    }
    Instant from = Instant.ofEpochMilli(start);
    Instant to =
        w == AverageWindow.DAY
            ? Instant.ofEpochMilli(LocalDay.endOf(start, s.dayZone(dayZone)))
            : from.plus(w.size());
    SensorWindow out =
        new SensorWindow(
            s,
            w,
            from,
            Averages.ofSensor(w, from, to, s, acc, coverageGate, h -> hoursBefore(id, h)));
    if (!out.averages().isEmpty()) {
      context.forward(new Record<>(id, out, Math.max(acc.maxTime(), start)));
    }
  }

  /**
   * The stored hours of the 24 before {@code hour} (for its NowCast, its EAQI's 24-hour PM means
   * and the NAQI's hours of a 24-hour window ending at {@code hour}), one range read.
   */
  private NavigableMap<Long, WindowAccumulators> hoursBefore(String id, long hour) {
    NavigableMap<Long, WindowAccumulators> out = new TreeMap<>();
    hours(
        id,
        hour - 24 * AverageWindow.HOUR.size().toMillis(),
        hour - 1,
        false,
        (start, acc) -> {
          out.put(start, acc);
          return true;
        });
    return out;
  }

  private Sensor registered(String id) {
    Object v = sensors.get(id);
    v = v instanceof ValueAndTimestamp<?> vt ? vt.value() : v;
    return v instanceof Sensor found ? found : null;
  }

  /** After a restart, finds the windows whose emission the previous run had not committed. */
  private void recoverPending() {
    int n = 0;
    try (KeyValueIterator<Windowed<String>, WindowAccumulators> it = hours.all()) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, WindowAccumulators> kv = it.next();
        n += pending.recoverHour(kv.key.key(), kv.key.window().start(), kv.value) ? 1 : 0;
      }
    }
    try (KeyValueIterator<Windowed<String>, WindowAccumulators> it = minutes.all()) {
      while (it.hasNext()) {
        KeyValue<Windowed<String>, WindowAccumulators> kv = it.next();
        n += pending.recoverMinute(kv.key.key(), kv.key.window().start(), kv.value) ? 1 : 0;
      }
    }
    if (n > 0) {
      LOG.info("task {}: {} sensor windows still to emit", context.taskId(), n);
    }
  }
}
