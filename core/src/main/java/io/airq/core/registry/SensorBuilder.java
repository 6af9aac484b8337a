package io.airq.core.registry;

import io.airq.core.reading.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Builds a {@link Sensor} field by field ({@link Sensor#builder}, {@link Sensor#toBuilder}). Each
 * setter sets the record component of its name (see {@link Sensor} for their meaning); what is not
 * set is passed as null (false for {@code indoor}) and takes the canonical constructor's default,
 * which also does all the validation. The position has no default: {@link #build} refuses a sensor
 * without one.
 */
public final class SensorBuilder {
  private final String id;
  private double lat = Double.NaN;
  private double lon = Double.NaN;
  private String gatewayId;
  private String area;
  private String street;
  private String county;
  private boolean indoor;
  private HostType hostType;
  private Duration reportingInterval;
  private String model;
  private Map<Quantity, CalibrationHistory> calibration;
  private SensorKind kind;
  private Instant installed;
  private Instant retired;
  private String licence;
  private String attribution;
  private String zone;

  SensorBuilder(String id) {
    this.id = id;
  }

  SensorBuilder(Sensor s) {
    this.id = s.id();
    this.lat = s.lat();
    this.lon = s.lon();
    this.gatewayId = s.gatewayId();
    this.area = s.area();
    this.street = s.street();
    this.county = s.county();
    this.indoor = s.indoor();
    this.hostType = s.hostType();
    this.reportingInterval = s.reportingInterval();
    this.model = s.model();
    this.calibration = s.calibration();
    this.kind = s.kind();
    this.installed = s.installed();
    this.retired = s.retired();
    this.licence = s.licence();
    this.attribution = s.attribution();
    this.zone = s.zone();
  }

  /** Latitude and longitude, WGS84 degrees. */
  public SensorBuilder position(double lat, double lon) {
    this.lat = lat;
    this.lon = lon;
    return this;
  }

  public SensorBuilder gatewayId(String gatewayId) {
    this.gatewayId = gatewayId;
    return this;
  }

  public SensorBuilder area(String area) {
    this.area = area;
    return this;
  }

  public SensorBuilder street(String street) {
    this.street = street;
    return this;
  }

  public SensorBuilder county(String county) {
    this.county = county;
    return this;
  }

  public SensorBuilder indoor(boolean indoor) {
    this.indoor = indoor;
    return this;
  }

  public SensorBuilder hostType(HostType hostType) {
    this.hostType = hostType;
    return this;
  }

  public SensorBuilder reportingInterval(Duration reportingInterval) {
    this.reportingInterval = reportingInterval;
    return this;
  }

  public SensorBuilder model(String model) {
    this.model = model;
    return this;
  }

  public SensorBuilder calibration(Map<Quantity, CalibrationHistory> calibration) {
    this.calibration = calibration;
    return this;
  }

  public SensorBuilder kind(SensorKind kind) {
    this.kind = kind;
    return this;
  }

  public SensorBuilder installed(Instant installed) {
    this.installed = installed;
    return this;
  }

  public SensorBuilder retired(Instant retired) {
    this.retired = retired;
    return this;
  }

  public SensorBuilder licence(String licence) {
    this.licence = licence;
    return this;
  }

  public SensorBuilder attribution(String attribution) {
    this.attribution = attribution;
    return this;
  }

  public SensorBuilder zone(String zone) {
    this.zone = zone;
    return this;
  }

  /** The sensor, validated by the canonical constructor. */
  public Sensor build() {
    return new Sensor(
        id,
        gatewayId,
        lat,
        lon,
        area,
        street,
        county,
        indoor,
        hostType,
        reportingInterval,
        model,
        calibration,
        kind,
        installed,
        retired,
        licence,
        attribution,
        zone);
  }
}
