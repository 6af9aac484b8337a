package io.airq.planner.impact;

import io.airq.core.reading.Quantity;
import java.util.Locale;

/** Plain-language summaries generated from a report's numbers, in English and Swahili. */
final class Summary {
  private Summary() {}

  static String name(Quantity q) {
    return switch (q) {
      case PM1 -> "PM1";
      case PM25 -> "PM2.5";
      case PM10 -> "PM10";
      default -> q.id().toUpperCase(Locale.ROOT);
    };
  }

  /**
   * One language's sentences. Each is a format: the outcome's take the quantity's name then the
   * change, its low and its high percent (the insufficient-data one the name and the reason, which
   * a language may leave out); the control comparison takes the change, low and high.
   */
  private record Texts(
      String insufficient,
      String decrease,
      String increase,
      String noClearChange,
      String versusControl,
      String noControl,
      String thinControl) {}

  private static final Texts ENGLISH =
      new Texts(
          "There is not enough data to say whether average %s changed while the road was"
              + " closed: %s.",
          "While the road was closed, average %s fell by %s compared with before (95%%"
              + " confidence interval: %s to %s lower).",
          "While the road was closed, average %s rose by %s compared with before (95%%"
              + " confidence interval: %s to %s higher).",
          "While the road was closed, there was no clear change in average %s: the estimate"
              + " is %s, but the 95%% confidence interval (%s to %s) includes no change.",
          " Compared with the control sites, the change was %s (95%% confidence interval: %s"
              + " to %s).",
          " There were no control sites, so this change may also come from the weather or"
              + " from a change across the whole city.",
          " The control sites had too little data for a comparison, so this change may also"
              + " come from the weather or from a change across the whole city.");

  private static final Texts SWAHILI =
      new Texts(
          "Hakuna data ya kutosha kujua kama wastani wa %s ulibadilika wakati barabara"
              + " ilipofungwa.",
          "Wakati barabara ilipofungwa, wastani wa %s ulishuka kwa %s ikilinganishwa na kabla"
              + " (kwa uhakika wa 95%%: kati ya %s na %s).",
          "Wakati barabara ilipofungwa, wastani wa %s ulipanda kwa %s ikilinganishwa na kabla"
              + " (kwa uhakika wa 95%%: kati ya %s na %s).",
          "Wakati barabara ilipofungwa, hakukuwa na mabadiliko ya wazi katika wastani wa %s"
              + " (makadirio: %s; kwa uhakika wa 95%%: kati ya %s na %s).",
          " Ikilinganishwa na maeneo ya udhibiti, mabadiliko yalikuwa %s (kwa uhakika wa 95%%:"
              + " kati ya %s na %s).",
          " Hakukuwa na maeneo ya udhibiti, kwa hiyo mabadiliko haya yanaweza pia kutokana na"
              + " hali ya hewa au mabadiliko ya jiji zima.",
          " Maeneo ya udhibiti hayakuwa na data ya kutosha kwa ulinganisho, kwa hiyo"
              + " mabadiliko haya yanaweza pia kutokana na hali ya hewa au mabadiliko ya jiji"
              + " zima.");

  static String english(
      Quantity q, GroupImpact treated, GroupImpact control, Change did, Outcome didOutcome) {
    return summary(ENGLISH, q, treated, control, did, didOutcome);
  }

  static String swahili(
      Quantity q, GroupImpact treated, GroupImpact control, Change did, Outcome didOutcome) {
    return summary(SWAHILI, q, treated, control, did, didOutcome);
  }

  private static String summary(
      Texts text,
      Quantity q,
      GroupImpact treated,
      GroupImpact control,
      Change did,
      Outcome didOutcome) {
    String n = name(q);
    Change c = treated.duringVsBefore();
    StringBuilder s = new StringBuilder();
    switch (treated.outcome()) {
      case INSUFFICIENT_DATA ->
          s.append(String.format(Locale.ROOT, text.insufficient(), n, treated.reason()));
      case CLEAR_DECREASE ->
          s.append(
              String.format(
                  Locale.ROOT,
                  text.decrease(),
                  n,
                  pct(-c.percent()),
                  pct(-c.highPercent()),
                  pct(-c.lowPercent())));
      case CLEAR_INCREASE ->
          s.append(
              String.format(
                  Locale.ROOT,
                  text.increase(),
                  n,
                  pct(c.percent()),
                  pct(c.lowPercent()),
                  pct(c.highPercent())));
      case NO_CLEAR_CHANGE ->
          s.append(
              String.format(
                  Locale.ROOT,
                  text.noClearChange(),
                  n,
                  signed(c.percent()),
                  signed(c.lowPercent()),
                  signed(c.highPercent())));
    }
    if (control != null && didOutcome != Outcome.INSUFFICIENT_DATA) {
      s.append(
          String.format(
              Locale.ROOT,
              text.versusControl(),
              signed(did.percent()),
              signed(did.lowPercent()),
              signed(did.highPercent())));
    } else if (treated.outcome() != Outcome.INSUFFICIENT_DATA) {
      s.append(control == null ? text.noControl() : text.thinControl());
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
