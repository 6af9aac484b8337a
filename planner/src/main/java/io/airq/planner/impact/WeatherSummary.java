package io.airq.planner.impact;

import io.airq.core.reading.Quantity;
import io.airq.planner.impact.weather.WeatherAdjusted;
import io.airq.planner.impact.weather.WeatherAdjustment;
import java.util.Locale;

/**
 * The headline of a report, in English and Swahili: the weather-adjusted result (airq-impact-2)
 * when it is valid, set against the plain change, else the plain comparison (airq-impact-1.1); it
 * always says which.
 */
final class WeatherSummary {
  private WeatherSummary() {}

  static String headlineEnglish(
      Quantity q, GroupImpact treated, WeatherAdjusted w, String plainSummary) {
    if (w == null) {
      return "Plain comparison (" + ImpactAnalysis.METHOD_VERSION + "): " + plainSummary;
    }
    if (w.outcome() == Outcome.INSUFFICIENT_DATA) {
      return String.format(
          "Plain comparison (%s; the weather could not be taken out: %s): %s",
          ImpactAnalysis.METHOD_VERSION, w.reason(), plainSummary);
    }
    String n = Summary.name(q);
    Change raw = treated.duringVsBefore();
    Change c = w.duringVsBefore();
    StringBuilder s = new StringBuilder();
    s.append("Weather-adjusted result (").append(WeatherAdjustment.METHOD_VERSION).append("): ");
    if (Double.isFinite(raw.percent())) {
      s.append(
          String.format(
              Locale.ROOT,
              "%s %s %s while the road was closed; after taking the weather into account, ",
              n,
              raw.percent() < 0 ? "fell" : "rose",
              pct(Math.abs(raw.percent()))));
    } else {
      s.append("After taking the weather into account, ").append(n).append(' ');
    }
    boolean lead = Double.isFinite(raw.percent());
    switch (w.outcome()) {
      case CLEAR_DECREASE, CLEAR_INCREASE -> {
        boolean down = w.outcome() == Outcome.CLEAR_DECREASE;
        s.append(
            String.format(
                Locale.ROOT,
                "%s%s %s (95%% CI %s–%s).",
                lead ? "it " : "",
                down ? "fell" : "rose",
                pct(Math.abs(c.percent())),
                pct(down ? -c.highPercent() : c.lowPercent()),
                pct(down ? -c.lowPercent() : c.highPercent())));
      }
      default ->
          s.append(
              String.format(
                  Locale.ROOT,
                  "%sshowed no clear change (estimate %s, 95%% CI %s to %s); a change larger than"
                      + " about %s would have been detected.",
                  lead ? "it " : "",
                  signed(c.percent()),
                  signed(c.lowPercent()),
                  signed(c.highPercent()),
                  pct(w.minimumDetectablePercent())));
    }
    s.append(
        String.format(
            Locale.ROOT,
            " Model skill on held-out days: R² %.2f; placebo closures: p = %.2f.",
            w.skill().r2(),
            w.placebo().pValue()));
    return s.toString();
  }

  static String headlineSwahili(
      Quantity q, GroupImpact treated, WeatherAdjusted w, String plainSummary) {
    if (w == null) {
      return "Ulinganisho wa moja kwa moja ("
          + ImpactAnalysis.METHOD_VERSION
          + "): "
          + plainSummary;
    }
    if (w.outcome() == Outcome.INSUFFICIENT_DATA) {
      return String.format(
          "Ulinganisho wa moja kwa moja (%s; hali ya hewa haikuweza kuzingatiwa): %s",
          ImpactAnalysis.METHOD_VERSION, plainSummary);
    }
    String n = Summary.name(q);
    Change raw = treated.duringVsBefore();
    Change c = w.duringVsBefore();
    StringBuilder s = new StringBuilder();
    s.append("Matokeo yaliyorekebishwa kwa hali ya hewa (")
        .append(WeatherAdjustment.METHOD_VERSION)
        .append("): ");
    if (Double.isFinite(raw.percent())) {
      s.append(
          String.format(
              Locale.ROOT,
              "%s %s kwa %s wakati barabara ilipofungwa; baada ya kuzingatia hali ya hewa, ",
              n,
              raw.percent() < 0 ? "ilishuka" : "ilipanda",
              pct(Math.abs(raw.percent()))));
    } else {
      s.append("Baada ya kuzingatia hali ya hewa, ").append(n).append(' ');
    }
    switch (w.outcome()) {
      case CLEAR_DECREASE, CLEAR_INCREASE -> {
        boolean down = w.outcome() == Outcome.CLEAR_DECREASE;
        s.append(
            String.format(
                Locale.ROOT,
                "%s kwa %s (kwa uhakika wa 95%%: kati ya %s na %s).",
                down ? "ilishuka" : "ilipanda",
                pct(Math.abs(c.percent())),
                pct(down ? -c.highPercent() : c.lowPercent()),
                pct(down ? -c.lowPercent() : c.highPercent())));
      }
      default ->
          s.append(
              String.format(
                  Locale.ROOT,
                  "hakukuwa na mabadiliko ya wazi (makadirio: %s; kwa uhakika wa 95%%: kati ya %s na"
                      + " %s); mabadiliko makubwa kuliko takriban %s yangegunduliwa.",
                  signed(c.percent()),
                  signed(c.lowPercent()),
                  signed(c.highPercent()),
                  pct(w.minimumDetectablePercent())));
    }
    return s.toString();
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.0f%%", v);
  }
}
