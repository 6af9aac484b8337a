package io.airq.simulator.generate;

import java.time.Instant;

/**
 * One simulated reading: the physical truth and what the sensor measured (rounded to 0.1 as sent,
 * before any fault).
 *
 * @param sensorIndex index of the sensor in the scenario
 * @param sensorId sensor id
 * @param time the true measurement time
 * @param truePm25 physical PM2.5
 * @param truePm10 physical PM10
 * @param pm1 measured PM1
 * @param pm25 measured PM2.5 (channel A of a PurpleAir)
 * @param pm10 measured PM10
 * @param humidity measured relative humidity, %
 * @param temperature measured temperature, °C
 * @param pm25B a PurpleAir's channel B PM2.5; NaN for sensors with one channel
 * @param trueNo2 physical NO2, µg/m³; NaN for sensors without a NO2 cell
 * @param no2 measured NO2 (may be slightly negative); NaN for sensors without a NO2 cell
 */
public record SimReading(
    int sensorIndex,
    String sensorId,
    Instant time,
    double truePm25,
    double truePm10,
    double pm1,
    double pm25,
    double pm10,
    double humidity,
    double temperature,
    double pm25B,
    double trueNo2,
    double no2) {

  /** A reading of PM and weather only: one channel, no NO2. */
  public SimReading(
      int sensorIndex,
      String sensorId,
      Instant time,
      double truePm25,
      double truePm10,
      double pm1,
      double pm25,
      double pm10,
      double humidity,
      double temperature) {
    this(
        sensorIndex,
        sensorId,
        time,
        truePm25,
        truePm10,
        pm1,
        pm25,
        pm10,
        humidity,
        temperature,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  public SimReading withPm25(double value) {
    return new SimReading(
        sensorIndex,
        sensorId,
        time,
        truePm25,
        truePm10,
        pm1,
        value,
        pm10,
        humidity,
        temperature,
        pm25B,
        trueNo2,
        no2);
  }

  /** Whether the reading has a PurpleAir's second channel. */
  public boolean hasChannelB() {
    return !Double.isNaN(pm25B);
  }

  /** Whether the reading has NO2. */
  public boolean hasNo2() {
    return !Double.isNaN(no2);
  }

  /**
   * The PM2.5 the pipeline takes as the sensor's (docs/quality.md): the mean of the channels when
   * there are two that agree, else channel A.
   */
  public double pipelinePm25() {
    return hasChannelB() && !SensorResponse.disagree(pm25, pm25B) ? (pm25 + pm25B) / 2 : pm25;
  }
}
