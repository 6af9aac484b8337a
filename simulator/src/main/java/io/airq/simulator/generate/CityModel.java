package io.airq.simulator.generate;

import io.airq.simulator.scenario.PollutionSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.ScenarioSensor;
import io.airq.simulator.scenario.SensorBehaviourSpec;
import io.airq.simulator.scenario.WeatherSpec;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Random;

/** The pollution, weather and sensor model of docs/simulator.md, as pure arithmetic. */
final class CityModel {
  private final Scenario scenario;
  private final Environment environment;
  private final Instant closureStart;
  private final Instant closureEnd;

  CityModel(Scenario scenario, Environment environment) {
    this.scenario = scenario;
    this.environment = environment;
    this.closureStart = scenario.closureStart().atZone(scenario.zone()).toInstant();
    this.closureEnd = scenario.closureEnd().atZone(scenario.zone()).toInstant();
  }

  /** Physical PM2.5 at a sensor. */
  double truePm25(ScenarioSensor sensor, Instant t) {
    return truePm25(sensor, t, true);
  }

  /**
   * Physical PM2.5 at a sensor, with the closure's effect on traffic or, for the ground truth's
   * counterfactual, without it (the same weather).
   */
  double truePm25(ScenarioSensor sensor, Instant t, boolean closureApplies) {
    ZonedDateTime local = t.atZone(scenario.zone());
    double traffic = traffic(sensor, t, closureApplies);
    double background = scenario.pollution().backgroundPm25() * environment.regional(local, t);
    return (background + traffic) * environment.rainPm(t) * environment.spellPm(t) * windPm(t);
  }

  /** The traffic's part of the physical PM2.5 at a sensor (what NO2 follows). */
  double trafficPm25(ScenarioSensor sensor, Instant t) {
    return traffic(sensor, t, true) * environment.rainPm(t) * environment.spellPm(t) * windPm(t);
  }

  private double traffic(ScenarioSensor sensor, Instant t, boolean closureApplies) {
    PollutionSpec p = scenario.pollution();
    ZonedDateTime local = t.atZone(scenario.zone());
    double hour = local.getHour() + local.getMinute() / 60.0;
    double daily = interpolate(p.dailyProfile(), hour);
    double weekly = p.weeklyProfile().get(local.getDayOfWeek().getValue() - 1);
    double traffic = p.trafficPm25() * daily * weekly * sensor.trafficWeight();
    if (closureApplies
        && scenario.treated(sensor)
        && !t.isBefore(closureStart)
        && t.isBefore(closureEnd)) {
      traffic *= scenario.closure().trafficFactor();
    }
    return traffic;
  }

  /**
   * Wind speed in m/s: the daily cycle, 1.5 times stronger in rain, the day's and spell's factor.
   */
  double trueWindSpeed(Instant t) {
    WeatherSpec w = scenario.weather();
    ZonedDateTime local = t.atZone(scenario.zone());
    double hour = local.getHour() + local.getMinute() / 60.0;
    double cycle =
        w.windSpeedMean() + w.windSpeedAmplitude() * Math.cos(2 * Math.PI * (hour - 15) / 24.0);
    return Math.max(0.3, cycle) * (environment.raining(t) ? 1.5 : 1.0) * environment.windFactor(t);
  }

  /** Dilution by the wind: (windSpeedMean / wind)^windPmExponent, 1 without an exponent. */
  private double windPm(Instant t) {
    double k = scenario.weather().windPmExponent();
    return k == 0 ? 1.0 : Math.pow(scenario.weather().windSpeedMean() / trueWindSpeed(t), k);
  }

  double trueHumidity(Instant t) {
    WeatherSpec w = scenario.weather();
    ZonedDateTime local = t.atZone(scenario.zone());
    double hour = local.getHour() + local.getMinute() / 60.0;
    double rh =
        w.humidityMean() + w.humidityAmplitude() * Math.cos(2 * Math.PI * (hour - 5) / 24.0);
    if (environment.raining(t)) {
      rh += 15;
    }
    return Math.max(5, Math.min(99, rh));
  }

  double trueTemperature(Instant t) {
    WeatherSpec w = scenario.weather();
    ZonedDateTime local = t.atZone(scenario.zone());
    double hour = local.getHour() + local.getMinute() / 60.0;
    double temp =
        w.temperatureMean() + w.temperatureAmplitude() * Math.cos(2 * Math.PI * (hour - 15) / 24.0);
    return environment.raining(t) ? temp - 3 : temp;
  }

  /**
   * One reading; draws its noise from {@code random} in a fixed order, and its second channel and
   * NO2 ({@link SensorResponse}) from {@code device}, a stream of their own.
   */
  SimReading reading(
      int index,
      ScenarioSensor sensor,
      Instant t,
      double bias,
      Random random,
      SensorResponse.Unit unit,
      Random device) {
    SensorBehaviourSpec b = scenario.sensorBehaviour();
    PollutionSpec p = scenario.pollution();
    double pm25 = truePm25(sensor, t);
    double rh = trueHumidity(t);
    double growth = b.growth(rh);
    // The error model of docs/simulator.md: class gain x unit bias x kappa-Koehler growth + noise,
    // not the inverse of the correction the pipeline applies.
    double response25 = SensorResponse.pm25(sensor.model(), pm25, bias, growth);
    double measured25 = measure(response25, b, random);
    double measured10 = measure(pm25 * p.pm10Ratio() * bias * growth, b, random);
    double measured1 = measure(pm25 * p.pm1Ratio() * bias * growth, b, random);
    double humidity = round1(Math.max(0, Math.min(100, rh + random.nextGaussian())));
    double temperature = round1(trueTemperature(t) + 0.3 * random.nextGaussian());
    double pm25B =
        SensorResponse.hasChannelB(sensor)
            ? SensorResponse.channelB(response25, measured25, unit, b, device)
            : Double.NaN;
    double trueNo2 = Double.NaN;
    double no2 = Double.NaN;
    if (SensorResponse.sendsNo2(sensor)) {
      trueNo2 = SensorResponse.trueNo2(trafficPm25(sensor, t));
      no2 = SensorResponse.no2(trueNo2, unit, device);
    }
    return new SimReading(
        index,
        sensor.id(),
        t,
        pm25,
        pm25 * p.pm10Ratio(),
        measured1,
        measured25,
        measured10,
        humidity,
        temperature,
        pm25B,
        trueNo2,
        no2);
  }

  private static double measure(double value, SensorBehaviourSpec b, Random random) {
    double sd = b.noiseSd() + b.noiseRelative() * value;
    return round1(Math.max(0, value + sd * random.nextGaussian()));
  }

  static double round1(double v) {
    return Math.round(v * 10.0) / 10.0;
  }

  private static double interpolate(java.util.List<Double> profile, double hour) {
    int h = (int) Math.floor(hour) % 24;
    double f = hour - Math.floor(hour);
    return profile.get(h) * (1 - f) + profile.get((h + 1) % 24) * f;
  }
}
