package io.airq.ingest.payload;

import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and when a message arrived: what the payload adapters may use when the payload itself is
 * silent.
 *
 * @param channel the MQTT topic, or {@code http:/v1/push-sensor-data/}
 * @param gateway the gateway that delivered the message
 * @param sensor the sensor named by the topic or the {@code X-Sensor} header; empty when none
 * @param format an explicit format (topic suffix or config); empty means: detect from the shape
 * @param receivedAt the receive time at the bridge
 */
public record Origin(
    String channel,
    String gateway,
    Optional<String> sensor,
    Optional<SourceFormat> format,
    Instant receivedAt) {
  public Origin {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
