package io.airq.e2e;

import java.util.Optional;
import java.util.Set;

/**
 * One generated message of the hostile-input suite and what the bridge must make of it.
 *
 * @param kind the class it belongs to, for the summary
 * @param topic the MQTT topic, or the push path for HTTP
 * @param xSensor the HTTP {@code X-Sensor} header, if any (HTTP only)
 * @param body the payload bytes
 * @param reasonCodes the dead-letter reason codes it may get; empty when it must be forwarded
 * @param deadLetterKey the Kafka key its dead letter must have (the topic's or X-Sensor's sensor,
 *     verbatim, else the channel)
 * @param verbatim for a hostile-looking but valid message: the sensor id and gateway that must
 *     arrive unchanged as Kafka key, {@code sensorId} and {@code gatewayId}
 */
record HostileCase(
    String kind,
    String topic,
    Optional<String> xSensor,
    byte[] body,
    Set<String> reasonCodes,
    String deadLetterKey,
    Optional<Verbatim> verbatim) {

  /** The ids a valid message must keep exactly, and its measurement time. */
  record Verbatim(String sensorId, String gatewayId, long timeMillis) {}

  boolean forwarded() {
    return verbatim.isPresent();
  }
}
