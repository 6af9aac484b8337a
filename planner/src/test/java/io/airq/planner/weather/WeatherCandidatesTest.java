package io.airq.planner.weather;

import static io.airq.planner.weather.WeatherFixtures.AIRPORT;
import static io.airq.planner.weather.WeatherFixtures.GP;
import static io.airq.planner.weather.WeatherFixtures.ROCHES_POINT;
import static io.airq.planner.weather.WeatherFixtures.SPS;
import static io.airq.planner.weather.WeatherFixtures.VALENTIA;
import static io.airq.planner.weather.WeatherFixtures.carFreeDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.closure.Closure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeatherCandidatesTest {
  private static final List<io.airq.core.registry.Sensor> REGISTRY =
      List.of(SPS, GP, VALENTIA, ROCHES_POINT, AIRPORT);

  private static List<WeatherCandidates.Candidate> of(Closure c, double km) {
    return WeatherCandidates.of(c, REGISTRY, km, c.beforeStart(), c.afterEnd());
  }

  @Test
  void aNamedStationIsTheOnlyCandidate() {
    assertThat(of(carFreeDay("valentia-wx"), 25))
        .containsExactly(
            new WeatherCandidates.Candidate(
                "station:valentia-wx", List.of("valentia-wx"), true, true));
  }

  @Test
  void withoutOneTheStationsWithinReachComeNearestFirstThenTheTreatedSensors() {
    assertThat(of(carFreeDay(null), 25))
        .extracting(WeatherCandidates.Candidate::source)
        .containsExactly(
            "nearest:cork-airport-wx (6.4 km)",
            "nearest:roches-point-wx (19.7 km)",
            "treated-sensors");
    assertThat(of(carFreeDay(null), 25).get(2).sensors()).containsExactly("cork-gp", "cork-sps");
    assertThat(of(carFreeDay(null), 0))
        .extracting(WeatherCandidates.Candidate::source)
        .containsExactly("treated-sensors");
  }

  @Test
  void aStationRetiredBeforeThePeriodIsNotNearest() {
    Closure c = carFreeDay(null);
    var retired =
        WeatherFixtures.station(
            "cork-airport-wx", 51.8413, -8.4911, Instant.parse("2023-01-01T00:00:00Z"));
    assertThat(
            WeatherCandidates.of(c, List.of(SPS, GP, retired), 25, c.beforeStart(), c.afterEnd()))
        .extracting(WeatherCandidates.Candidate::source)
        .containsExactly("treated-sensors");
  }

  @Test
  void distancesAreGreatCircleKilometres() {
    // Nairobi CBD (Moi Avenue) to JKIA: 12.3 km; one degree of latitude: 111.2 km
    assertThat(WeatherCandidates.km(-1.2841, 36.8233, -1.3192, 36.9278))
        .isCloseTo(12.3, within(0.1));
    assertThat(WeatherCandidates.km(0, 0, 1, 0)).isCloseTo(111.19, within(0.01));
  }
}
