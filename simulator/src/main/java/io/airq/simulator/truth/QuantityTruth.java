package io.airq.simulator.truth;

/**
 * Phase means of one quantity for one group: of the physical truth (every reading) and of what the
 * sensors measured and the simulator sent as valid readings (faulty readings excluded); and the
 * closure's true effect: the during phase's true mean against the same hours' true mean had the
 * street not been closed (same weather), minus 1, in percent (0 for the control group; null when
 * the during phase has no valid hour). A weather-adjusted impact should find this number.
 */
public record QuantityTruth(PhaseMeans truth, PhaseMeans measured, Double closureEffectPercent) {

  /** Without the closure's effect (an older truth file). */
  public QuantityTruth(PhaseMeans truth, PhaseMeans measured) {
    this(truth, measured, null);
  }

  /** The effect of {@code truth} against the counterfactual {@code withoutClosure}. */
  public static Double effectPercent(PhaseMeans truth, PhaseMeans withoutClosure) {
    if (truth.during() == null || withoutClosure.during() == null || withoutClosure.during() == 0) {
      return null;
    }
    return (truth.during() / withoutClosure.during() - 1) * 100;
  }
}
