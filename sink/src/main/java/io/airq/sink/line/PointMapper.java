package io.airq.sink.line;

import io.airq.core.alert.Alert;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.index.IndexValue;
import io.airq.core.json.Json;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The pure mapping from airq messages to InfluxDB line protocol (docs/influxdb-schema.md). A
 * point's identity (measurement, tag set, time) depends only on the message's identity, so a
 * redelivered record or an updated window overwrites the point it wrote before.
 */
public final class PointMapper {
  public static final String READING = "reading";
  public static final String AVERAGE = "average";
  public static final String CLOSURE_PHASE = "closure_phase";
  public static final String ALERT = "alert";

  private PointMapper() {}

  /** A quantity's value and raw value field keys ("pm25", "pm25_raw"), by ordinal. */
  private static final LineBuilder.Key[] VALUE_KEYS =
      Arrays.stream(Quantity.values())
          .map(q -> LineBuilder.Key.of(q.id()))
          .toArray(LineBuilder.Key[]::new);

  private static final LineBuilder.Key[] RAW_KEYS =
      Arrays.stream(Quantity.values())
          .map(q -> LineBuilder.Key.of(q.id() + "_raw"))
          .toArray(LineBuilder.Key[]::new);

  /** A clean reading: one {@code reading} point with corrected and raw values and the flags. */
  public static LineResult reading(CleanReading r) {
    LineBuilder b =
        LineBuilder.measurement(READING)
            .tag("sensor", r.sensorId())
            .tag("area", r.place() == null ? null : r.place().area())
            .tag("county", r.place() == null ? null : r.place().county())
            .tag("format", r.format() == null ? null : r.format().id());
    for (Map.Entry<Quantity, CorrectedValue> e : r.values().entrySet()) {
      int q = e.getKey().ordinal();
      b.field(VALUE_KEYS[q], e.getValue().value());
      b.field(RAW_KEYS[q], e.getValue().raw());
    }
    StringBuilder flags = new StringBuilder();
    for (QaFlag f : r.flags()) {
      if (flags.length() > 0) {
        flags.append(',');
      }
      flags.append(f.quantity().id()).append(':').append(f.rule().id());
    }
    b.field("flags", flags.toString());
    return b.time(r.time());
  }

  /**
   * A window's averages: one {@code average} point per quantity at the window start. A window
   * without quantities is rejected (the topic's writer never sends one; a hand-written record
   * might).
   */
  public static LineResult averages(WindowAverages w) {
    if (w.quantities().isEmpty()) {
      return new LineResult.Rejected(
          "incomplete", "window average of " + w.key() + " at " + w.start() + " has no quantities");
    }
    List<String> lines = new ArrayList<>(w.quantities().size());
    for (WindowAverage a : w.averages()) {
      LineResult r = average(a);
      if (r instanceof LineResult.Lines l) {
        lines.addAll(l.lines());
      } else {
        return r;
      }
    }
    return new LineResult.Lines(lines);
  }

  /** A window average: one {@code average} point at the window start. */
  public static LineResult average(WindowAverage a) {
    LineBuilder b =
        LineBuilder.measurement(AVERAGE)
            .tag("scope", a.scope().id())
            .tag("key", a.key())
            .tag("area", a.area())
            .tag("county", a.county())
            .tag("window", a.window().id())
            .tag("quantity", a.quantity().id())
            .field("mean", a.mean())
            .field("raw_mean", a.rawMean())
            .field("min", a.min())
            .field("max", a.max())
            .field("count", a.count())
            .field("expected", a.expectedCount())
            .field("coverage", a.coverage());
    for (IndexValue v : a.indices()) {
      b.field(v.field(), (long) v.value());
      b.field(v.field() + "_category", v.category());
      b.field(v.field() + "_pollutant", v.pollutant().id());
      b.field(v.field() + "_averaging", v.averaging());
      b.field(v.field() + "_id", v.id());
    }
    b.field("correction", a.correction());
    return b.time(a.start());
  }

  /**
   * A closure phase aggregate: one {@code closure_phase} point at the phase's start instant, which
   * comes from the closure.
   */
  public static LineResult closurePhase(PhaseAggregate p, Closure closure) {
    if (closure == null) {
      return new LineResult.Rejected(
          "unknown-closure", "closure " + p.closureId() + " is not registered");
    }
    if (p.group() == null || p.phase() == null || p.quantity() == null) {
      return new LineResult.Rejected(
          "incomplete", "closure aggregate without group, phase or quantity");
    }
    Instant start =
        switch (p.phase()) {
          case BEFORE -> closure.beforeStart();
          case DURING -> closure.startInstant();
          case AFTER -> closure.endInstant();
        };
    Moments total = p.total();
    return LineBuilder.measurement(CLOSURE_PHASE)
        .tag("closure", p.closureId())
        .tag("group", p.group().id())
        .tag("phase", p.phase().id())
        .tag("quantity", p.quantity().id())
        .field("hours", total.count())
        .field("mean", total.mean())
        .field("sum", total.sum())
        .field("sum_squares", total.sumSquares())
        .field("invalid_hours", p.invalidHours())
        .field("days", Json.writeString(p.days()))
        .time(start);
  }

  /**
   * An alert: one {@code alert} point at the window start; a window's {@code raised} and {@code
   * cleared} alerts are two points (the status is a tag).
   */
  public static LineResult alert(Alert a) {
    if (a.scope() == null
        || a.key() == null
        || a.quantity() == null
        || a.window() == null
        || a.start() == null) {
      return new LineResult.Rejected(
          "incomplete", "alert without scope, key, quantity, window or start");
    }
    return LineBuilder.measurement(ALERT)
        .tag("scope", a.scope().id())
        .tag("key", a.key())
        .tag("quantity", a.quantity().id())
        .tag("window", a.window().id())
        .tag("guideline", a.guideline())
        .tag("status", a.status())
        .field("mean", a.mean())
        .field("threshold", a.threshold())
        .field("level", a.level())
        .field("averaging", a.averaging())
        .time(a.start());
  }
}
