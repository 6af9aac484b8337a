package io.airq.simulator.scenario;

/**
 * A windy, rainy spell that coincides with the closure (its during phase): the confounder of the
 * {@code confounded-closure} scenario. While it lasts, PM everywhere is multiplied by {@code
 * pmFactor} (on top of the wind's own dilution, treated and control sites alike), the wind blows at
 * {@code windFactor} times its daily cycle (in place of the day's own factor, {@link
 * WeatherSpec#windDayVariation()}), and it rains on a day with probability {@code
 * rainProbabilityPerDay} (instead of the scenario's).
 */
public record SpellSpec(double pmFactor, double windFactor, double rainProbabilityPerDay) {
  public SpellSpec {
    if (!(pmFactor > 0) || !(windFactor > 0)) {
      throw new IllegalArgumentException("a spell's pmFactor and windFactor must be positive");
    }
  }
}
