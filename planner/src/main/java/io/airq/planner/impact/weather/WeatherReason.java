package io.airq.planner.impact.weather;

import io.airq.planner.MessageTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a weather-adjusted result is not a clear change: one code per kind, with its English text.
 * The report keeps the English {@code reason}; its {@code reasonProblem} gives the code and the
 * values, so the page can say it in the reader's language (message {@code weatherReason.<code>}).
 */
public enum WeatherReason {
  NO_DURING_HOURS("weather.no-during-hours", "the during phase has no valid hours"),
  FEW_TRAINING_DAYS(
      "weather.few-training-days",
      "the training window has {days} valid days, fewer than the {needed} the model needs"),
  NO_WEATHER(
      "weather.no-weather",
      "no weather for the training window, so the weather cannot be taken out"),
  LOW_SKILL(
      "weather.low-skill", "the model's R² on held-out days is {r2}, below the {min} it needs"),
  LOW_COVERAGE(
      "weather.low-coverage",
      "the interval held 0 for only {coverage}% of {count} placebo closures, below {min}%"),
  NO_INTERVAL("weather.no-interval", "no interval: too few held-out days"),
  PLACEBO("weather.placebo", "{share}% of placebo closures changed as much (p = {p})");

  /** A reason as code and values. */
  public record Problem(String code, Map<String, String> params) {}

  private final String code;
  private final MessageTemplate template;

  WeatherReason(String code, String english) {
    this.code = code;
    this.template = new MessageTemplate(english);
  }

  public String code() {
    return code;
  }

  /** The names of its values, in the order of the text. */
  public List<String> params() {
    return template.params();
  }

  /** The English text with {@code values} (name, value, name, value, …) in place. */
  public String text(String... values) {
    return template.fill(values);
  }

  /** The code and values of a reason this enum wrote; empty for any other text. */
  public static Optional<Problem> parse(String reason) {
    if (reason == null || reason.isEmpty()) {
      return Optional.empty();
    }
    for (WeatherReason r : values()) {
      Optional<Map<String, String>> params = r.template.read(reason);
      if (params.isPresent()) {
        return Optional.of(new Problem(r.code, params.get()));
      }
    }
    return Optional.empty();
  }
}
