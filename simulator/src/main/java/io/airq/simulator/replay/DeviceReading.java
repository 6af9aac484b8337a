package io.airq.simulator.replay;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows of one device at one timestamp, grouped into one reading: value type → value as the
 * archive wrote it.
 *
 * @param sensorId the archive's sensor id
 * @param sensorType e.g. pms5003 or DHT22
 * @param location the archive's location id
 * @param lat latitude
 * @param lon longitude
 * @param time measurement time
 * @param values value_type → value, in archive order
 */
public record DeviceReading(
    String sensorId,
    String sensorType,
    String location,
    double lat,
    double lon,
    Instant time,
    Map<String, String> values) {

  DeviceReading joined(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(values);
    all.putAll(more);
    return new DeviceReading(sensorId, sensorType, location, lat, lon, time, all);
  }

  boolean particulate() {
    return values.containsKey("P2") || values.containsKey("P1") || values.containsKey("P0");
  }
}
