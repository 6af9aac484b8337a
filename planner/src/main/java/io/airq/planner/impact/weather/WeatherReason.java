package io.airq.planner.impact.weather;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern PARAM = Pattern.compile("\\{([a-z0-9]+)}");

  private final String code;
  private final String template;

  WeatherReason(String code, String template) {
    this.code = code;
    this.template = template;
  }

  public String code() {
    return code;
  }

  /** The names of its values, in the order of the text. */
  public List<String> params() {
    return PARAM.matcher(template).results().map(m -> m.group(1)).toList();
  }

  /** The English text with {@code values} (name, value, name, value, …) in place. */
  public String text(String... values) {
    String out = template;
    for (int i = 0; i + 1 < values.length; i += 2) {
      out = out.replace("{" + values[i] + "}", values[i + 1]);
    }
    return out;
  }

  /** The code and values of a reason this enum wrote; empty for any other text. */
  public static Optional<Problem> parse(String reason) {
    if (reason == null || reason.isEmpty()) {
      return Optional.empty();
    }
    for (WeatherReason r : values()) {
      Matcher m = r.pattern().matcher(reason);
      if (m.matches()) {
        Map<String, String> params = new LinkedHashMap<>();
        List<String> names = r.params();
        for (int i = 0; i < names.size(); i++) {
          params.put(names.get(i), m.group(i + 1));
        }
        return Optional.of(new Problem(r.code, params));
      }
    }
    return Optional.empty();
  }

  private Pattern pattern() {
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("(.+?)");
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
