package io.airq.core.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.airq.core.reading.Quantity;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A registry entry: where a sensor is and how to read it. Kept in the compacted sensors topic, key
 * = sensor id.
 *
 * @param id the sensor id (the Kafka key of its readings)
 * @param gatewayId the only gateway allowed to publish it in strict mode
 * @param lat latitude, WGS84 degrees
 * @param lon longitude, WGS84 degrees
 * @param area a neighbourhood, e.g. {@code Westlands}
 * @param street the street it faces, e.g. {@code Moi Avenue}
 * @param county e.g. {@code Nairobi} or {@code Kiambu}
 * @param indoor indoor sensors are kept out of area means
 * @param hostType public or resident; a resident host's position is coarsened in public output
 * @param reportingInterval the nominal interval between readings; gives the expected count per
 *     window
 * @param model the sensor model, e.g. {@code PMS5003}; Plantower-class models get the EPA
 *     correction
 * @param calibration per-quantity linear calibrations, each a history of versions (with its version
 *     id and the instant it applies from); empty when none
 * @param kind {@code air} (the default) or {@code weather}
 * @param installed when the sensor started to count for coverage; null: always (older entries)
 * @param retired when it stopped; null while in service. A retired sensor stays in the registry so
 *     past reports stay reproducible
 * @param licence the licence of its data in open-data exports, e.g. {@code ODbL-1.0}; may be empty
 * @param attribution whom to credit in open-data exports; may be empty
 * @param zone the IANA time zone of its local calendar day (e.g. {@code Africa/Nairobi}); null: the
 *     streams job's {@code day.zone}. An area's days are in the zone of its sensors
 */
public record Sensor(
    String id,
    String gatewayId,
    double lat,
    double lon,
    String area,
    String street,
    String county,
    boolean indoor,
    HostType hostType,
    Duration reportingInterval,
    String model,
    Map<Quantity, CalibrationHistory> calibration,
    SensorKind kind,
    Instant installed,
    Instant retired,
    String licence,
    String attribution,
    String zone) {

  @JsonCreator
  public Sensor {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("sensor id must not be blank");
    }
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
      throw new IllegalArgumentException("position out of range: " + lat + "," + lon);
    }
    gatewayId = gatewayId == null || gatewayId.isBlank() ? id : gatewayId;
    area = area == null ? "" : area;
    street = street == null ? "" : street;
    county = county == null ? "" : county;
    hostType = hostType == null ? HostType.PUBLIC : hostType;
    reportingInterval = reportingInterval == null ? Duration.ofMinutes(1) : reportingInterval;
    if (reportingInterval.isZero() || reportingInterval.isNegative()) {
      throw new IllegalArgumentException("reportingInterval must be positive");
    }
    model = model == null ? "" : model;
    calibration =
        calibration == null || calibration.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new EnumMap<>(calibration));
    kind = kind == null ? SensorKind.AIR : kind;
    if (installed != null && retired != null && !retired.isAfter(installed)) {
      throw new IllegalArgumentException("retired must be after installed");
    }
    licence = licence == null ? "" : licence;
    attribution = attribution == null ? "" : attribution;
    zone = zone == null || zone.isBlank() ? null : validZone(zone).getId();
  }

  /**
   * The zone of an IANA id ({@code Africa/Nairobi}, {@code UTC}); an {@link
   * IllegalArgumentException} saying so for anything else (a fixed offset such as {@code +03:00} is
   * refused too: it knows no clock changes).
   */
  public static ZoneId validZone(String id) {
    try {
      ZoneId z = ZoneId.of(id);
      // ZoneId also takes offsets behind a prefix (UTC+03:00, GMT+3) as region ids
      if ((z instanceof ZoneOffset && !id.equals("Z")) || id.matches("(?i)(UTC|GMT|UT)[+-].*")) {
        throw new IllegalArgumentException(
            "zone must be an IANA time zone id (e.g. Africa/Nairobi), not an offset: " + id);
      }
      return z;
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "zone is not an IANA time zone id (e.g. Africa/Nairobi, Europe/Dublin, UTC): " + id, e);
    }
  }

  /** The zone of its local calendar day: its own, else {@code fallback} (the job's day.zone). */
  public ZoneId dayZone(ZoneId fallback) {
    return zone == null ? fallback : ZoneId.of(zone);
  }

  /**
   * The calibration version of {@code q} that applied at {@code t} (the newest whose {@code from}
   * is at or before it); null when none did.
   */
  public LinearCalibration calibrationAt(Quantity q, Instant t) {
    CalibrationHistory h = calibration.get(q);
    return h == null ? null : h.at(t);
  }

  /** This sensor with {@code version} added to the calibration history of {@code q}. */
  public Sensor withCalibration(Quantity q, LinearCalibration version) {
    Map<Quantity, CalibrationHistory> c = new EnumMap<>(Quantity.class);
    c.putAll(calibration);
    c.merge(q, CalibrationHistory.of(version), (old, v) -> old.with(version));
    return toBuilder().calibration(c).build();
  }

  /** Whether the sensor was in service at {@code t}: installed at or before it, not yet retired. */
  public boolean activeAt(Instant t) {
    return (installed == null || !t.isBefore(installed))
        && (retired == null || t.isBefore(retired));
  }

  /** How long it was in service within [from, to); zero when not at all. */
  public Duration activeWithin(Instant from, Instant to) {
    Instant a = installed == null || installed.isBefore(from) ? from : installed;
    Instant b = retired == null || retired.isAfter(to) ? to : retired;
    return b.isAfter(a) ? Duration.between(a, b) : Duration.ZERO;
  }

  /** This sensor retired at {@code when}. */
  public Sensor retiredAt(Instant when) {
    return toBuilder().retired(when).build();
  }

  /** How many readings a window of this length should hold at the nominal interval. */
  public long expectedCount(Duration window) {
    return Math.max(1, window.toMillis() / reportingInterval.toMillis());
  }

  /**
   * A sensor to build field by field: {@code Sensor.builder("nbo-01").position(-1.28,
   * 36.82).area("CBD").build()}. What is not set takes this constructor's default (which also does
   * all the validation); the position must be set.
   */
  public static SensorBuilder builder(String id) {
    return new SensorBuilder(id);
  }

  /** A builder holding this sensor's fields, to build a changed copy. */
  public SensorBuilder toBuilder() {
    return new SensorBuilder(this);
  }
}
