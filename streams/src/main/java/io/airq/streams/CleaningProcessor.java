package io.airq.streams;

import io.airq.core.average.AverageWindow;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SensorPlace;
import io.airq.core.registry.Sensor;
import io.airq.streams.correction.Corrector;
import io.airq.streams.quality.QaRules;
import io.airq.streams.quality.QaSettings;
import io.airq.streams.quality.SensorHistory;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the QA rules (with the per-sensor history store), the corrections, and decides whether
 * the reading missed its hourly window's grace (late) against the task's stream time, the same
 * clock the windows use.
 */
final class CleaningProcessor implements FixedKeyProcessor<String, Enriched, Cleaned> {
  static final String HISTORY_STORE = "qa-history-store";

  private final QaRules rules;
  private final QaSettings qa;
  private final long hourMs = AverageWindow.HOUR.size().toMillis();
  private final long hourGraceMs;
  private FixedKeyProcessorContext<String, Cleaned> context;
  private KeyValueStore<String, SensorHistory> history;
  private org.apache.kafka.common.metrics.Sensor late;

  CleaningProcessor(QaSettings qa, Duration hourGrace) {
    this.qa = qa;
    this.rules = new QaRules(qa);
    this.hourGraceMs = hourGrace.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Cleaned> context) {
    this.context = context;
    this.history = context.getStateStore(HISTORY_STORE);
    this.late =
        context
            .metrics()
            .addRateTotalSensor(
                "airq",
                context.taskId().toString(),
                "late-readings",
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(FixedKeyRecord<String, Enriched> record) {
    Reading r = record.value().reading();
    Sensor s = record.value().sensor();
    SensorHistory h = history.get(r.sensorId());
    h = h == null ? SensorHistory.EMPTY : h;
    List<QaFlag> flags = rules.evaluate(r, h);
    history.put(r.sensorId(), h.with(r.values(), qa.historySize()));
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
    long t = r.time().toEpochMilli();
    long hourEnd = Math.floorDiv(t, hourMs) * hourMs + hourMs;
    boolean isLate = hourEnd + hourGraceMs <= context.currentStreamTimeMs();
    if (isLate) {
      late.record();
    }
    context.forward(record.withValue(new Cleaned(clean, s, isLate)));
  }
}
