package io.airq.planner.impact;

import io.airq.core.closure.Phase;
import io.airq.core.reading.Quantity;
import io.airq.planner.impact.weather.WeatherAdjusted;
import java.util.List;

/**
 * A closure-impact report: the numbers and the plain-language summaries generated from them.
 *
 * @param methodVersion {@link ImpactAnalysis#METHOD_VERSION}
 * @param closureId the closure
 * @param quantity the pollutant
 * @param matchedHours whether the baseline was restricted to the closure's weekdays and hours
 * @param coverageGate the phase coverage gate (fraction of expected sensor-hours)
 * @param treated the treated group
 * @param control the control group (null when the closure names none)
 * @param differenceInDifferences treated change relative to control change, during vs before
 * @param didOutcome the outcome of the difference in differences
 * @param breakdown per area and per county of the treated group
 * @param summaryEn the summary in English
 * @param summarySw the summary in Swahili
 * @param headlineEn the headline in English: the weather-adjusted result when it is valid, else the
 *     plain comparison, and it says which
 * @param headlineSw the headline in Swahili
 */
public record ImpactReport(
    String methodVersion,
    String closureId,
    Quantity quantity,
    boolean matchedHours,
    double coverageGate,
    GroupImpact treated,
    GroupImpact control,
    Change differenceInDifferences,
    Outcome didOutcome,
    List<GroupImpact> breakdown,
    String summaryEn,
    String summarySw,
    String headlineEn,
    String headlineSw) {

  /** The same report with the treated and control groups' weather-adjusted results. */
  public ImpactReport withWeather(WeatherAdjusted treatedWeather, WeatherAdjusted controlWeather) {
    GroupImpact t = treated.withWeather(treatedWeather);
    GroupImpact c = control == null ? null : control.withWeather(controlWeather);
    return new ImpactReport(
        methodVersion,
        closureId,
        quantity,
        matchedHours,
        coverageGate,
        t,
        c,
        differenceInDifferences,
        didOutcome,
        breakdown,
        summaryEn,
        summarySw,
        WeatherSummary.headlineEnglish(quantity, treated, treatedWeather, summaryEn),
        WeatherSummary.headlineSwahili(quantity, treated, treatedWeather, summarySw));
  }

  static Change did(GroupImpact treated, GroupImpact control) {
    if (control == null) {
      return Change.UNDEFINED;
    }
    PhaseStats tb = treated.phases().get(Phase.BEFORE);
    PhaseStats td = treated.phases().get(Phase.DURING);
    PhaseStats cb = control.phases().get(Phase.BEFORE);
    PhaseStats cd = control.phases().get(Phase.DURING);
    if (tb == null || td == null || cb == null || cd == null) {
      return Change.UNDEFINED;
    }
    return Change.differenceInDifferences(td, tb, cd, cb);
  }
}
