package io.airq.streams.closure;

import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Adds and removes sensor-hour contributions to a PhaseAggregate. Pure. */
public final class PhaseAggregates {
  private PhaseAggregates() {}

  public static PhaseAggregate empty(Contribution c) {
    return new PhaseAggregate(c.closureId(), c.group(), c.phase(), c.quantity(), Map.of(), 0, null);
  }

  public static PhaseAggregate add(PhaseAggregate a, Contribution c, Instant now) {
    if (!c.valid()) {
      return with(a, a.days(), a.invalidHours() + 1, now);
    }
    Map<LocalDate, Moments> days = new TreeMap<>(a.days());
    days.put(c.day(), days.getOrDefault(c.day(), Moments.EMPTY).add(c.mean()));
    return with(a, days, a.invalidHours(), now);
  }

  public static PhaseAggregate subtract(PhaseAggregate a, Contribution c, Instant now) {
    if (!c.valid()) {
      return with(a, a.days(), a.invalidHours() - 1, now);
    }
    Map<LocalDate, Moments> days = new TreeMap<>(a.days());
    Moments m = days.getOrDefault(c.day(), Moments.EMPTY).subtract(c.mean());
    if (m.count() <= 0) {
      days.remove(c.day());
    } else {
      days.put(c.day(), m);
    }
    return with(a, days, a.invalidHours(), now);
  }

  private static PhaseAggregate with(
      PhaseAggregate a, Map<LocalDate, Moments> days, long invalid, Instant now) {
    return new PhaseAggregate(
        a.closureId(), a.group(), a.phase(), a.quantity(), days, invalid, now);
  }
}
