package io.airq.planner.impact.weather;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.airq.planner.impact.Change;
import io.airq.planner.impact.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * A group's weather-adjusted result (method airq-impact-2): observed against the business-as-usual
 * prediction with the weather that occurred.
 *
 * @param methodVersion {@link WeatherAdjustment#METHOD_VERSION}
 * @param duringVsBefore during: observed/predicted − 1, with its 95 % interval
 * @param afterVsBefore after: observed/predicted − 1, with its 95 % interval
 * @param skill the model's skill on held-out training days
 * @param placebo placebo closures in time (and in space, with several control sites)
 * @param minimumDetectablePercent the smallest change this study could have told from no change
 * @param hourOfDay the during effect by local hour of day
 * @param weatherSource where the weather came from (e.g. {@code station:cork-airport})
 * @param outcome the category of duringVsBefore, after the skill, calibration and placebo checks
 * @param reason why the outcome is INSUFFICIENT_DATA or not a clear change, else empty
 * @param training the training window and what the model used
 */
public record WeatherAdjusted(
    String methodVersion,
    Change duringVsBefore,
    Change afterVsBefore,
    Skill skill,
    Placebo placebo,
    double minimumDetectablePercent,
    List<HourEffect> hourOfDay,
    String weatherSource,
    Outcome outcome,
    String reason,
    Training training) {

  /** The reason as a code and its values (the page words it per language); null without one. */
  @JsonProperty("reasonProblem")
  public WeatherReason.Problem reasonProblem() {
    return WeatherReason.parse(reason).orElse(null);
  }

  /**
   * The training window and inputs.
   *
   * @param start first instant
   * @param end end (exclusive)
   * @param days valid training days
   * @param hours valid training hours
   * @param features the inputs the model used
   */
  public record Training(Instant start, Instant end, int days, int hours, List<String> features) {}
}
