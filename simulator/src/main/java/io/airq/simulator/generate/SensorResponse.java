package io.airq.simulator.generate;

import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.simulator.scenario.ScenarioSensor;
import io.airq.simulator.scenario.SensorBehaviourSpec;
import java.util.Random;

/**
 * The sensors' error model (docs/simulator.md, "The sensor"): how a device's readings differ from
 * the physical truth. It is <b>not</b> the inverse of any correction airq applies: PM is a
 * published physical response (class gain × per-unit bias × κ-Köhler humidity growth, plus noise),
 * which the pipeline's US EPA fit only approximates. Also a PurpleAir's second channel, which now
 * and then disagrees, and an electrochemical NO2 cell, which reads slightly negative near zero.
 */
public final class SensorResponse {
  /**
   * How many times a Plantower-class sensor's cf_1 PM2.5 reads a reference in dry air. Collocations
   * find 1.5 to 2 (the US EPA fit's slope of 0.52 implies about 1.9); 1.6 is a round figure in that
   * range, not taken from the fit.
   */
  public static final double PLANTOWER_GAIN = 1.6;

  /** Chance per reading that a PurpleAir's channel B fails (reads 3 × A + 8 µg/m³). */
  public static final double CHANNEL_FAULT_PROBABILITY = 0.005;

  /** Relative spread of channel B's unit-to-unit gain against channel A. */
  static final double CHANNEL_GAIN_SD = 0.05;

  /** NO2 truth: µg/m³ of NO2 per µg/m³ of traffic PM2.5, plus a regional background. */
  static final double NO2_PER_TRAFFIC_PM = 1.2;

  static final double NO2_BACKGROUND = 6.0;

  /** NO2 cell: per-unit sensitivity N(1, 0.1), zero offset N(−2, 2), noise N(0, 2.5) µg/m³. */
  static final double NO2_GAIN_SD = 0.1;

  static final double NO2_OFFSET_MEAN = -2.0;
  static final double NO2_OFFSET_SD = 2.0;
  static final double NO2_NOISE_SD = 2.5;

  private SensorResponse() {}

  /** The response's class gain of a sensor model: {@link #PLANTOWER_GAIN} or 1. */
  public static double gain(String model) {
    return EpaPurpleAirCorrection.appliesToModel(model) ? PLANTOWER_GAIN : 1.0;
  }

  /** A sensor's noise-free PM2.5 response to a physical concentration. */
  static double pm25(String model, double truth, double bias, double growth) {
    return truth * bias * gain(model) * growth;
  }

  /**
   * What a perfect correction recovers from a measured PM2.5: one that knows the class gain and the
   * humidity growth exactly and takes the humidity the device sent. The unit's own bias and the
   * noise stay: no correction without a collocated reference removes them.
   */
  public static double perfectCorrection(
      String model, double measured, double sentHumidity, SensorBehaviourSpec b) {
    return measured / (gain(model) * b.growth(sentHumidity));
  }

  /** Whether a sensor sends NO2: those whose format can carry it (airq JSON, SenML). */
  static boolean sendsNo2(ScenarioSensor s) {
    return s.format().equals("airq") || s.format().equals("senml");
  }

  /** Whether a sensor has a second PM channel: the PurpleAir ones. */
  static boolean hasChannelB(ScenarioSensor s) {
    return s.format().equals("purpleair");
  }

  /** The physical NO2 from the traffic PM2.5 at the sensor. */
  static double trueNo2(double trafficPm25) {
    return NO2_BACKGROUND + NO2_PER_TRAFFIC_PM * trafficPm25;
  }

  /** Per-sensor constants of the second channel and the NO2 cell, drawn once. */
  record Unit(double channelGain, double no2Gain, double no2Offset) {
    static Unit draw(Random random) {
      return new Unit(
          1 + CHANNEL_GAIN_SD * random.nextGaussian(),
          1 + NO2_GAIN_SD * random.nextGaussian(),
          NO2_OFFSET_MEAN + NO2_OFFSET_SD * random.nextGaussian());
    }
  }

  /** A NO2 cell's reading: not clamped at 0, so near zero it reads slightly negative. */
  static double no2(double truth, Unit unit, Random random) {
    return CityModel.round1(
        truth * unit.no2Gain() + unit.no2Offset() + NO2_NOISE_SD * random.nextGaussian());
  }

  /**
   * Channel B's PM2.5: channel A's noise-free response × the channel's own gain, its own noise;
   * with {@link #CHANNEL_FAULT_PROBABILITY} a failed channel reading 3 × A + 8 (the two then
   * disagree by more than the US EPA's 5 µg/m³ and 70 %).
   */
  static double channelB(
      double response, double measuredA, Unit unit, SensorBehaviourSpec b, Random random) {
    boolean fault = random.nextDouble() < CHANNEL_FAULT_PROBABILITY;
    double r = response * unit.channelGain();
    double noisy = r + (b.noiseSd() + b.noiseRelative() * r) * random.nextGaussian();
    return fault ? CityModel.round1(3 * measuredA + 8) : CityModel.round1(Math.max(0, noisy));
  }

  /** Whether channels disagree by the US EPA's rule (docs/quality.md, channel-disagreement). */
  public static boolean disagree(double a, double b) {
    double diff = Math.abs(a - b);
    return diff > 5 && diff / ((a + b) / 2) > 0.70;
  }
}
