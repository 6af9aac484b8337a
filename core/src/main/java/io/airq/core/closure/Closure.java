package io.airq.core.closure;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered street closure. Start and end are local times in {@link #zone()}; phase boundaries
 * are computed in that zone, so a closure across a daylight-saving switch keeps its wall-clock
 * hours. Every phase is half-open, so each boundary belongs to exactly one phase:
 *
 * <ul>
 *   <li>before = [start − baseline, start)
 *   <li>during = [start, end)
 *   <li>after = [end, end + after)
 * </ul>
 *
 * <p>A baseline or after window of whole days is applied in calendar days in the closure's zone (7
 * days before 09:00 is 09:00, even across a DST switch); otherwise as an exact duration.
 *
 * <p>When {@link #comparisonPeriods()} is not empty, those periods are the baseline instead of the
 * window just before the closure.
 *
 * <p>A withdrawn closure ({@link #withdrawnAt()} set, by the planner's {@code DELETE
 * /api/closures/{id}}) stays registered, so its reports remain readable, and they say it was
 * withdrawn.
 *
 * <p>{@link #weather()} optionally names the closure's weather station (null: none named), and
 * {@link #street()} optionally gives the closed street's line (null: none given).
 */
public record Closure(
    String id,
    String name,
    SensorSelection treated,
    SensorSelection control,
    LocalDateTime start,
    LocalDateTime end,
    Duration baseline,
    Duration after,
    ZoneId zone,
    List<ComparisonPeriod> comparisonPeriods,
    Instant withdrawnAt,
    ClosureWeather weather,
    StreetLine street) {

  public static final Duration DEFAULT_BASELINE = Duration.ofDays(7);
  public static final Duration DEFAULT_AFTER = Duration.ofDays(7);

  @JsonCreator
  public Closure {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    name = name == null ? id : name;
    treated = treated == null ? new SensorSelection(null, null) : treated;
    control = control == null ? new SensorSelection(null, null) : control;
    baseline = baseline == null ? DEFAULT_BASELINE : baseline;
    after = after == null ? DEFAULT_AFTER : after;
    zone = zone == null ? ZoneId.of("UTC") : zone;
    comparisonPeriods = comparisonPeriods == null ? List.of() : List.copyOf(comparisonPeriods);
  }

  /** The same closure, withdrawn at {@code at}. */
  public Closure withdrawn(Instant at) {
    Objects.requireNonNull(at, "at");
    return toBuilder().withdrawnAt(at).build();
  }

  /** The same closure with its weather station named ({@code null}: none). */
  public Closure withWeather(ClosureWeather w) {
    return toBuilder().weather(w).build();
  }

  /**
   * A closure to build field by field: {@code Closure.builder("moi-ave").period(start,
   * end).treated(SensorSelection.ofAreas("CBD")).zone(nairobi).build()}. What is not set takes this
   * constructor's default (which also does all the validation); the period must be set.
   */
  public static ClosureBuilder builder(String id) {
    return new ClosureBuilder(id);
  }

  /** A builder holding this closure's fields, to build a changed copy. */
  public ClosureBuilder toBuilder() {
    return new ClosureBuilder(this);
  }

  /** Whether it was withdrawn (it then stays registered, for its reports). */
  @JsonIgnore
  public boolean isWithdrawn() {
    return withdrawnAt != null;
  }

  public Instant startInstant() {
    return start.atZone(zone).toInstant();
  }

  public Instant endInstant() {
    return end.atZone(zone).toInstant();
  }

  /** The first instant of the before phase (the earliest of the comparison periods if any). */
  public Instant beforeStart() {
    if (!comparisonPeriods.isEmpty()) {
      return comparisonPeriods.stream()
          .map(p -> p.start().atZone(zone).toInstant())
          .min(Instant::compareTo)
          .orElseThrow();
    }
    return shift(start.atZone(zone), baseline.negated()).toInstant();
  }

  /** The instant the after phase ends (exclusive). */
  public Instant afterEnd() {
    return shift(end.atZone(zone), after).toInstant();
  }

  /** The phase an instant falls in, or empty when it is outside every phase. */
  public Optional<Phase> phaseOf(Instant t) {
    Instant s = startInstant();
    Instant e = endInstant();
    if (!t.isBefore(s) && t.isBefore(e)) {
      return Optional.of(Phase.DURING);
    }
    if (!t.isBefore(e) && t.isBefore(afterEnd())) {
      return Optional.of(Phase.AFTER);
    }
    if (comparisonPeriods.isEmpty()) {
      return !t.isBefore(beforeStart()) && t.isBefore(s)
          ? Optional.of(Phase.BEFORE)
          : Optional.empty();
    }
    for (ComparisonPeriod p : comparisonPeriods) {
      if (!t.isBefore(p.start().atZone(zone).toInstant())
          && t.isBefore(p.end().atZone(zone).toInstant())) {
        return Optional.of(Phase.BEFORE);
      }
    }
    return Optional.empty();
  }

  private static ZonedDateTime shift(ZonedDateTime t, Duration d) {
    if (d.toMillis() % Duration.ofDays(1).toMillis() == 0) {
      return t.plusDays(d.toDays());
    }
    return t.plus(d);
  }
}
