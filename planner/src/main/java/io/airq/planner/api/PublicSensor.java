package io.airq.planner.api;

import io.airq.core.reading.Quantity;
import io.airq.core.registry.CalibrationHistory;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A sensor's public fields. A resident host's position is rounded to 0.001° (about 100 m), so a
 * home cannot be found from it. The gateway is not shown. {@code zone} is absent when the sensor
 * has none (the streams job's {@code day.zone} applies).
 */
public record PublicSensor(
    String id,
    double lat,
    double lon,
    boolean positionCoarsened,
    String area,
    String street,
    String county,
    boolean indoor,
    String hostType,
    String model,
    String kind,
    Instant installed,
    Instant retired,
    boolean active,
    Duration reportingInterval,
    Map<Quantity, CalibrationHistory> calibration,
    String licence,
    String attribution,
    String zone) {

  public static PublicSensor of(Sensor s) {
    boolean coarse = s.hostType() == HostType.RESIDENT;
    return new PublicSensor(
        s.id(),
        coarse ? Math.round(s.lat() * 1000) / 1000.0 : s.lat(),
        coarse ? Math.round(s.lon() * 1000) / 1000.0 : s.lon(),
        coarse,
        s.area(),
        coarse ? "" : s.street(),
        s.county(),
        s.indoor(),
        s.hostType().id(),
        s.model(),
        s.kind().id(),
        s.installed(),
        s.retired(),
        s.activeAt(Instant.now()),
        s.reportingInterval(),
        s.calibration(),
        s.licence(),
        s.attribution(),
        s.zone());
  }
}
