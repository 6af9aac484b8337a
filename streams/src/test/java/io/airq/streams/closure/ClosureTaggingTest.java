package io.airq.streams.closure;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosureTaggingTest {
  private static final Sensor SPS =
      Sensor.builder("cork-sps")
          .position(51.9, -8.47)
          .area("city-centre")
          .street("St Patrick's Street")
          .county("Cork")
          .reportingInterval(Duration.ofMinutes(15))
          .build();
  // St Patrick's Day 2024 parade, Cork: 17 March 10:00-16:00 local, one day either side
  private static final Closure PARADE =
      Closure.builder("cork-stpatricks-2024")
          .treated(SensorSelection.ofSensors("cork-sps"))
          .control(SensorSelection.ofAreas("suburbs"))
          .period(LocalDateTime.parse("2024-03-17T10:00"), LocalDateTime.parse("2024-03-17T16:00"))
          .baseline(Duration.ofDays(1))
          .after(Duration.ofDays(1))
          .zone(ZoneId.of("Europe/Dublin"))
          .build();

  private static WindowAverage hour(Instant start, double coverage) {
    return new WindowAverage(
        Scope.SENSOR,
        "cork-sps",
        "city-centre",
        "Cork",
        AverageWindow.HOUR,
        start,
        start.plusSeconds(3600),
        Quantity.NO2,
        4,
        4,
        coverage,
        20,
        20,
        20,
        20,
        "none",
        null);
  }

  private static List<Contribution> tag(String start, double coverage) {
    return ClosureTagging.contributions(PARADE, SPS, hour(Instant.parse(start), coverage), 75);
  }

  @Test
  void eachBoundaryBelongsToExactlyOnePhase() {
    // Ireland is on GMT in March before the 31st: local 10:00 = 10:00Z
    assertThat(tag("2024-03-17T09:00:00Z", 100).get(0).phase()).isEqualTo(Phase.BEFORE);
    assertThat(tag("2024-03-17T10:00:00Z", 100).get(0).phase()).isEqualTo(Phase.DURING);
    assertThat(tag("2024-03-17T15:00:00Z", 100).get(0).phase()).isEqualTo(Phase.DURING);
    assertThat(tag("2024-03-17T16:00:00Z", 100).get(0).phase()).isEqualTo(Phase.AFTER);
    assertThat(tag("2024-03-16T10:00:00Z", 100).get(0).phase()).isEqualTo(Phase.BEFORE);
    assertThat(tag("2024-03-16T09:00:00Z", 100)).isEmpty();
    assertThat(tag("2024-03-18T15:00:00Z", 100).get(0).phase()).isEqualTo(Phase.AFTER);
    assertThat(tag("2024-03-18T16:00:00Z", 100)).isEmpty();
  }

  @Test
  void theSameInstantsShiftWithTheZone() {
    Closure nairobi =
        Closure.builder("x")
            .treated(SensorSelection.ofSensors("cork-sps"))
            .period(
                LocalDateTime.parse("2024-03-17T10:00"), LocalDateTime.parse("2024-03-17T16:00"))
            .zone(ZoneId.of("Africa/Nairobi"))
            .build();
    // 10:00 EAT = 07:00Z
    assertThat(
            ClosureTagging.contributions(
                    nairobi, SPS, hour(Instant.parse("2024-03-17T07:00:00Z"), 100), 75)
                .get(0)
                .phase())
        .isEqualTo(Phase.DURING);
    assertThat(
            ClosureTagging.contributions(
                    nairobi, SPS, hour(Instant.parse("2024-03-17T06:00:00Z"), 100), 75)
                .get(0)
                .phase())
        .isEqualTo(Phase.BEFORE);
  }

  @Test
  void theLocalDayAndValidityComeFromTheClosureZoneAndTheCoverageGate() {
    Contribution c = tag("2024-03-17T12:00:00Z", 100).get(0);
    assertThat(c.group()).isEqualTo(Group.TREATED);
    assertThat(c.day()).isEqualTo(LocalDate.parse("2024-03-17"));
    assertThat(c.valid()).isTrue();
    assertThat(c.aggregateKey()).isEqualTo("cork-stpatricks-2024/treated/during/no2");
    assertThat(tag("2024-03-17T12:00:00Z", 74.9).get(0).valid()).isFalse();
  }
}
