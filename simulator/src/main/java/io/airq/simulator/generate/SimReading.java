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
 * @param pm25 measured PM2.5
 * @param pm10 measured PM10
 * @param humidity measured relative humidity, %
 * @param temperature measured temperature, °C
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
    double temperature) {

  public SimReading withPm25(double value) {
    return new SimReading(
        sensorIndex, sensorId, time, truePm25, truePm10, pm1, value, pm10, humidity, temperature);
  }
}
