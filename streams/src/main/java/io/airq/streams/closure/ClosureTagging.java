package io.airq.streams.closure;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.WindowAverage;
import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tags an hourly sensor mean with a closure's group and phase (by the hour's start, in the
 * closure's zone).
 */
public final class ClosureTagging {
  private ClosureTagging() {}

  public static List<Contribution> contributions(
      Closure c, Sensor s, WindowAverage hourly, double coverageGate) {
    List<Contribution> out = new ArrayList<>();
    if (hourly.window() != AverageWindow.HOUR || !ofAir(hourly.quantity())) {
      return out;
    }
    Optional<Phase> phase = c.phaseOf(hourly.start());
    if (phase.isEmpty()) {
      return out;
    }
    boolean valid = hourly.coverage() >= coverageGate;
    for (Group g : Group.values()) {
      boolean selected = g == Group.TREATED ? c.treated().selects(s) : c.control().selects(s);
      if (selected) {
        out.add(
            new Contribution(
                c.id(),
                g,
                phase.get(),
                hourly.quantity(),
                s.id(),
                hourly.start(),
                hourly.start().atZone(c.zone()).toLocalDate(),
                valid,
                valid ? hourly.mean() : 0));
      }
    }
    return out;
  }

  /**
   * Whether a closure's impact on this quantity means anything: not on wind and rain (a closure
   * does not change the weather, and a mean direction is not a level that rises or falls). Weather
   * is an input of the impact model (the planner reads it from InfluxDB), not one of its outcomes.
   */
  static boolean ofAir(Quantity q) {
    return q != Quantity.WIND_SPEED && q != Quantity.WIND_DIR && q != Quantity.RAIN;
  }
}
