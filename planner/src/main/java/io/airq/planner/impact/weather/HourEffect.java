package io.airq.planner.impact.weather;

/**
 * The weather-adjusted effect in one local hour of day during the closure.
 *
 * @param hour local hour of day (0–23)
 * @param percent {@code Σ observed / Σ predicted − 1} in that hour, in percent
 * @param hours valid hours it rests on
 */
public record HourEffect(int hour, double percent, int hours) {}
