package io.airq.simulator.scenario;

import java.util.List;

/**
 * PM2.5 = (background × regional day factor + traffic × daily profile × weekly profile × sensor
 * weight × closure factor) × rain factor. PM10 and PM1 are fixed ratios of PM2.5.
 *
 * @param backgroundPm25 regional background, µg/m³
 * @param trafficPm25 traffic contribution at profile 1.0 and weight 1.0, µg/m³
 * @param dailyProfile 24 hourly traffic weights, local time, hour 0 first
 * @param weeklyProfile 7 daily traffic weights, Monday first
 * @param regionalDayVariation the regional background varies day to day by up to ± this fraction
 * @param pm10Ratio PM10 / PM2.5
 * @param pm1Ratio PM1 / PM2.5
 */
public record PollutionSpec(
    double backgroundPm25,
    double trafficPm25,
    List<Double> dailyProfile,
    List<Double> weeklyProfile,
    double regionalDayVariation,
    double pm10Ratio,
    double pm1Ratio) {
  public static final List<Double> DEFAULT_DAILY =
      List.of(
          0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 1.8, 1.3, 1.0, 0.9, 0.9, 0.9, 1.0, 1.1, 1.4, 1.8,
          1.9, 1.5, 1.0, 0.7, 0.5, 0.3);
  public static final List<Double> DEFAULT_WEEKLY = List.of(1.0, 1.0, 1.0, 1.0, 1.05, 0.8, 0.6);

  public PollutionSpec {
    dailyProfile = dailyProfile == null ? DEFAULT_DAILY : List.copyOf(dailyProfile);
    weeklyProfile = weeklyProfile == null ? DEFAULT_WEEKLY : List.copyOf(weeklyProfile);
    if (dailyProfile.size() != 24 || weeklyProfile.size() != 7) {
      throw new IllegalArgumentException("dailyProfile needs 24 values, weeklyProfile 7");
    }
    pm10Ratio = pm10Ratio <= 0 ? 1.6 : pm10Ratio;
    pm1Ratio = pm1Ratio <= 0 ? 0.7 : pm1Ratio;
  }
}
