package io.airq.streams.average;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per area (the key, after the repartition): keeps every sensor's latest means of each hourly,
 * 24-hour and calendar-day window ({@link #SENSORS_STORE}, one entry per sensor) and the area's
 * running aggregate of that window ({@link #STORE}); the 1-minute windows likewise in their own
 * short-retention stores ({@link #MINUTE_SENSORS_STORE}, {@link #MINUTE_STORE}: kept as long as the
 * sensors' minutes). An area minute is fed by its sensors' emitted minutes (one input per
 * sensor-minute), not by the readings, and has no index values, like a sensor minute. An update
 * replaces the sensor's earlier means in the aggregate, so it reads and writes two small entries
 * whatever the number of sensors in the area; only when the sensor held the area's min or max and
 * gave it up are the area's sensor entries read again.
 *
 * <p>An area hour carries a sensor hour's index values ({@link AreaHourIndices}) from the area's
 * stored hours of the 24 ending with it; a changed area hour re-emits the stored 23 after it. An
 * area's 24-hour windows carry India's NAQI of the area's means ({@link AreaDayNaqi}).
 *
 * <p>An updated area window is marked pending ({@link #PENDING_STORE}) and emitted once per
 * emission interval of wall-clock time with its latest means (one record with every quantity), like
 * the sensors' hours: each of its sensors' windows arrives once per interval, so emitting on every
 * input wrote an area window as many times per interval as the area has sensors (a city of sensors
 * reporting every 10 s got two area records per reading). The mark is in a store, committed with
 * the update, so a crash between an update and its emission is followed by the emission.
 *
 * <p>At emission each area window's expected count comes from the sensors registered in the area
 * and in service in the window ({@link AreaExpectation}), so its coverage says what is missing.
 */
public final class AreaWindowsProcessor
    implements Processor<String, AreaInput, String, WindowAverages> {
  private static final Logger LOG = LoggerFactory.getLogger(AreaWindowsProcessor.class);
  public static final String STORE = "area-aggregates-store";
  public static final String SENSORS_STORE = "area-sensor-means-store";
  public static final String PENDING_STORE = "area-pending-store";
  public static final String MINUTE_STORE = "area-1m-aggregates-store";
  public static final String MINUTE_SENSORS_STORE = "area-1m-sensor-means-store";
  private static final long HOUR_MS = RollingDay.HOUR_MS;

  private final double coverageGate;
  private final Duration emitInterval;
  private final ZoneId dayZone;
  private final String registryStore;
  private KeyValueStore<String, Object> registry;
  private ProcessorContext<String, WindowAverages> context;
  private WindowStore<String, AreaAggregate> aggregates;
  private WindowStore<String, AreaInput> sensors;
  private WindowStore<String, AreaAggregate> minuteAggregates;
  private WindowStore<String, AreaInput> minuteSensors;
  private KeyValueStore<String, Long> pendingStore;
  private AreaStoreReads reads;

  /**
   * The pending area windows (as in {@link #PENDING_STORE}) and the latest record time of their
   * inputs, the time of the record they are emitted with.
   */
  private final Map<PendingWindow, Long> pending = new LinkedHashMap<>();

  /** An area window waiting for its emission; its store key is {@link #key()}. */
  record PendingWindow(String area, AverageWindow window, long start) {
    /** The window id and start first: neither holds '|', an area name may. */
    String key() {
      return window.id() + "|" + start + "|" + area;
    }

    static PendingWindow of(String key) {
      int a = key.indexOf('|');
      int b = key.indexOf('|', a + 1);
      return new PendingWindow(
          key.substring(b + 1),
          AverageWindow.byId(key.substring(0, a)).orElseThrow(),
          Long.parseLong(key.substring(a + 1, b)));
    }
  }

  /** Without the registry: an area window's expected count is that of its reporting sensors. */
  public AreaWindowsProcessor(double coverageGate, Duration emitInterval) {
    this(coverageGate, emitInterval, null);
  }

  /**
   * @param registryStore the global store of the sensor registry: an area window's expected count
   *     comes from the sensors registered in the area ({@link AreaExpectation})
   */
  public AreaWindowsProcessor(double coverageGate, Duration emitInterval, String registryStore) {
    this(coverageGate, emitInterval, registryStore, ZoneId.of("UTC"));
  }

  /**
   * @param dayZone the zone of the local calendar days (window {@code day}), for their end
   */
  public AreaWindowsProcessor(
      double coverageGate, Duration emitInterval, String registryStore, ZoneId dayZone) {
    this.coverageGate = coverageGate;
    this.emitInterval = emitInterval;
    this.registryStore = registryStore;
    this.dayZone = dayZone;
  }

  @Override
  public void init(ProcessorContext<String, WindowAverages> context) {
    this.context = context;
    this.aggregates = context.getStateStore(STORE);
    this.sensors = context.getStateStore(SENSORS_STORE);
    this.pendingStore = context.getStateStore(PENDING_STORE);
    this.minuteAggregates = context.getStateStore(MINUTE_STORE);
    this.minuteSensors = context.getStateStore(MINUTE_SENSORS_STORE);
    this.registry = registryStore == null ? null : context.getStateStore(registryStore);
    this.reads = new AreaStoreReads(aggregates, sensors, minuteSensors, registry);
    pending.clear();
    try (KeyValueIterator<String, Long> it = pendingStore.all()) {
      while (it.hasNext()) {
        KeyValue<String, Long> kv = it.next();
        pending.put(PendingWindow.of(kv.key), kv.value);
      }
    }
    if (!pending.isEmpty()) {
      LOG.info("task {}: {} area windows still to emit", context.taskId(), pending.size());
    }
    context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emitPending());
  }

  @Override
  public void process(Record<String, AreaInput> record) {
    String area = record.key();
    AreaInput in = record.value();
    long start = in.start();
    String key = area + "|" + in.window().id();
    String sensorsPrefix = key + "|";
    String sensorKey = sensorsPrefix + in.sensor();
    boolean minute = in.window() == AverageWindow.MINUTE;
    WindowStore<String, AreaInput> sensorMeans = minute ? minuteSensors : sensors;
    WindowStore<String, AreaAggregate> areaAggregates = aggregatesOf(in.window());
    AreaInput old = sensorMeans.fetch(sensorKey, start);
    sensorMeans.put(sensorKey, in, start);
    AreaAggregate agg = areaAggregates.fetch(key, start);
    AreaAggregate next =
        agg == null
            ? rebuild(in.window(), sensorsPrefix, start)
            : agg.replace(old, in, coverageGate)
                .orElseGet(() -> rebuild(in.window(), sensorsPrefix, start));
    areaAggregates.put(key, next, start);
    PendingWindow w = new PendingWindow(area, in.window(), start);
    Long since = pending.get(w);
    if (since == null) {
      pendingStore.put(w.key(), record.timestamp());
    }
    pending.put(w, since == null ? record.timestamp() : Math.max(since, record.timestamp()));
  }

  private void emitPending() {
    Map<String, List<Sensor>> registered = pending.isEmpty() ? Map.of() : reads.registeredByArea();
    Map<PendingWindow, Long> following = new LinkedHashMap<>();
    for (Map.Entry<PendingWindow, Long> e : pending.entrySet()) {
      PendingWindow w = e.getKey();
      emit(w, e.getValue(), registered);
      pendingStore.delete(w.key());
      if (w.window() == AverageWindow.HOUR) {
        addFollowing(w, e.getValue(), following);
      }
    }
    // the area hours after a changed one whose indices read it (NowCast: 11 hours, EAQI: 23)
    for (Map.Entry<PendingWindow, Long> e : following.entrySet()) {
      emit(e.getKey(), e.getValue(), registered);
    }
    pending.clear();
  }

  /** The stored area hours of the 23 after {@code w} that are not pending themselves. */
  private void addFollowing(PendingWindow w, long time, Map<PendingWindow, Long> following) {
    for (long start : reads.hoursAfter(w.area(), w.start())) {
      PendingWindow next = new PendingWindow(w.area(), AverageWindow.HOUR, start);
      if (!pending.containsKey(next)) {
        following.merge(next, time, Math::max);
      }
    }
  }

  private void emit(PendingWindow w, long time, Map<String, List<Sensor>> registered) {
    String key = w.area() + "|" + w.window().id();
    AreaAggregate agg = aggregatesOf(w.window()).fetch(key, w.start());
    if (agg == null) {
      return;
    }
    Instant start = Instant.ofEpochMilli(w.start());
    Instant end =
        w.window() == AverageWindow.DAY
            ? Instant.ofEpochMilli(LocalDay.endOf(w.start(), registered.get(w.area()), dayZone))
            : start.plus(w.window().size());
    List<WindowAverage> means =
        Averages.ofArea(
            w.area(),
            w.window(),
            start,
            end,
            agg,
            w.window() == AverageWindow.HOUR
                ? AreaHourIndices.of(w.start(), reads.hourlyMeans(w.area(), w.start()))
                : Map.of());
    if (!means.isEmpty()) {
      means =
          AreaExpectation.apply(
              means,
              reads.entries(w.window(), key + "|", w.start()),
              registered.getOrDefault(w.area(), List.of()),
              start,
              Duration.between(start, end),
              coverageGate);
      if (w.window() == AverageWindow.DAY || w.window() == AverageWindow.DAY_ROLLING) {
        NavigableMap<Long, Map<Quantity, Double>> hours =
            reads.hourlyMeans(w.area(), w.start() + 23 * HOUR_MS);
        hours.putAll(reads.hourlyMeans(w.area(), end.toEpochMilli() - HOUR_MS));
        means =
            AreaDayNaqi.with(means, hours, w.window(), w.start(), end.toEpochMilli(), coverageGate);
      }
      context.forward(new Record<>(w.area(), WindowAverages.of(means), time));
    }
  }

  /** The aggregate from every sensor entry of the area window (the new input included). */
  private AreaAggregate rebuild(AverageWindow w, String sensorsPrefix, long start) {
    return AreaAggregate.of(reads.entries(w, sensorsPrefix, start), coverageGate);
  }

  private WindowStore<String, AreaAggregate> aggregatesOf(AverageWindow w) {
    return w == AverageWindow.MINUTE ? minuteAggregates : aggregates;
  }
}
