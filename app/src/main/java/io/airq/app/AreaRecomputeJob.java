package io.airq.app;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.registry.Sensor;
import io.airq.streams.average.AreaExpectation;
import io.airq.streams.average.AreaRecompute;
import io.airq.streams.average.HourRecompute;
import io.airq.streams.average.SensorWindow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An area's part of {@code airq recompute}: recomputes the windows of every sensor of the area from
 * their stored raw readings ({@link HourRecompute}; the sensors' own points are not written here),
 * the area's minutes, hours, 24-hour windows and calendar days from them ({@link AreaRecompute}),
 * and, unless it is a dry run, replaces the area's stored windows ({@code scope=area}).
 */
final class AreaRecomputeJob {
  private final RecomputeStore store;
  private final double gate;
  private final ZoneId dayZone;
  private final boolean minutes;

  /**
   * @param minutes whether the 1-minute windows are recomputed too
   */
  AreaRecomputeJob(RecomputeStore store, double gate, ZoneId dayZone, boolean minutes) {
    this.store = store;
    this.gate = gate;
    this.dayZone = dayZone;
    this.minutes = minutes;
  }

  /**
   * Recomputes the area's hours (and minutes, if asked) starting in the chunk, the 24-hour windows
   * ending with them, the calendar days overlapping it and, for the period's last chunk, the
   * windows after it that hold its hours, from every sensor of {@code registry} that enters the
   * area's means; writes them unless {@code dryRun}. The area's stored windows of the chunk that
   * are not recomputed (no valid sensor any more, or none in the area) are deleted only when raw
   * readings of the chunk were found, from the area's sensors or, {@code chosenHadReadings}, from
   * the chosen sensors (one moved out of the area): a chunk past the raw retention deletes nothing.
   */
  RecomputeJob.Outcome run(
      String area,
      Collection<Sensor> registry,
      RecomputeJob.Chunk c,
      boolean chosenHadReadings,
      boolean dryRun) {
    Instant from = c.from();
    Instant to = c.to();
    boolean readings = chosenHadReadings;
    List<SensorWindow> windows = new ArrayList<>();
    for (Sensor s : registry) {
      if (!s.area().equals(area) || !AreaExpectation.entersAreaMeans(s)) {
        continue;
      }
      // one sensor's raw readings at a time: only its window means are kept
      List<HourRecompute.Stored> raw =
          store.readings(
              s.id(), from.minus(AreaRecompute.LOOKBACK), to.plus(HourRecompute.DAY_LOOKAHEAD));
      readings |= raw.stream().anyMatch(x -> !x.time().isBefore(from) && x.time().isBefore(to));
      if (minutes) {
        add(windows, s, AverageWindow.MINUTE, HourRecompute.minutes(s, raw, from, to, gate));
      }
      add(
          windows,
          s,
          AverageWindow.HOUR,
          HourRecompute.hours(
              s, raw, from.minus(AreaRecompute.LOOKBACK), to.plus(AreaRecompute.LOOKAHEAD), gate));
      add(
          windows,
          s,
          AverageWindow.DAY_ROLLING,
          HourRecompute.rollingDays(s, raw, from, c.followTo(), gate));
      add(
          windows,
          s,
          AverageWindow.DAY,
          HourRecompute.calendarDays(s, raw, from, to, gate, dayZone));
    }
    AreaRecompute.Windows w =
        AreaRecompute.of(area, windows, registry, from, to, c.followTo(), gate, dayZone);
    RecomputeStore.Replacement r = store.replacement();
    RecomputeJob.Outcome o =
        RecomputeJob.Outcome.replace(
            r,
            Scope.AREA,
            area,
            c,
            readings,
            minutes ? w.minutes() : null,
            w.hours(),
            w.rolling(),
            w.days());
    if (!dryRun) {
      r.write();
    }
    return o;
  }

  private static void add(
      List<SensorWindow> out, Sensor s, AverageWindow w, List<List<WindowAverage>> windows) {
    for (List<WindowAverage> means : windows) {
      out.add(new SensorWindow(s, w, means.get(0).start(), means));
    }
  }
}
