package io.airq.planner.impact;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the same {@link PhaseAggregate}s the streams job emits from stored hourly sensor means
 * (the retroactive path), with the expected sensor-hours of each phase.
 */
public final class PhaseAggregator {
  private PhaseAggregator() {}

  /**
   * @param sensors the ids of the group's sensors
   * @param hours hourly means (any sensors, any time; others are ignored)
   * @param matchedHours keep only baseline hours whose local weekday and hour of day occur during
   *     the closure
   * @param hourGate the hourly validity gate, e.g. 0.75
   */
  public static Map<Phase, PhaseInput> aggregate(
      Closure closure,
      Group group,
      Quantity quantity,
      Collection<String> sensors,
      Collection<HourlyMean> hours,
      boolean matchedHours,
      double hourGate) {
    return aggregate(
        closure,
        group,
        quantity,
        sensors,
        expectedHours(closure, sensors.size(), matchedHours),
        hours,
        matchedHours,
        hourGate);
  }

  /**
   * As {@link #aggregate(Closure, Group, Quantity, Collection, Collection, boolean, double)}, with
   * the expected sensor-hours given (see {@link #expectedHours(Closure, Collection, boolean)}).
   */
  public static Map<Phase, PhaseInput> aggregate(
      Closure closure,
      Group group,
      Quantity quantity,
      Collection<String> sensors,
      Map<Phase, Long> expected,
      Collection<HourlyMean> hours,
      boolean matchedHours,
      double hourGate) {
    Set<Slot> duringSlots = matchedHours ? duringSlots(closure) : Set.of();
    Set<String> selected = new HashSet<>(sensors);
    Map<Phase, Map<LocalDate, Moments>> days = new EnumMap<>(Phase.class);
    Map<Phase, Long> invalid = new EnumMap<>(Phase.class);
    Map<Phase, Instant> updated = new EnumMap<>(Phase.class);
    for (HourlyMean m : hours) {
      if (!selected.contains(m.sensor())) {
        continue;
      }
      Optional<Phase> phase = phaseOf(closure, m.hourStart(), matchedHours, duringSlots);
      if (phase.isEmpty()) {
        continue;
      }
      Phase p = phase.get();
      updated.merge(p, m.hourStart(), (a, b) -> a.isAfter(b) ? a : b);
      if (m.valid(hourGate)) {
        LocalDate day = m.hourStart().atZone(closure.zone()).toLocalDate();
        days.computeIfAbsent(p, k -> new HashMap<>())
            .merge(day, Moments.EMPTY.add(m.mean()), Moments::merge);
      } else {
        invalid.merge(p, 1L, Long::sum);
      }
    }
    Map<Phase, PhaseInput> out = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      PhaseAggregate agg =
          new PhaseAggregate(
              closure.id(),
              group,
              p,
              quantity,
              days.getOrDefault(p, Map.of()),
              invalid.getOrDefault(p, 0L),
              updated.get(p));
      out.put(p, new PhaseInput(agg, expected.getOrDefault(p, 0L)));
    }
    return out;
  }

  /** The expected sensor-hours per phase for {@code sensorCount} sensors (for the live path). */
  public static Map<Phase, Long> expectedHours(
      Closure closure, int sensorCount, boolean matchedHours) {
    Set<Slot> duringSlots = matchedHours ? duringSlots(closure) : Set.of();
    Map<Phase, Long> expected = new EnumMap<>(Phase.class);
    for (Instant h = closure.beforeStart().truncatedTo(ChronoUnit.HOURS);
        h.isBefore(lastEnd(closure));
        h = h.plus(Duration.ofHours(1))) {
      phaseOf(closure, h, matchedHours, duringSlots)
          .ifPresent(p -> expected.merge(p, (long) sensorCount, Long::sum));
    }
    return expected;
  }

  /**
   * The expected sensor-hours per phase from the registry as it was: a sensor is expected in an
   * hour when it was in service (installed, not yet retired) for at least half of it. A sensor
   * registered later never changes what an earlier hour expected.
   */
  public static Map<Phase, Long> expectedHours(
      Closure closure, Collection<Sensor> sensors, boolean matchedHours) {
    Set<Slot> duringSlots = matchedHours ? duringSlots(closure) : Set.of();
    Map<Phase, Long> expected = new EnumMap<>(Phase.class);
    Duration half = Duration.ofMinutes(30);
    for (Instant h = closure.beforeStart().truncatedTo(ChronoUnit.HOURS);
        h.isBefore(lastEnd(closure));
        h = h.plus(Duration.ofHours(1))) {
      Optional<Phase> p = phaseOf(closure, h, matchedHours, duringSlots);
      if (p.isEmpty()) {
        continue;
      }
      Instant start = h;
      Instant end = h.plus(Duration.ofHours(1));
      long n =
          sensors.stream().filter(s -> s.activeWithin(start, end).compareTo(half) >= 0).count();
      expected.merge(p.get(), n, Long::sum);
    }
    return expected;
  }

  /** The sensors in service at some time of the closure's phases (comparison periods included). */
  public static List<Sensor> inService(Closure closure, Collection<Sensor> sensors) {
    Instant from = closure.beforeStart();
    Instant to = lastEnd(closure);
    return sensors.stream().filter(s -> !s.activeWithin(from, to).isZero()).toList();
  }

  /** The end of the last phase: comparison periods may lie after the closure. */
  private static Instant lastEnd(Closure closure) {
    Instant end = closure.afterEnd();
    for (var p : closure.comparisonPeriods()) {
      Instant e = p.end().atZone(closure.zone()).toInstant();
      end = e.isAfter(end) ? e : end;
    }
    return end;
  }

  private static Optional<Phase> phaseOf(
      Closure closure, Instant hour, boolean matchedHours, Set<Slot> duringSlots) {
    Optional<Phase> phase = closure.phaseOf(hour);
    if (matchedHours && phase.isPresent() && phase.get() == Phase.BEFORE) {
      return duringSlots.contains(Slot.of(hour.atZone(closure.zone()))) ? phase : Optional.empty();
    }
    return phase;
  }

  private static Set<Slot> duringSlots(Closure closure) {
    Set<Slot> slots = new HashSet<>();
    for (Instant h = closure.startInstant().truncatedTo(ChronoUnit.HOURS);
        h.isBefore(closure.endInstant());
        h = h.plus(Duration.ofHours(1))) {
      if (closure.phaseOf(h).orElse(null) == Phase.DURING) {
        slots.add(Slot.of(h.atZone(closure.zone())));
      }
    }
    return slots;
  }

  private record Slot(DayOfWeek day, int hour) {
    static Slot of(ZonedDateTime t) {
      return new Slot(t.getDayOfWeek(), t.getHour());
    }
  }
}
