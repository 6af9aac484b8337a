package io.airq.simulator.scenario;

import java.util.List;

/**
 * Humidity and temperature follow daily cosine cycles (humidity peaks at 05:00, temperature at
 * 15:00 local time). Rain falls on a day with the given probability, for {@code rainHours} from a
 * random afternoon hour; during rain humidity rises by 15 points and PM is multiplied by {@code
 * rainPmFactor}, recovering linearly over {@code rainRecoveryHours}.
 *
 * <p>The wind and pressure, which only the weather {@code stations} report (optional; none by
 * default, so older scenarios generate what they did): wind speed (m/s) follows a daily cycle
 * peaking at 15:00 around {@code windSpeedMean}, 1.5 times stronger in rain; the direction swings
 * by {@code windDirectionSwing} degrees around {@code windDirection} over a five-day period;
 * pressure (hPa) is {@code pressureMean}, 8 hPa lower in rain; rain falls at {@code rainMmPerHour}.
 * An optional {@code spell} ({@link SpellSpec}) makes the closure's days windy and rainy. Each
 * day's wind is multiplied by a factor drawn from 1 ± {@code windDayVariation} (default 0). With
 * {@code windPmExponent} k (default 0: the wind moves no PM) PM is multiplied by (windSpeedMean /
 * wind)^k: wind dilutes it, everywhere, before and during a closure alike.
 */
public record WeatherSpec(
    double humidityMean,
    double humidityAmplitude,
    double temperatureMean,
    double temperatureAmplitude,
    double rainProbabilityPerDay,
    int rainHours,
    double rainPmFactor,
    int rainRecoveryHours,
    Double windSpeedMean,
    Double windSpeedAmplitude,
    Double windDirection,
    Double windDirectionSwing,
    Double pressureMean,
    Double rainMmPerHour,
    List<WeatherStationSpec> stations,
    SpellSpec spell,
    Double windDayVariation,
    Double windPmExponent) {

  public WeatherSpec {
    windSpeedMean = windSpeedMean == null ? 3.0 : windSpeedMean;
    windSpeedAmplitude = windSpeedAmplitude == null ? 1.0 : windSpeedAmplitude;
    windDirection = windDirection == null ? 90.0 : windDirection;
    windDirectionSwing = windDirectionSwing == null ? 40.0 : windDirectionSwing;
    pressureMean = pressureMean == null ? 1013.0 : pressureMean;
    rainMmPerHour = rainMmPerHour == null ? 2.0 : rainMmPerHour;
    stations = stations == null ? List.of() : List.copyOf(stations);
    windDayVariation = windDayVariation == null ? 0.0 : windDayVariation;
    windPmExponent = windPmExponent == null ? 0.0 : windPmExponent;
    if (windDayVariation < 0 || windDayVariation >= 1) {
      throw new IllegalArgumentException("windDayVariation must be in [0, 1)");
    }
  }
}
