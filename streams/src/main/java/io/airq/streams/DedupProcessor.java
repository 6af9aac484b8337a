package io.airq.streams;

import io.airq.core.reading.Reading;
import io.airq.core.topic.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a reading only the first time it is seen. A reading is known by its (sensor, measurement
 * time) within {@link StreamsSettings#dedupHorizon()}: a window store keyed by sensor, with the
 * measurement time as the window start. A reading of a payload without a time of its own (its time
 * is the bridge's receive time, which a redelivered copy does not share) is also known by its
 * payload digest (the {@code airq.payload-digest} header) within {@link
 * StreamsSettings#digestHorizon()}: a second window store keyed by sensor and digest, at the first
 * copy's time. The digest horizon is short (hours) because two real messages of a sensor can have
 * the same bytes; a redelivery comes within the bridge's MQTT session expiry.
 */
final class DedupProcessor implements FixedKeyProcessor<String, Reading, Reading> {
  static final String STORE = "dedup-store";
  static final String DIGEST_STORE = "dedup-digest-store";
  private static final Logger LOG = LoggerFactory.getLogger(DedupProcessor.class);

  private final long horizonMs;
  private FixedKeyProcessorContext<String, Reading> context;
  private WindowStore<String, Long> seen;
  private WindowStore<String, Long> digests;
  private org.apache.kafka.common.metrics.Sensor duplicates;

  /**
   * @param horizon how far back a copy's digest is looked for (the digest horizon)
   */
  DedupProcessor(java.time.Duration horizon) {
    this.horizonMs = horizon.toMillis();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Reading> context) {
    this.context = context;
    this.seen = context.getStateStore(STORE);
    this.digests = context.getStateStore(DIGEST_STORE);
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
    Header digest = record.headers().lastHeader(RecordHeaders.PAYLOAD_DIGEST);
    if (digest != null) {
      String key = r.sensorId() + "#" + new String(digest.value(), StandardCharsets.UTF_8);
      if (seenBefore(key, t)) {
        duplicates.record();
        LOG.debug("redelivered copy of {} received at {}", r.sensorId(), r.time());
        return;
      }
      digests.put(key, t, t);
    }
    if (seen.fetch(r.sensorId(), t) != null) {
      duplicates.record();
      LOG.debug("duplicate reading {} at {}", r.sensorId(), r.time());
      return;
    }
    seen.put(r.sensorId(), t, t);
    context.forward(record);
  }

  /** Whether the digest was stored within the horizon before {@code t} (a copy comes later). */
  private boolean seenBefore(String key, long t) {
    try (KeyValueIterator<Windowed<String>, Long> it =
        digests.fetch(
            key,
            key,
            java.time.Instant.ofEpochMilli(Math.max(0, t - horizonMs)),
            java.time.Instant.ofEpochMilli(t))) {
      return it.hasNext();
    }
  }
}
