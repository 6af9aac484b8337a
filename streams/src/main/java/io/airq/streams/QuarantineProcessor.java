package io.airq.streams;

import io.airq.core.reading.Reading;
import io.airq.core.topic.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Marks a reading of an unknown sensor with the reason headers before it goes to the quarantine
 * topic.
 */
final class QuarantineProcessor implements FixedKeyProcessor<String, Enriched, Reading> {
  static final String REASON_CODE = "unknown-sensor";

  private final StreamsMeters meters;
  private FixedKeyProcessorContext<String, Reading> context;

  QuarantineProcessor(StreamsMeters meters) {
    this.meters = meters;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Reading> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Enriched> record) {
    Reading r = record.value().reading();
    FixedKeyRecord<String, Reading> out = record.withValue(r);
    out.headers().remove(RecordHeaders.REASON).remove(RecordHeaders.REASON_CODE);
    out.headers()
        .add(
            RecordHeaders.REASON,
            ("sensor " + r.sensorId() + " is not in the registry").getBytes(StandardCharsets.UTF_8))
        .add(RecordHeaders.REASON_CODE, REASON_CODE.getBytes(StandardCharsets.UTF_8));
    meters.quarantined();
    context.forward(out);
  }
}
