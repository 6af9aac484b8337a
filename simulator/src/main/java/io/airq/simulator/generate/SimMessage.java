package io.airq.simulator.generate;

import java.time.Instant;

/**
 * One MQTT message to publish.
 *
 * @param publishAt the simulated instant it is sent (pacing follows this, not the device time)
 * @param topic MQTT topic {@code airq/v1/<gateway>/<sensor>/<format>}
 * @param payload payload bytes
 * @param kind reading, batch, duplicate, malformed or unknown-sensor
 * @param readings how many readings the payload carries
 */
public record SimMessage(
    Instant publishAt, String topic, byte[] payload, String kind, int readings) {
  public static String topic(String gateway, String sensor, String format) {
    return "airq/v1/" + gateway + "/" + sensor + "/" + format;
  }
}
