package io.airq.planner.impact.weather;

import java.time.Instant;

/**
 * The weather of one hour at a closure's weather source, in canonical units; NaN where the source
 * has no value.
 *
 * @param hourStart the hour (UTC, whole hour)
 * @param windSpeed m/s
 * @param windDir degrees from north (where the wind comes from)
 * @param temperature °C
 * @param humidity % relative humidity
 * @param rain mm in the hour
 * @param pressure hPa
 */
public record WeatherHour(
    Instant hourStart,
    double windSpeed,
    double windDir,
    double temperature,
    double humidity,
    double rain,
    double pressure) {}
