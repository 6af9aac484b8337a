package io.airq.app;

import io.airq.core.registry.Sensor;
import io.airq.streams.average.AreaExpectation;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

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

  /**
   * The areas whose windows the chosen sensors' means enter (indoor sensors' enter none), and those
   * named in the {@code area} tag of their stored hours in [first, end) ({@code stored}: a sensor's
   * areas then; a sensor moved or now indoor still counts in the old area's stored windows until
   * that area is recomputed).
   */
  static SortedSet<String> areasOf(
      Collection<Sensor> chosen, Function<String, Set<String>> stored) {
    SortedSet<String> out = new TreeSet<>();
    for (Sensor s : chosen) {
      if (AreaExpectation.entersAreaMeans(s)) {
        out.add(s.area());
      }
      out.addAll(stored.apply(s.id()));
    }
    return out;
  }

  /**
   * Recomputes the chosen sensors, then {@code areas} (from every sensor of each area in {@code
   * registry}), over [first, end); returns the sensors' total.
   */
  RecomputeJob.Outcome run(
      Collection<Sensor> chosen,
      Collection<String> areaIds,
      Collection<Sensor> registry,
      Instant first,
      Instant end) {
    RecomputeJob.Outcome total = RecomputeJob.Outcome.NONE;
    // the chunks in which a chosen sensor had raw readings (hours recomputed)
    Set<Instant> withReadings = new java.util.HashSet<>();
    for (Sensor s : chosen) {
      RecomputeJob.Outcome o = RecomputeJob.Outcome.NONE;
      for (RecomputeJob.Chunk c : chunks(first, end)) {
        RecomputeJob.Outcome chunk = sensors.run(s, c, dryRun);
        if (chunk.hours() > 0) {
          withReadings.add(c.from());
        }
        o = o.plus(chunk);
      }
      print(s.id(), o);
      total = total.plus(o);
    }
    for (String area : areaIds) {
      RecomputeJob.Outcome o = RecomputeJob.Outcome.NONE;
      for (RecomputeJob.Chunk c : chunks(first, end)) {
        o = o.plus(areas.run(area, registry, c, withReadings.contains(c.from()), dryRun));
      }
      print("area " + area, o);
    }
    return total;
  }

  /** [first, end) a day at a time. */
  static List<RecomputeJob.Chunk> chunks(Instant first, Instant end) {
    List<RecomputeJob.Chunk> out = new ArrayList<>();
    for (Instant day = first; day.isBefore(end); day = day.plus(Duration.ofDays(1))) {
      Instant next = day.plus(Duration.ofDays(1));
      Instant to = next.isAfter(end) ? end : next;
      out.add(new RecomputeJob.Chunk(day, to, day.equals(first), to.equals(end)));
    }
    return out;
  }

  private void print(String what, RecomputeJob.Outcome o) {
    String verb = dryRun ? "would change" : "changed";
    out.printf(
        "%s\t%d hours\t%d %s\tlargest change of a mean %.3f\t%d hours after, %d %s"
            + "\t%d 24-hour windows, %d %s\t%d calendar days, %d %s%s%n",
        what,
        o.hours(),
        o.changed(),
        verb,
        o.largestChange(),
        o.after(),
        o.afterChanged(),
        verb,
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
