package io.airq.streams;

import io.airq.core.reading.Reading;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a reading only the first time its (sensor, measurement time) is seen within the horizon
 * (the store's retention). The store is a window store keyed by sensor, with the measurement time
 * as the window start.
 */
final class DedupProcessor implements FixedKeyProcessor<String, Reading, Reading> {
  static final String STORE = "dedup-store";
  private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

  private FixedKeyProcessorContext<String, Reading> context;
  private WindowStore<String, Long> seen;
  private org.apache.kafka.common.metrics.Sensor duplicates;

  @Override
  public void init(FixedKeyProcessorContext<String, Reading> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
    this.duplicates =
        context
            .metrics()
            .addRateTotalSensor(
                "airq",
                context.taskId().toString(),
                "duplicate-readings",
                org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(FixedKeyRecord<String, Reading> record) {
    Reading r = record.value();
    if (r == null) {
      return;
    }
    long t = r.time().toEpochMilli();
    if (seen.fetch(r.sensorId(), t) != null) {
      duplicates.record();
      LOG.debug("duplicate reading {} at {}", r.sensorId(), r.time());
      return;
    }
    seen.put(r.sensorId(), t, t);
    context.forward(record);
  }
}
