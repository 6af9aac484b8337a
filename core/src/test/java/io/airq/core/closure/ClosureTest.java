package io.airq.core.closure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosureTest {
  private static Closure nairobi() {
    return Closure.builder("c1")
        .name("Moi Avenue")
        .treated(SensorSelection.ofAreas("CBD"))
        .control(SensorSelection.ofAreas("Westlands"))
        .period(LocalDateTime.parse("2026-03-08T06:00"), LocalDateTime.parse("2026-03-11T06:00"))
        .baseline(Duration.ofDays(7))
        .after(Duration.ofDays(7))
        .zone(ZoneId.of("Africa/Nairobi"))
        .build();
  }

  @Test
  void eachBoundaryBelongsToExactlyOnePhaseInTheClosuresZone() {
    Closure c = nairobi();
    // 06:00 EAT is 03:00 UTC
    assertThat(c.phaseOf(Instant.parse("2026-03-08T02:59:59.999Z"))).contains(Phase.BEFORE);
    assertThat(c.phaseOf(Instant.parse("2026-03-08T03:00:00Z"))).contains(Phase.DURING);
    assertThat(c.phaseOf(Instant.parse("2026-03-11T02:59:59Z"))).contains(Phase.DURING);
    assertThat(c.phaseOf(Instant.parse("2026-03-11T03:00:00Z"))).contains(Phase.AFTER);
    assertThat(c.phaseOf(Instant.parse("2026-03-01T03:00:00Z"))).contains(Phase.BEFORE);
    assertThat(c.phaseOf(Instant.parse("2026-03-01T02:59:59Z"))).isEmpty();
    assertThat(c.phaseOf(Instant.parse("2026-03-18T03:00:00Z"))).isEmpty();
  }

  @Test
  void wholeDayBaselineKeepsWallClockHoursAcrossADaylightSavingSwitch() {
    // Europe/Dublin moves from GMT to IST on 2024-03-31; 7 days before 2024-04-03 08:00 IST is
    // 2024-03-27 08:00 GMT, which is 8 days minus one hour earlier in exact time.
    Closure c =
        Closure.builder("dst")
            .period(
                LocalDateTime.parse("2024-04-03T08:00"), LocalDateTime.parse("2024-04-03T20:00"))
            .baseline(Duration.ofDays(7))
            .after(Duration.ofDays(1))
            .zone(ZoneId.of("Europe/Dublin"))
            .build();
    assertThat(c.beforeStart()).isEqualTo(Instant.parse("2024-03-27T08:00:00Z"));
    assertThat(c.startInstant()).isEqualTo(Instant.parse("2024-04-03T07:00:00Z"));
    assertThat(c.phaseOf(Instant.parse("2024-03-27T07:59:59Z"))).isEmpty();
    assertThat(c.phaseOf(Instant.parse("2024-03-27T08:00:00Z"))).contains(Phase.BEFORE);
  }

  @Test
  void comparisonPeriodsReplaceTheWindowBeforeTheClosure() {
    Closure c =
        Closure.builder("cork-car-free-day")
            .period(
                LocalDateTime.parse("2023-09-22T07:00"), LocalDateTime.parse("2023-09-22T19:00"))
            .after(Duration.ZERO.plusHours(1))
            .zone(ZoneId.of("Europe/Dublin"))
            .comparisonPeriods(
                List.of(
                    new ComparisonPeriod(
                        LocalDateTime.parse("2023-09-15T07:00"),
                        LocalDateTime.parse("2023-09-15T19:00"))))
            .build();
    assertThat(c.phaseOf(Instant.parse("2023-09-15T06:00:00Z"))).contains(Phase.BEFORE);
    assertThat(c.phaseOf(Instant.parse("2023-09-15T18:00:00Z"))).isEqualTo(Optional.empty());
    assertThat(c.phaseOf(Instant.parse("2023-09-21T06:00:00Z"))).isEmpty();
    assertThat(c.phaseOf(Instant.parse("2023-09-22T06:00:00Z"))).contains(Phase.DURING);
  }

  @Test
  void theBuilderLeavesTheDefaultsToTheRecordAndNeedsAPeriod() {
    Closure plain =
        Closure.builder("x")
            .period(
                LocalDateTime.parse("2026-03-08T06:00"), LocalDateTime.parse("2026-03-09T06:00"))
            .build();
    assertThat(plain.name()).isEqualTo("x");
    assertThat(plain.baseline()).isEqualTo(Closure.DEFAULT_BASELINE);
    assertThat(plain.zone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(plain.comparisonPeriods()).isEmpty();
    Closure full = nairobi().toBuilder().withdrawnAt(Instant.parse("2026-03-12T00:00:00Z")).build();
    assertThat(full.toBuilder().build()).isEqualTo(full);
    assertThat(full.withWeather(new ClosureWeather("wx")).isWithdrawn()).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Closure.builder("y").build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("start");
  }
}
