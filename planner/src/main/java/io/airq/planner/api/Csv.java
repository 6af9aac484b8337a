package io.airq.planner.api;

import io.airq.core.closure.Phase;
import io.airq.planner.impact.Change;
import io.airq.planner.impact.GroupImpact;
import io.airq.planner.impact.ImpactReport;
import io.airq.planner.impact.PhaseStats;
import io.airq.planner.impact.weather.WeatherAdjusted;
import io.airq.planner.influx.SeriesDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CSV exports, each opening with '#' provenance lines. */
public final class Csv {
  private Csv() {}

  static String provenance(Provenance p) {
    StringBuilder s = new StringBuilder();
    s.append("# method_version: ").append(p.methodVersion()).append('\n');
    s.append("# generated_at: ").append(p.generatedAt()).append('\n');
    for (String d : p.dataSources()) {
      s.append("# data_source: ").append(d).append('\n');
    }
    s.append("# licence: ").append(p.licence()).append('\n');
    return s.toString();
  }

  public static String report(ImpactReport r, Provenance p) {
    StringBuilder s = new StringBuilder(provenance(p));
    s.append("# closure: ")
        .append(r.closureId())
        .append(", quantity: ")
        .append(r.quantity())
        .append(", matched_hours: ")
        .append(r.matchedHours())
        .append('\n');
    s.append(
        "group,phase,mean,valid_hours,invalid_hours,expected_hours,coverage,days,"
            + "change_percent,ci_low_percent,ci_high_percent,outcome\n");
    List<GroupImpact> groups = new ArrayList<>();
    groups.add(r.treated());
    if (r.control() != null) {
      groups.add(r.control());
    }
    groups.addAll(r.breakdown());
    for (GroupImpact g : groups) {
      for (Phase ph : Phase.values()) {
        PhaseStats st = g.phases().get(ph);
        if (st == null) {
          continue;
        }
        Change c =
            ph == Phase.DURING ? g.duringVsBefore() : ph == Phase.AFTER ? g.afterVsBefore() : null;
        s.append(field(g.label()))
            .append(',')
            .append(ph)
            .append(',')
            .append(num(st.mean()))
            .append(',')
            .append(st.validHours())
            .append(',')
            .append(st.invalidHours())
            .append(',')
            .append(st.expectedHours())
            .append(',')
            .append(num(st.coverage()))
            .append(',')
            .append(st.days())
            .append(',')
            .append(c == null ? "" : num(c.percent()))
            .append(',')
            .append(c == null ? "" : num(c.lowPercent()))
            .append(',')
            .append(c == null ? "" : num(c.highPercent()))
            .append(',')
            .append(ph == Phase.DURING ? g.outcome().name() : "")
            .append('\n');
      }
    }
    Change d = r.differenceInDifferences();
    s.append("difference-in-differences,during,,,,,,,")
        .append(num(d.percent()))
        .append(',')
        .append(num(d.lowPercent()))
        .append(',')
        .append(num(d.highPercent()))
        .append(',')
        .append(r.didOutcome().name())
        .append('\n');
    weather(s, r);
    return s.toString();
  }

  /**
   * The weather-adjusted results (airq-impact-2), when the report has them: a second table after a
   * {@code # weather_adjusted:} line, one row per group and phase.
   */
  private static void weather(StringBuilder s, ImpactReport r) {
    List<GroupImpact> groups = new ArrayList<>();
    groups.add(r.treated());
    if (r.control() != null) {
      groups.add(r.control());
    }
    groups.removeIf(g -> g.weatherAdjusted() == null);
    if (groups.isEmpty()) {
      return;
    }
    s.append("# weather_adjusted: ")
        .append(groups.get(0).weatherAdjusted().methodVersion())
        .append('\n');
    s.append(
        "group,phase,change_percent,ci_low_percent,ci_high_percent,r2,rmse,nmb,fac2,"
            + "placebo_p,false_positive_rate,interval_coverage,minimum_detectable_percent,"
            + "weather_source,outcome,reason\n");
    for (GroupImpact g : groups) {
      WeatherAdjusted w = g.weatherAdjusted();
      for (Phase ph : List.of(Phase.DURING, Phase.AFTER)) {
        Change c = ph == Phase.DURING ? w.duringVsBefore() : w.afterVsBefore();
        boolean during = ph == Phase.DURING;
        s.append(field(g.label())).append(',').append(ph).append(',');
        s.append(num(c.percent())).append(',').append(num(c.lowPercent())).append(',');
        s.append(num(c.highPercent())).append(',');
        s.append(num(w.skill().r2())).append(',').append(num(w.skill().rmse())).append(',');
        s.append(num(w.skill().nmb())).append(',').append(num(w.skill().fac2())).append(',');
        s.append(during ? num(w.placebo().pValue()) : "").append(',');
        s.append(during ? num(w.placebo().falsePositiveRate()) : "").append(',');
        s.append(during ? num(w.placebo().intervalCoverage()) : "").append(',');
        s.append(during ? num(w.minimumDetectablePercent()) : "").append(',');
        s.append(field(w.weatherSource())).append(',');
        s.append(during ? w.outcome().name() : "").append(',');
        s.append(during ? field(w.reason()) : "").append('\n');
      }
    }
  }

  /**
   * Window averages, one row each; index values as {@code field=value (category, averaging)}, by
   * {@code ;}.
   */
  public static String series(List<SeriesDetail> points, String quantity, Provenance p) {
    StringBuilder s = new StringBuilder(provenance(p));
    s.append(
        "key,time,quantity,mean,raw_mean,min,max,count,expected,coverage_percent,correction,"
            + "indices\n");
    for (SeriesDetail pt : points) {
      StringBuilder indices = new StringBuilder();
      for (SeriesDetail.Index i : pt.indices()) {
        indices.append(indices.isEmpty() ? "" : "; ");
        indices.append(i.field()).append('=').append(i.value()).append(" (").append(i.category());
        indices.append(", ").append(i.averaging()).append(')');
      }
      s.append(field(pt.key()))
          .append(',')
          .append(pt.time())
          .append(',')
          .append(quantity)
          .append(',')
          .append(num(pt.mean()))
          .append(',')
          .append(opt(pt.rawMean()))
          .append(',')
          .append(opt(pt.min()))
          .append(',')
          .append(opt(pt.max()))
          .append(',')
          .append(pt.count())
          .append(',')
          .append(pt.expected())
          .append(',')
          .append(pt.expected() > 0 ? num(100.0 * pt.count() / pt.expected()) : "")
          .append(',')
          .append(field(pt.correction()))
          .append(',')
          .append(field(indices.toString()))
          .append('\n');
    }
    return s.toString();
  }

  private static String opt(Double v) {
    return v == null ? "" : num(v);
  }

  /** A {@code # status:} line when the closure was withdrawn; empty otherwise. */
  static String withdrawal(io.airq.core.closure.Closure c) {
    return c.isWithdrawn() ? "# status: withdrawn at " + c.withdrawnAt() + "\n" : "";
  }

  static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "";
  }

  /**
   * A text cell: quoted when it holds a comma, quote or line break, and prefixed with {@code '}
   * when a spreadsheet would evaluate it (it starts with {@code = + - @}, a tab or a carriage
   * return), as OWASP's CSV-injection advice says. Numbers are written by {@link #num} and never
   * pass here.
   */
  static String field(String v) {
    String s = v;
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    boolean quote = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
