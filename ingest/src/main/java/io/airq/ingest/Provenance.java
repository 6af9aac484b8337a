package io.airq.ingest;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a message came from, for the record headers and the dead-letter key.
 *
 * @param channel the MQTT topic, or {@code http:/v1/push-sensor-data/}
 * @param gateway the gateway, when known
 * @param sensor the sensor named by the topic or header, when known
 * @param receivedAt receive time at the bridge
 * @param body the original bytes
 * @param digest for a payload without a time of its own, the digest of its channel and bytes
 *     ({@link Redelivery}); null otherwise
 */
record Provenance(
    String channel,
    Optional<String> gateway,
    Optional<String> sensor,
    Instant receivedAt,
    byte[] body,
    String digest) {

  /** A message that is neither timestamp-less nor a redelivery. */
  Provenance(
      String channel,
      Optional<String> gateway,
      Optional<String> sensor,
      Instant receivedAt,
      byte[] body) {
    this(channel, gateway, sensor, receivedAt, body, null);
  }
}
