package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.closure.Closure;
import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.Change;
import io.airq.planner.impact.HourlyMean;
import io.airq.planner.impact.ImpactAnalysis;
import io.airq.planner.impact.ImpactReport;
import io.airq.planner.impact.Outcome;
import io.airq.planner.impact.weather.Placebo;
import io.airq.planner.impact.weather.Skill;
import io.airq.planner.impact.weather.WeatherAdjusted;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWeatherTest {

  private static ImpactReport report() {
    List<HourlyMean> h = new ArrayList<>();
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < 5 * 24; i++) {
      h.add(
          new HourlyMean("t1", t.plusSeconds(3600L * i), i < 48 ? 20 + i % 3 : 10 + i % 2, 60, 60));
    }
    Closure c =
        Closure.builder("c1")
            .name("test")
            .treated(SensorSelection.ofSensors("t1"))
            .period(
                LocalDateTime.parse("2024-01-03T00:00"), LocalDateTime.parse("2024-01-05T00:00"))
            .baseline(Duration.ofDays(2))
            .after(Duration.ofDays(1))
            .zone(ZoneId.of("UTC"))
            .build();
    Sensor s =
        Sensor.builder("t1")
            .position(-1.28, 36.82)
            .area("A")
            .county("B")
            .reportingInterval(Duration.ofMinutes(1))
            .build();
    return ImpactAnalysis.fromHourlyMeans(
        c, Quantity.NO2, List.of(s), h, ImpactAnalysis.Options.DEFAULT);
  }

  @Test
  void withoutTheWeatherTheCsvHasNoSecondTable() {
    assertThat(Csv.report(report(), Provenance.of("db", "x"))).doesNotContain("weather_adjusted");
  }

  @Test
  void theWeatherAdjustedTableFollowsWithItsTextCellsGuarded() {
    WeatherAdjusted w =
        new WeatherAdjusted(
            "airq-impact-2.1",
            new Change(-28, -39, -15, Double.NaN),
            new Change(-3, -9, 4, Double.NaN),
            new Skill(0.62, 3.1, 0.01, 0.95, 900),
            new Placebo(40, 0.02, 0.05, 0.95, List.of(), List.of()),
            21.4,
            List.of(),
            "=HYPERLINK(\"x\")",
            Outcome.CLEAR_DECREASE,
            "",
            null);

    String csv = Csv.report(report().withWeather(w, null), Provenance.of("db", "x"));

    String table = csv.substring(csv.indexOf("# weather_adjusted: airq-impact-2.1\n"));
    List<String> lines = table.lines().toList();
    assertThat(lines.get(1))
        .startsWith("group,phase,change_percent,ci_low_percent,ci_high_percent,r2");
    assertThat(lines.get(2))
        .isEqualTo(
            "treated,during,-28.0000,-39.0000,-15.0000,0.6200,3.1000,0.0100,0.9500,0.0200,0.0500,"
                + "0.9500,21.4000,\"'=HYPERLINK(\"\"x\"\")\",CLEAR_DECREASE,");
    assertThat(lines.get(3)).startsWith("treated,after,-3.0000,-9.0000,4.0000,0.6200");
    assertThat(lines).hasSize(4);
  }
}
