package io.airq.planner.impact.weather;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A synthetic street with a known closure effect: log NO2 follows the hour of day, the weekend, the
 * wind (strong wind dilutes), rain and temperature, plus day-to-day and hourly noise. The wind and
 * rain are persistent weather spells. With {@code windyClosure} a windy, rainy spell coincides with
 * the closure, so a before/after comparison mixes weather with the closure.
 */
final class SyntheticCity {
  static final ZoneId ZONE = ZoneId.of("Europe/Dublin");
  static final LocalDateTime TRAIN_START = LocalDateTime.of(2023, 6, 1, 0, 0);

  final TreeMap<Instant, Double> observed = new TreeMap<>();
  final Map<Instant, WeatherHour> weather = new HashMap<>();
  final Instant trainStart;
  final Instant start;
  final Instant end;
  final Instant afterEnd;

  /**
   * @param trainingDays days of history before the closure
   * @param closureDays length of the closure in days (it starts at 07:00 and ends at 19:00 of its
   *     last day)
   * @param effect the true closure effect on every closure hour, e.g. −0.3
   * @param windyClosure whether a windy, rainy spell coincides with the closure
   */
  SyntheticCity(long seed, int trainingDays, int closureDays, double effect, boolean windyClosure) {
    Random r = new Random(seed);
    trainStart = TRAIN_START.atZone(ZONE).toInstant();
    ZonedDateTime s = TRAIN_START.plusDays(trainingDays).withHour(7).atZone(ZONE);
    start = s.toInstant();
    end = s.plusDays(closureDays - 1).withHour(19).toInstant();
    afterEnd = s.plusDays(closureDays + 7).toInstant();
    double windLevel = 4;
    double dayNoise = 0;
    for (Instant t = trainStart; t.isBefore(afterEnd); t = t.plusSeconds(3600)) {
      ZonedDateTime z = t.atZone(ZONE);
      if (z.getHour() == 0) {
        windLevel = Math.max(0.5, 4 + 0.7 * (windLevel - 4) + 1.5 * r.nextGaussian());
        dayNoise = 0.5 * dayNoise + 0.08 * r.nextGaussian();
      }
      boolean spell = windyClosure && !t.isBefore(start.minusSeconds(6 * 3600)) && t.isBefore(end);
      double ws = Math.max(0.2, (spell ? 7.5 : windLevel) + 0.8 * r.nextGaussian());
      double rain = spell ? 1 + r.nextDouble() : (r.nextDouble() < 0.05 ? 3 * r.nextDouble() : 0);
      double temp = 15 + 4 * Math.sin((z.getHour() - 9) / 24.0 * 2 * Math.PI) + r.nextGaussian();
      double dir = (240 + 40 * r.nextGaussian() + 360) % 360;
      weather.put(t, new WeatherHour(t, ws, dir, temp, 80 - 2 * (temp - 15), rain, 1013));
      double traffic = z.getDayOfWeek().getValue() >= 6 ? -0.3 : 0;
      double diurnal = 0.4 * Math.sin((z.getHour() - 3) / 24.0 * 2 * Math.PI);
      double log =
          3
              + diurnal
              + traffic
              - 0.6 * Math.log1p(ws)
              - 0.08 * rain
              + 0.01 * (temp - 15)
              + dayNoise
              + 0.12 * r.nextGaussian();
      if (!t.isBefore(start) && t.isBefore(end)) {
        log += Math.log1p(effect);
      }
      observed.put(t, Math.exp(log));
    }
  }

  BauInput input() {
    return new BauInput(
        observed,
        new TreeMap<>(),
        weather,
        ZONE,
        trainStart,
        start,
        List.of(),
        start,
        end,
        afterEnd);
  }

  /** The plain before/after change: the during mean against the mean of the training window. */
  double rawChange() {
    double d = 0;
    int nd = 0;
    double b = 0;
    int nb = 0;
    for (Map.Entry<Instant, Double> e : observed.entrySet()) {
      if (!e.getKey().isBefore(start) && e.getKey().isBefore(end)) {
        d += e.getValue();
        nd++;
      } else if (e.getKey().isBefore(start)
          && !e.getKey().isBefore(start.minusSeconds(7 * 86400))) {
        b += e.getValue();
        nb++;
      }
    }
    return (d / nd) / (b / nb) - 1;
  }
}
