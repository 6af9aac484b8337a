package io.airq.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.closure.Closure;
import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.core.json.Json;
import io.airq.planner.impact.weather.BauInput;
import io.airq.planner.impact.weather.ClosureAdjustment;
import io.airq.planner.impact.weather.WeatherHour;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.generate.SimReading;
import io.airq.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated closure as the impact report's model sees it, without servers: each group's hourly
 * mean of its sensors' hourly means (sensor-hours with at least 75 % of their readings) of PM10 as
 * measured or of PM2.5 as the pipeline corrects it for these Plantower sensors, and the weather
 * station's hours (wind direction as a vector mean, rain as the hour's total).
 */
final class SimulatedSeries {
  private SimulatedSeries() {}

  /**
   * The model's input for the treated group, trained on {@code training} before the closure: of
   * PM10 as the sensors measured it ({@code "pm10"}, which airq does not correct) or of
   * EPA-corrected PM2.5 ({@code "pm25"}).
   */
  static BauInput treated(Generation g, Duration training, String quantity) {
    Scenario s = g.scenario();
    Closure c = s.toClosure();
    Set<String> treated = new HashSet<>();
    s.sensors().stream().filter(s::treated).forEach(x -> treated.add(x.id()));
    long expected = Math.max(1, 3600 / s.interval().toSeconds());
    Map<String, Map<Instant, double[]>> bySensor = new HashMap<>();
    for (SimReading r : g.readings()) {
      double[] a =
          bySensor
              .computeIfAbsent(r.sensorId(), k -> new HashMap<>())
              .computeIfAbsent(r.time().truncatedTo(ChronoUnit.HOURS), k -> new double[2]);
      a[0] +=
          quantity.equals("pm10") ? r.pm10() : EpaPurpleAirCorrection.apply(r.pm25(), r.humidity());
      a[1]++;
    }
    Map<Instant, double[]> t = new HashMap<>();
    Map<Instant, double[]> ctl = new HashMap<>();
    bySensor.forEach(
        (sensor, hours) ->
            hours.forEach(
                (hour, a) -> {
                  if (a[1] >= 0.75 * expected) {
                    double[] g2 =
                        (treated.contains(sensor) ? t : ctl)
                            .computeIfAbsent(hour, k -> new double[2]);
                    g2[0] += a[0] / a[1];
                    g2[1]++;
                  }
                }));
    return new BauInput(
        means(t),
        means(ctl),
        weather(g),
        c.zone(),
        ClosureAdjustment.trainStart(c, training),
        c.startInstant(),
        List.of(),
        c.startInstant(),
        c.endInstant(),
        c.afterEnd());
  }

  private static NavigableMap<Instant, Double> means(Map<Instant, double[]> sums) {
    NavigableMap<Instant, Double> out = new TreeMap<>();
    sums.forEach((hour, a) -> out.put(hour, a[0] / a[1]));
    return out;
  }

  private static Map<Instant, WeatherHour> weather(Generation g) {
    Map<Instant, double[]> sums = new TreeMap<>();
    for (SimMessage m : g.messages()) {
      if (!m.kind().equals("weather")) {
        continue;
      }
      JsonNode r;
      try {
        r = Json.mapper().readTree(m.payload());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      JsonNode v = r.path("values");
      double dir = Math.toRadians(v.path("wind_dir").asDouble());
      double[] a =
          sums.computeIfAbsent(
              Instant.parse(r.path("time").asText()).truncatedTo(ChronoUnit.HOURS),
              k -> new double[8]);
      a[0] += v.path("wind_speed").asDouble();
      a[1] += Math.sin(dir);
      a[2] += Math.cos(dir);
      a[3] += v.path("temperature").asDouble();
      a[4] += v.path("humidity").asDouble();
      a[5] += v.path("rain").asDouble();
      a[6] += v.path("pressure").asDouble();
      a[7]++;
    }
    Map<Instant, WeatherHour> out = new HashMap<>();
    sums.forEach(
        (hour, a) ->
            out.put(
                hour,
                new WeatherHour(
                    hour,
                    a[0] / a[7],
                    (Math.toDegrees(Math.atan2(a[1], a[2])) + 360) % 360,
                    a[3] / a[7],
                    a[4] / a[7],
                    a[5],
                    a[6] / a[7])));
    return out;
  }
}
