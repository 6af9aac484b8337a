package io.airq.simulator.replay;

import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.publish.MqttTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run a replay.
 *
 * @param inputs archive, Sensor.Community and hourly site files, or directories of them
 * @param format a payload format for every reading, or null for each source's default
 * @param county county of the registered archive sensors; null or blank = none
 * @param interval reporting interval of the registered archive sensors
 * @param sites where the hourly files' sites are; null when there are no hourly files
 * @param mqtt the broker to publish to
 * @param kafka where to register the sensors ({@link KafkaTarget#none()} registers nothing)
 * @param speed archive seconds per real second; 0 = as fast as possible
 * @param rateCap at most this many messages per second; 0 = no cap
 * @param progress draw a progress bar on stderr
 */
public record ReplayOptions(
    List<Path> inputs,
    String format,
    String county,
    Duration interval,
    Path sites,
    MqttTarget mqtt,
    KafkaTarget kafka,
    double speed,
    double rateCap,
    boolean progress) {

  public ReplayOptions {
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("nothing to replay: no input files");
    }
    inputs = List.copyOf(inputs);
    county = county == null ? "" : county;
    if (interval == null || interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the reporting interval must be positive");
    }
    if (mqtt == null) {
      throw new IllegalArgumentException("the MQTT broker is required");
    }
    kafka = kafka == null ? KafkaTarget.none() : kafka;
    if (speed < 0 || rateCap < 0) {
      throw new IllegalArgumentException("speed and rate cap must not be negative");
    }
  }
}
