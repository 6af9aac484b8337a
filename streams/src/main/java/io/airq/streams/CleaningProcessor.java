package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SensorPlace;
import io.airq.core.registry.Sensor;
import io.airq.streams.average.SensorWindowsProcessor;
import io.airq.streams.correction.Corrector;
import io.airq.streams.quality.QaRules;
import io.airq.streams.quality.QaSettings;
import io.airq.streams.quality.SensorHistory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the QA rules (with the per-sensor history store), the corrections, and decides whether
 * the reading is late: it missed its hourly window's grace on its own sensor's clock (the latest
 * measurement time that sensor sent before), or its hour is older than the hour store keeps behind
 * the task's stream time (the newest reading of any sensor in the partition).
 *
 * <p>Each sensor has its own clock because readings of different sensors are not in time order on a
 * partition: a gateway delivers hours of buffered readings at once, and in a replay the bridge's
 * parse workers run at different paces, so one sensor can be a day behind another one that shares
 * its partition. Judged by the partition's newest reading, a whole day of the slower sensor would
 * be late.
 */
final class CleaningProcessor implements FixedKeyProcessor<String, Enriched, Cleaned> {
  static final String HISTORY_STORE = "qa-history-store";

  private final QaRules rules;
  private final QaSettings qa;
  private final long hourMs = AverageWindow.HOUR.size().toMillis();
  private final long hourGraceMs;
  private final long hourRetentionMs;
  private FixedKeyProcessorContext<String, Cleaned> context;
  private KeyValueStore<String, SensorHistory> history;

  /**
   * The histories this task wrote last, as objects: the store's record cache holds them serialized,
   * so reading a history from it decoded every value of every quantity for each reading. Only this
   * processor writes the store, and the copy is dropped in {@link #init} (a task re-initialised
   * after an aborted transaction reads its restored store again).
   */
  private final Map<String, SensorHistory> recent = lru(HISTORY_OBJECTS);

  /**
   * How many sensors' histories a task keeps as objects (2–3 KB each with 11 quantities, so about
   * 15 MB per task at most, beside the record cache); a task with more sensors than this reads the
   * others from the store as before.
   */
  static final int HISTORY_OBJECTS = 5_000;

  private org.apache.kafka.common.metrics.Sensor late;

  CleaningProcessor(QaSettings qa, Map<AverageWindow, Duration> grace) {
    this.qa = qa;
    this.rules = new QaRules(qa);
    this.hourGraceMs = grace.get(AverageWindow.HOUR).toMillis();
    this.hourRetentionMs = SensorWindowsProcessor.hourRetention(grace).toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Cleaned> context) {
    this.context = context;
    this.history = context.getStateStore(HISTORY_STORE);
    this.recent.clear();
    this.late =
        context
            .metrics()
            .addRateTotalSensor(
                "airq",
                context.taskId().toString(),
                "late-readings",
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
  }

  private static <K, V> Map<K, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }

  @Override
  public void process(FixedKeyRecord<String, Enriched> record) {
    Reading r = record.value().reading();
    Sensor s = record.value().sensor();
    SensorHistory h = recent.get(r.sensorId());
    if (h == null) {
      h = history.get(r.sensorId());
      h = h == null ? SensorHistory.EMPTY : h;
    }
    List<QaFlag> flags = rules.evaluate(r, h);
    long t = r.time().toEpochMilli();
    SensorHistory next = h.with(r.values(), t, qa.historySize());
    history.put(r.sensorId(), next);
    recent.put(r.sensorId(), next);
    CleanReading clean =
        new CleanReading(
            r.sensorId(),
            r.time(),
            r.receivedAt(),
            r.gatewayId(),
            r.format(),
            new SensorPlace(
                s.lat(), s.lon(), s.area(), s.street(), s.county(), s.indoor(), s.hostType()),
            Corrector.correct(r, s, flags),
            flags);
    long hour = Math.floorDiv(t, hourMs) * hourMs;
    boolean isLate =
        hour + hourMs + hourGraceMs <= h.latest()
            || hour + hourRetentionMs <= context.currentStreamTimeMs();
    if (isLate) {
      late.record();
    }
    context.forward(record.withValue(new Cleaned(clean, s, isLate, Math.max(h.latest(), t))));
  }
}
