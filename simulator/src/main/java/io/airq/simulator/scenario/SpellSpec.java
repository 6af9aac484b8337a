package io.airq.simulator.scenario;

/**
 * A windy, rainy spell that coincides with the closure (its during phase): the confounder of the
 * {@code confounded-closure} scenario. While it lasts, PM everywhere is multiplied by {@code
 * pmFactor} (the wind dilutes it, treated and control sites alike), the wind blows {@code
 * windFactor} times as hard, and it rains on a day with probability {@code rainProbabilityPerDay}
 * (instead of the scenario's).
 */
public record SpellSpec(double pmFactor, double windFactor, double rainProbabilityPerDay) {
  public SpellSpec {
    if (!(pmFactor > 0) || !(windFactor > 0)) {
      throw new IllegalArgumentException("a spell's pmFactor and windFactor must be positive");
    }
  }
}
