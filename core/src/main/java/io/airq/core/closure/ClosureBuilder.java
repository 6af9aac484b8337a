package io.airq.core.closure;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Builds a {@link Closure} field by field ({@link Closure#builder}, {@link Closure#toBuilder}).
 * Each setter sets the record component of its name (see {@link Closure}); what is not set is
 * passed as null and takes the canonical constructor's default, which also does all the validation.
 * The period has no default: {@link #build} refuses a closure without one.
 */
public final class ClosureBuilder {
  private final String id;
  private LocalDateTime start;
  private LocalDateTime end;
  private String name;
  private SensorSelection treated;
  private SensorSelection control;
  private Duration baseline;
  private Duration after;
  private ZoneId zone;
  private List<ComparisonPeriod> comparisonPeriods;
  private Instant withdrawnAt;
  private ClosureWeather weather;
  private StreetLine street;

  ClosureBuilder(String id) {
    this.id = id;
  }

  ClosureBuilder(Closure c) {
    this.id = c.id();
    this.start = c.start();
    this.end = c.end();
    this.name = c.name();
    this.treated = c.treated();
    this.control = c.control();
    this.baseline = c.baseline();
    this.after = c.after();
    this.zone = c.zone();
    this.comparisonPeriods = c.comparisonPeriods();
    this.withdrawnAt = c.withdrawnAt();
    this.weather = c.weather();
    this.street = c.street();
  }

  /** The closure's start and end, local times in its zone. */
  public ClosureBuilder period(LocalDateTime start, LocalDateTime end) {
    this.start = start;
    this.end = end;
    return this;
  }

  public ClosureBuilder name(String name) {
    this.name = name;
    return this;
  }

  public ClosureBuilder treated(SensorSelection treated) {
    this.treated = treated;
    return this;
  }

  public ClosureBuilder control(SensorSelection control) {
    this.control = control;
    return this;
  }

  public ClosureBuilder baseline(Duration baseline) {
    this.baseline = baseline;
    return this;
  }

  public ClosureBuilder after(Duration after) {
    this.after = after;
    return this;
  }

  public ClosureBuilder zone(ZoneId zone) {
    this.zone = zone;
    return this;
  }

  public ClosureBuilder comparisonPeriods(List<ComparisonPeriod> comparisonPeriods) {
    this.comparisonPeriods = comparisonPeriods;
    return this;
  }

  public ClosureBuilder withdrawnAt(Instant withdrawnAt) {
    this.withdrawnAt = withdrawnAt;
    return this;
  }

  public ClosureBuilder weather(ClosureWeather weather) {
    this.weather = weather;
    return this;
  }

  public ClosureBuilder street(StreetLine street) {
    this.street = street;
    return this;
  }

  /** The closure, validated by the canonical constructor. */
  public Closure build() {
    return new Closure(
        id,
        name,
        treated,
        control,
        start,
        end,
        baseline,
        after,
        zone,
        comparisonPeriods,
        withdrawnAt,
        weather,
        street);
  }
}
