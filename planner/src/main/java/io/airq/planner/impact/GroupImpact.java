package io.airq.planner.impact;

import io.airq.core.closure.Phase;
import io.airq.planner.impact.weather.WeatherAdjusted;
import java.util.Map;

/**
 * The impact for one set of sensors (a group, or an area or county within the treated group).
 *
 * @param label e.g. {@code treated}, {@code control}, {@code area:Westlands}, {@code
 *     county:Nairobi}
 * @param sensors how many sensors the set has
 * @param phases per phase, its statistics
 * @param duringVsBefore the change during the closure relative to the baseline
 * @param afterVsBefore the change after the closure relative to the baseline
 * @param outcome the category for duringVsBefore, with the coverage gate applied
 * @param reason why the outcome is INSUFFICIENT_DATA, else empty
 * @param weatherAdjusted the weather-adjusted result (airq-impact-2), null when not computed
 */
public record GroupImpact(
    String label,
    int sensors,
    Map<Phase, PhaseStats> phases,
    Change duringVsBefore,
    Change afterVsBefore,
    Outcome outcome,
    String reason,
    WeatherAdjusted weatherAdjusted) {

  /** Summarises phases against the coverage gate (a fraction of expected sensor-hours). */
  public static GroupImpact of(
      String label, int sensors, Map<Phase, PhaseInput> inputs, double coverageGate) {
    Map<Phase, PhaseStats> phases = new java.util.EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      PhaseInput in = inputs.get(p);
      if (in != null) {
        phases.put(p, PhaseStats.of(in.aggregate(), in.expectedHours()));
      }
    }
    PhaseStats before = phases.get(Phase.BEFORE);
    PhaseStats during = phases.get(Phase.DURING);
    PhaseStats after = phases.get(Phase.AFTER);
    Change d = before == null || during == null ? Change.UNDEFINED : Change.of(during, before);
    Change a = before == null || after == null ? Change.UNDEFINED : Change.of(after, before);
    String reason = insufficiency(before, during, coverageGate);
    Outcome outcome = reason.isEmpty() ? d.outcome() : Outcome.INSUFFICIENT_DATA;
    if (reason.isEmpty() && outcome == Outcome.INSUFFICIENT_DATA) {
      reason = "fewer than two days of data to estimate day-to-day variability";
    }
    return new GroupImpact(label, sensors, phases, d, a, outcome, reason, null);
  }

  /** The same, with its weather-adjusted result. */
  public GroupImpact withWeather(WeatherAdjusted w) {
    return new GroupImpact(
        label, sensors, phases, duringVsBefore, afterVsBefore, outcome, reason, w);
  }

  static String insufficiency(PhaseStats before, PhaseStats during, double gate) {
    for (PhaseStats p : new PhaseStats[] {before, during}) {
      if (p == null || p.isEmpty()) {
        return (p == null ? "a" : "the " + p.phase()) + " phase has no valid hours";
      }
      if (p.coverage() < gate) {
        return String.format(
            java.util.Locale.ROOT,
            "the %s phase has %.0f%% of its hours valid, below the %.0f%% gate",
            p.phase(),
            p.coverage() * 100,
            gate * 100);
      }
    }
    return "";
  }
}
