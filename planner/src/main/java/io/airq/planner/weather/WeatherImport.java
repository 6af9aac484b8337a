package io.airq.planner.weather;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.PhysicalRange;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imported weather history as the hourly sensor averages the streams job would have written: one
 * {@link WindowAverages} per hour (scope {@code sensor}, window {@code 1h}, keyed by the station),
 * each value its own mean, min and max, with count 1 of 1 expected (one published hourly value, so
 * coverage 100 %). The sink writes them to InfluxDB like any window; a point's identity is the
 * window's, so importing the same hours again overwrites them and doubles nothing. Pure.
 */
public final class WeatherImport {
  /** The most hours one request may carry (the CLI sends files in batches of this size). */
  public static final int MAX_HOURS = 1000;

  private WeatherImport() {}

  /** The hours of a request body, or what is wrong with it. */
  public record Parsed(List<WeatherHour> hours, List<String> errors) {}

  /**
   * The station a history may be imported for: a registered sensor of kind {@code weather}.
   *
   * @return the problem, or empty when it may
   */
  public static Optional<String> stationProblem(String id, Optional<Sensor> s) {
    if (s.isEmpty()) {
      return Optional.of(
          "station "
              + id
              + " is not a registered sensor; register it with kind weather first"
              + " (airq sensors add ... --kind weather, docs/weather.md)");
    }
    if (s.get().kind() != SensorKind.WEATHER) {
      return Optional.of(
          "sensor " + id + " is of kind " + s.get().kind() + ", not weather: no weather history");
    }
    return Optional.empty();
  }

  /**
   * Reads {@code {"hours":[{"start":"2023-09-22T06:00:00Z","values":{"wind_speed":4.1,...}}]}}:
   * every hour on the hour, once, every value a known quantity of the weather within its physical
   * range.
   */
  public static Parsed read(JsonNode body) {
    List<String> errors = new ArrayList<>();
    JsonNode hours = body == null ? null : body.get("hours");
    if (hours == null || !hours.isArray()) {
      return new Parsed(List.of(), List.of("the body must be {\"hours\": [...]}"));
    }
    if (hours.size() > MAX_HOURS) {
      return new Parsed(
          List.of(), List.of("at most " + MAX_HOURS + " hours a request, not " + hours.size()));
    }
    List<WeatherHour> out = new ArrayList<>();
    Set<Instant> seen = new HashSet<>();
    for (int i = 0; i < hours.size(); i++) {
      String at = "hours[" + i + "]";
      JsonNode h = hours.get(i);
      Instant start;
      try {
        start = Instant.parse(h.path("start").asText(""));
      } catch (DateTimeException e) {
        errors.add(at + ".start must be an ISO-8601 instant: " + h.path("start").asText(""));
        continue;
      }
      if (start.getEpochSecond() % 3600 != 0 || start.getNano() != 0) {
        errors.add(at + ".start " + start + " is not on the hour");
        continue;
      }
      if (!seen.add(start)) {
        errors.add(at + ": hour " + start + " twice");
        continue;
      }
      Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
      Iterator<Map.Entry<String, JsonNode>> fields = h.path("values").fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        Optional<Quantity> q = Quantity.byId(f.getKey()).filter(Quantity::weather);
        if (q.isEmpty()) {
          errors.add(at + ".values: " + f.getKey() + " is not a quantity of the weather");
        } else if (!f.getValue().isNumber()) {
          errors.add(at + ".values." + f.getKey() + " must be a number");
        } else if (!PhysicalRange.of(q.get()).contains(f.getValue().doubleValue())) {
          errors.add(
              at
                  + ".values."
                  + f.getKey()
                  + " "
                  + f.getValue().doubleValue()
                  + " is outside "
                  + PhysicalRange.of(q.get()));
        } else {
          values.put(q.get(), f.getValue().doubleValue());
        }
      }
      if (values.isEmpty() && errors.isEmpty()) {
        errors.add(at + " has no values");
      }
      out.add(new WeatherHour(start, values));
    }
    return errors.isEmpty() ? new Parsed(out, List.of()) : new Parsed(List.of(), errors);
  }

  /** The hourly sensor averages of these hours, one record per hour. */
  public static List<WindowAverages> averages(Sensor station, Collection<WeatherHour> hours) {
    List<WindowAverages> out = new ArrayList<>(hours.size());
    for (WeatherHour h : hours) {
      Map<Quantity, WindowAverages.QuantityAverage> q = new EnumMap<>(Quantity.class);
      h.values()
          .forEach(
              (quantity, v) ->
                  q.put(
                      quantity,
                      new WindowAverages.QuantityAverage(
                          1, 1, 100, v, v, v, v, CorrectedValue.NONE, List.of())));
      out.add(
          new WindowAverages(
              Scope.SENSOR,
              station.id(),
              station.area(),
              station.county(),
              AverageWindow.HOUR,
              h.start(),
              h.start().plus(AverageWindow.HOUR.size()),
              q));
    }
    return out;
  }
}
