package io.airq.simulator.scenario;

/**
 * Humidity and temperature follow daily cosine cycles (humidity peaks at 05:00, temperature at
 * 15:00 local time). Rain falls on a day with the given probability, for {@code rainHours} from a
 * random afternoon hour; during rain humidity rises by 15 points and PM is multiplied by {@code
 * rainPmFactor}, recovering linearly over {@code rainRecoveryHours}.
 */
public record WeatherSpec(
    double humidityMean,
    double humidityAmplitude,
    double temperatureMean,
    double temperatureAmplitude,
    double rainProbabilityPerDay,
    int rainHours,
    double rainPmFactor,
    int rainRecoveryHours) {}
