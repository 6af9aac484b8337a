package io.airq.simulator.scenario;

/**
 * How a low-cost optical PM sensor distorts the truth: measured = true × bias × growth(RH) + noise,
 * where growth(RH) = 1 + (κ / 1.65) / (100 / RH − 1) is the κ-Köhler hygroscopic growth factor
 * (Crilley et al. 2018, Atmos. Meas. Tech. 11, 709), RH capped at 95 %. The per-sensor bias is
 * drawn once from N(1, biasSd); the noise from N(0, noiseSd + noiseRelative × value). Values are
 * rounded to 0.1 and never negative.
 */
public record SensorBehaviourSpec(
    double growthKappa, double biasSd, double noiseSd, double noiseRelative) {
  /** The hygroscopic growth factor at a relative humidity in percent. */
  public double growth(double rhPercent) {
    double rh = Math.min(95.0, Math.max(0.0, rhPercent));
    if (rh <= 0) {
      return 1.0;
    }
    return 1.0 + (growthKappa / 1.65) / (100.0 / rh - 1.0);
  }
}
