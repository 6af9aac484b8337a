package io.airq.core.topic;

import io.airq.core.access.AccessToken;
import io.airq.core.access.AuditEntry;
import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.json.CleanReadingDecoder;
import io.airq.core.json.JsonSerde;
import io.airq.core.json.TopicCodecs;
import io.airq.core.json.TopicReaders;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Reading;
import io.airq.core.registry.Sensor;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/** Every airq topic, in one place. docs/schema.md describes each message. */
public final class Topics {
  private Topics() {}

  private static final JsonSerde<CleanReading> CLEAN_READING_SERDE =
      JsonSerde.of(CleanReading.class, TopicCodecs::writeCleanReading, CleanReadingDecoder::read);

  /** Canonical raw readings from the bridge. Key = sensor id; record time = measurement time. */
  public static final Topic<String, Reading> READINGS =
      new Topic<>(
          "airq.readings",
          Serdes.String(),
          JsonSerde.of(Reading.class, TopicCodecs::writeReading, TopicReaders::readReading),
          false);

  /**
   * Per-pin pushes (airrohr / sensors.AFRICA firmware: one HTTP request per sensor pin), each kept
   * here until the bridge merged a device's pins into one reading on {@link #READINGS}. Key =
   * sensor id; record time = the push's receive time; header {@code airq.pin}.
   */
  public static final Topic<String, Reading> READINGS_PINS =
      new Topic<>(
          "airq.readings.pins",
          Serdes.String(),
          JsonSerde.of(Reading.class, TopicCodecs::writeReading, TopicReaders::readReading),
          false);

  /**
   * Messages the bridge could not turn into readings: the original bytes, with {@link
   * RecordHeaders#REASON} and origin headers. Key = sensor id when known, else the MQTT topic.
   */
  public static final Topic<String, byte[]> READINGS_DEAD_LETTER =
      new Topic<>("airq.readings.dead-letter", Serdes.String(), Serdes.ByteArray(), false);

  /** The sensor registry. Compacted; key = sensor id; a null value removes the sensor. */
  public static final Topic<String, Sensor> SENSORS =
      new Topic<>("airq.sensors", Serdes.String(), JsonSerde.of(Sensor.class), true);

  /** Registered closures. Compacted; key = closure id; a null value removes the closure. */
  public static final Topic<String, Closure> CLOSURES =
      new Topic<>("airq.closures", Serdes.String(), JsonSerde.of(Closure.class), true);

  /** De-duplicated, enriched, flagged and corrected readings. Key = sensor id. */
  public static final Topic<String, CleanReading> CLEAN_READINGS =
      new Topic<>("airq.readings.clean", Serdes.String(), CLEAN_READING_SERDE, false);

  /** Readings from sensors the registry does not know (or not allowed), with the reason header. */
  public static final Topic<String, Reading> QUARANTINE =
      new Topic<>(
          "airq.readings.quarantine",
          Serdes.String(),
          JsonSerde.of(Reading.class, TopicCodecs::writeReading, TopicReaders::readReading),
          false);

  /** Readings that arrived after their windows' grace: counted, kept for the retroactive path. */
  public static final Topic<String, CleanReading> LATE_READINGS =
      new Topic<>("airq.readings.late", Serdes.String(), CLEAN_READING_SERDE, false);

  /**
   * Window averages per sensor and per area, one record per window with every quantity. Key = the
   * sensor id or the area name. Records written by releases before the grouping (one {@link
   * io.airq.core.average.WindowAverage} each) are read as one-quantity windows.
   */
  public static final Topic<String, WindowAverages> AVERAGES =
      new Topic<>(
          "airq.averages",
          Serdes.String(),
          JsonSerde.of(
              WindowAverages.class,
              TopicCodecs::writeWindowAverages,
              TopicReaders::readWindowAverages),
          false);

  /** Running before/during/after aggregates per closure. Key = closure/group/phase/quantity. */
  public static final Topic<String, PhaseAggregate> CLOSURE_IMPACT =
      new Topic<>(
          "airq.closure-impact", Serdes.String(), JsonSerde.of(PhaseAggregate.class), false);

  /** Window means above a threshold. */
  public static final Topic<String, Alert> ALERTS =
      new Topic<>("airq.alerts", Serdes.String(), JsonSerde.of(Alert.class), false);

  /** Records the sink could not write (InfluxDB answered 400), with the reason header. */
  public static final Topic<String, byte[]> SINK_DEAD_LETTER =
      new Topic<>("airq.sink.dead-letter", Serdes.String(), Serdes.ByteArray(), false);

  /** The planner's API tokens, hashed. Compacted; key = token id; a revoked token stays, marked. */
  public static final Topic<String, AccessToken> TOKENS =
      new Topic<>("airq.planner.tokens", Serdes.String(), JsonSerde.of(AccessToken.class), true);

  /** Every write through the planner API: who, when, what changed. Key = entry id; kept forever. */
  public static final Topic<String, AuditEntry> AUDIT =
      new Topic<>("airq.planner.audit", Serdes.String(), JsonSerde.of(AuditEntry.class), false);

  /** All topics, for creating them at start. */
  public static List<Topic<?, ?>> all() {
    return List.of(
        READINGS,
        READINGS_PINS,
        READINGS_DEAD_LETTER,
        SENSORS,
        CLOSURES,
        CLEAN_READINGS,
        QUARANTINE,
        LATE_READINGS,
        AVERAGES,
        CLOSURE_IMPACT,
        ALERTS,
        SINK_DEAD_LETTER,
        TOKENS,
        AUDIT);
  }
}
