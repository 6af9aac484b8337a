package io.airq.core.reading;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A de-duplicated, enriched, flagged and corrected reading: the value of the clean readings topic.
 *
 * @param sensorId the sensor
 * @param time measurement time
 * @param receivedAt receive time at the bridge
 * @param gatewayId the delivering gateway
 * @param format the payload format
 * @param place location from the registry
 * @param values per quantity: raw value, corrected value and correction id
 * @param flags quality flags; a flagged quantity is kept but left out of averages
 */
public record CleanReading(
    String sensorId,
    Instant time,
    Instant receivedAt,
    String gatewayId,
    SourceFormat format,
    SensorPlace place,
    Map<Quantity, CorrectedValue> values,
    List<QaFlag> flags) {

  public CleanReading {
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(time, "time");
    values =
        values == null || values.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new EnumMap<>(values));
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /** True when a quality flag fired on this quantity; such values are left out of averages. */
  public boolean flagged(Quantity q) {
    for (QaFlag f : flags) {
      if (f.quantity() == q) {
        return true;
      }
    }
    return false;
  }
}
