package io.airq.core.reading;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One canonical reading: what a sensor measured at one instant, in canonical units (see {@link
 * Quantity#unit()}).
 *
 * @param sensorId the sensor's registry id; also the Kafka key
 * @param time the measurement time (event time); the receive time when the device sends none
 * @param receivedAt when the bridge received the message
 * @param gatewayId the gateway (or device) that delivered it; may equal the sensor id
 * @param format the payload format it arrived in
 * @param values measured values in canonical units; never NaN or infinite
 * @param channelB the second channel of dual-channel sensors (PurpleAir B), empty otherwise
 * @param flags quality flags; empty on the raw readings topic, set by the streams job
 */
public record Reading(
    String sensorId,
    Instant time,
    Instant receivedAt,
    String gatewayId,
    SourceFormat format,
    Map<Quantity, Double> values,
    Map<Quantity, Double> channelB,
    List<QaFlag> flags) {

  public Reading {
    Objects.requireNonNull(sensorId, "sensorId");
    Objects.requireNonNull(time, "time");
    receivedAt = receivedAt == null ? time : receivedAt;
    values = copy(values);
    channelB = copy(channelB);
    flags = flags == null ? List.of() : List.copyOf(flags);
    for (Map.Entry<Quantity, Double> e : values.entrySet()) {
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(
            "value of " + e.getKey() + " must be a finite number, was " + e.getValue());
      }
    }
  }

  /** A reading without a second channel or flags. */
  public static Reading of(
      String sensorId,
      Instant time,
      Instant receivedAt,
      String gatewayId,
      SourceFormat format,
      Map<Quantity, Double> values) {
    return new Reading(sensorId, time, receivedAt, gatewayId, format, values, Map.of(), List.of());
  }

  public Reading withFlags(List<QaFlag> newFlags) {
    return new Reading(sensorId, time, receivedAt, gatewayId, format, values, channelB, newFlags);
  }

  public Double value(Quantity q) {
    return values.get(q);
  }

  private static Map<Quantity, Double> copy(Map<Quantity, Double> in) {
    if (in == null || in.isEmpty()) {
      return Map.of();
    }
    return java.util.Collections.unmodifiableMap(new EnumMap<>(in));
  }
}
