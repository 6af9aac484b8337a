package io.airq.core.impact;

import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The running aggregate of valid hourly means for one (closure, group, phase, quantity), kept per
 * local day of the closure's zone so that confidence intervals can be built on daily means. The
 * value of the closure-impact topic, emitted while the closure is on.
 *
 * @param closureId the closure
 * @param group treated or control
 * @param phase before, during or after
 * @param quantity the pollutant
 * @param days per local date, the moments of that day's valid sensor-hour means
 * @param invalidHours sensor-hours seen in this phase whose coverage was below the gate
 * @param updatedAt event time of the latest hour that changed this aggregate
 */
public record PhaseAggregate(
    String closureId,
    Group group,
    Phase phase,
    Quantity quantity,
    Map<LocalDate, Moments> days,
    long invalidHours,
    Instant updatedAt) {

  public PhaseAggregate {
    Objects.requireNonNull(closureId, "closureId");
    days = days == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(days));
  }

  /** The moments over all days: count of valid sensor-hours, their sum and sum of squares. */
  public Moments total() {
    Moments m = Moments.EMPTY;
    for (Moments d : days.values()) {
      m = m.merge(d);
    }
    return m;
  }
}
