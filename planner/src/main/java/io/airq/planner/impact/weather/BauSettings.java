package io.airq.planner.impact.weather;

/**
 * The settings of airq-impact-2 (docs/method.md, "airq-impact-2"). Changing one changes the
 * numbers, so the defaults belong to the method version.
 *
 * @param rounds boosting rounds of the model that predicts the closure
 * @param checkRounds boosting rounds of each cross-validation and placebo refit (fewer, with a
 *     larger learning rate, to bound the time)
 * @param folds day-blocks of the training window for the skill and the interval
 * @param maxPlacebos at most this many placebo closures (evenly spaced when there are more)
 * @param minR2 below this held-out R² the result is INSUFFICIENT_DATA
 * @param minTrainingDays fewer valid training days than this give INSUFFICIENT_DATA
 * @param minCoverage a placebo interval coverage of 0 below this gives INSUFFICIENT_DATA
 * @param resamples day-block bootstrap resamples
 * @param seed the one seed of every random choice (trees, bootstrap)
 */
public record BauSettings(
    int rounds,
    int checkRounds,
    int folds,
    int maxPlacebos,
    double minR2,
    int minTrainingDays,
    double minCoverage,
    int resamples,
    long seed) {

  public static final BauSettings DEFAULT =
      new BauSettings(150, 50, 5, 60, 0.3, 14, 0.9, 2000, 20231222L);

  public BauSettings withCheckRounds(int n) {
    return new BauSettings(
        rounds, n, folds, maxPlacebos, minR2, minTrainingDays, minCoverage, resamples, seed);
  }

  public BauSettings withMaxPlacebos(int n) {
    return new BauSettings(
        rounds, checkRounds, folds, n, minR2, minTrainingDays, minCoverage, resamples, seed);
  }
}
