package io.airq.app;

import io.airq.core.registry.Sensor;
import io.airq.streams.average.AreaExpectation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The loop of {@code airq recompute}: each chosen sensor, then each area one of them is in, a day
 * at a time (so a long period is never held whole), with one summary line each.
 */
final class RecomputeRun {
  private final RecomputeJob sensors;
  private final AreaRecomputeJob areas;
  private final boolean dryRun;
  private final boolean minutes;
  private final PrintWriter out;

  /**
   * @param minutes whether the jobs recompute the 1-minute windows (and the lines count them)
   */
  RecomputeRun(
      RecomputeJob sensors,
      AreaRecomputeJob areas,
      boolean dryRun,
      boolean minutes,
      PrintWriter out) {
    this.sensors = sensors;
    this.areas = areas;
    this.dryRun = dryRun;
    this.minutes = minutes;
    this.out = out;
  }

  /** The areas whose windows the chosen sensors' means enter (indoor sensors' enter none). */
  static SortedSet<String> areasOf(Collection<Sensor> chosen) {
    SortedSet<String> out = new TreeSet<>();
    for (Sensor s : chosen) {
      if (AreaExpectation.entersAreaMeans(s)) {
        out.add(s.area());
      }
    }
    return out;
  }

  /**
   * Recomputes the chosen sensors, then their areas (from every sensor of each area in {@code
   * registry}), over [first, end); returns the sensors' total.
   */
  RecomputeJob.Outcome run(
      Collection<Sensor> chosen, Collection<Sensor> registry, Instant first, Instant end) {
    RecomputeJob.Outcome total = RecomputeJob.Outcome.NONE;
    for (Sensor s : chosen) {
      RecomputeJob.Outcome o = RecomputeJob.Outcome.NONE;
      for (Instant day = first; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
        o = o.plus(sensors.run(s, day, dayEnd(day, end), dryRun));
      }
      print(s.id(), o);
      total = total.plus(o);
    }
    for (String area : areasOf(chosen)) {
      RecomputeJob.Outcome o = RecomputeJob.Outcome.NONE;
      for (Instant day = first; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
        o = o.plus(areas.run(area, registry, day, dayEnd(day, end), dryRun));
      }
      print("area " + area, o);
    }
    return total;
  }

  private static Instant dayEnd(Instant day, Instant end) {
    Instant next = day.plus(Duration.ofDays(1));
    return next.isAfter(end) ? end : next;
  }

  private void print(String what, RecomputeJob.Outcome o) {
    String verb = dryRun ? "would change" : "changed";
    out.printf(
        "%s\t%d hours\t%d %s\tlargest change of a mean %.3f"
            + "\t%d 24-hour windows, %d %s\t%d calendar days, %d %s%s%n",
        what,
        o.hours(),
        o.changed(),
        verb,
        o.largestChange(),
        o.rolling(),
        o.rollingChanged(),
        verb,
        o.days(),
        o.daysChanged(),
        verb,
        minutes ? "\t%d minutes, %d %s".formatted(o.minutes(), o.minutesChanged(), verb) : "");
    out.flush();
  }
}
