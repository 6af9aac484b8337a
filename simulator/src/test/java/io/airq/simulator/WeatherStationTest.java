package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.core.reading.PhysicalRange;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.SensorKind;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.WeatherSpec;
import io.airq.simulator.scenario.WeatherStationSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A weather station in the synthetic city: its readings, and nothing else changed by it. */
class WeatherStationTest {
  private static final Scenario SMALL =
      Scenario.builtIn("nairobi-closure")
          .withStartDate(LocalDate.of(2026, 3, 2))
          .with(2, 1, 2, 6, null, 20260302L, null);

  /** The scenario with a station at the airport, and this chance of rain a day. */
  private static Scenario withStation(Scenario s, double rainPerDay) {
    WeatherSpec w = s.weather();
    WeatherSpec withStation =
        new WeatherSpec(
            w.humidityMean(),
            w.humidityAmplitude(),
            w.temperatureMean(),
            w.temperatureAmplitude(),
            rainPerDay,
            w.rainHours(),
            w.rainPmFactor(),
            w.rainRecoveryHours(),
            4.0,
            1.5,
            350.0,
            30.0,
            1012.0,
            3.0,
            List.of(
                new WeatherStationSpec(
                    "nbo-jkia-wx", "gw-jkia", -1.3192, 36.9278, "JKIA", "Nairobi", null)),
            null,
            null,
            null);
    return new Scenario(
        s.name(),
        s.description(),
        s.zone(),
        s.startDate(),
        s.daysBefore(),
        s.daysDuring(),
        s.daysAfter(),
        s.interval(),
        s.seed(),
        s.pollution(),
        withStation,
        s.sensorBehaviour(),
        s.closure(),
        s.faults(),
        s.sensors());
  }

  @Test
  void aStationReportsTheCityWeatherInRangeEveryTenMinutes() throws Exception {
    Scenario s = withStation(SMALL, 1.0); // rain every day, so that the rain is seen
    assertThat(s.weather().stations()).hasSize(1);
    Generation g = Generator.generate(s);
    List<SimMessage> weather =
        g.messages().stream()
            .filter(m -> m.topic().startsWith("airq/v1/gw-jkia/nbo-jkia-wx"))
            .toList();
    long expected = Duration.ofDays(5).toMinutes() / 10;
    assertThat(weather).hasSize((int) expected);
    double rain = 0;
    for (SimMessage m : weather) {
      JsonNode values = Json.mapper().readTree(new String(m.payload())).path("values");
      for (Quantity q :
          List.of(
              Quantity.WIND_SPEED,
              Quantity.WIND_DIR,
              Quantity.RAIN,
              Quantity.TEMPERATURE,
              Quantity.HUMIDITY,
              Quantity.PRESSURE)) {
        assertThat(values.has(q.id())).as(q.id()).isTrue();
        assertThat(PhysicalRange.of(q).contains(values.get(q.id()).asDouble()))
            .as("%s %s", q, values.get(q.id()))
            .isTrue();
      }
      rain += values.get("rain").asDouble();
    }
    assertThat(rain).isPositive();
    // the closure names the station, and the station registers as a weather sensor
    assertThat(s.toClosure().weather().station()).isEqualTo("nbo-jkia-wx");
    assertThat(s.weather().stations().get(0).toSensor().kind()).isEqualTo(SensorKind.WEATHER);
  }

  @Test
  void aStationLeavesTheOtherMessagesAndTheTruthAsTheyWere() {
    Generation without = Generator.generate(SMALL);
    Generation with =
        Generator.generate(withStation(SMALL, SMALL.weather().rainProbabilityPerDay()));
    List<SimMessage> others =
        with.messages().stream().filter(m -> !m.kind().equals("weather")).toList();
    assertThat(others).hasSameSizeAs(without.messages());
    for (int i = 0; i < others.size(); i++) {
      assertThat(others.get(i).payload()).isEqualTo(without.messages().get(i).payload());
    }
    assertThat(with.truth().groups()).isEqualTo(without.truth().groups());
    assertThat(without.messages().stream().noneMatch(m -> m.kind().equals("weather"))).isTrue();
  }
}
