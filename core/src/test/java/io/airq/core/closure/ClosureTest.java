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
    return new Closure(
        "c1",
        "Moi Avenue",
        SensorSelection.ofAreas("CBD"),
        SensorSelection.ofAreas("Westlands"),
        LocalDateTime.parse("2026-03-08T06:00"),
        LocalDateTime.parse("2026-03-11T06:00"),
        Duration.ofDays(7),
        Duration.ofDays(7),
        ZoneId.of("Africa/Nairobi"),
        List.of());
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
        new Closure(
            "dst",
            null,
            null,
            null,
            LocalDateTime.parse("2024-04-03T08:00"),
            LocalDateTime.parse("2024-04-03T20:00"),
            Duration.ofDays(7),
            Duration.ofDays(1),
            ZoneId.of("Europe/Dublin"),
            null);
    assertThat(c.beforeStart()).isEqualTo(Instant.parse("2024-03-27T08:00:00Z"));
    assertThat(c.startInstant()).isEqualTo(Instant.parse("2024-04-03T07:00:00Z"));
    assertThat(c.phaseOf(Instant.parse("2024-03-27T07:59:59Z"))).isEmpty();
    assertThat(c.phaseOf(Instant.parse("2024-03-27T08:00:00Z"))).contains(Phase.BEFORE);
  }

  @Test
  void comparisonPeriodsReplaceTheWindowBeforeTheClosure() {
    Closure c =
        new Closure(
            "cork-car-free-day",
            null,
            null,
            null,
            LocalDateTime.parse("2023-09-22T07:00"),
            LocalDateTime.parse("2023-09-22T19:00"),
            null,
            Duration.ZERO.plusHours(1),
            ZoneId.of("Europe/Dublin"),
            List.of(
                new ComparisonPeriod(
                    LocalDateTime.parse("2023-09-15T07:00"),
                    LocalDateTime.parse("2023-09-15T19:00"))));
    assertThat(c.phaseOf(Instant.parse("2023-09-15T06:00:00Z"))).contains(Phase.BEFORE);
    assertThat(c.phaseOf(Instant.parse("2023-09-15T18:00:00Z"))).isEqualTo(Optional.empty());
    assertThat(c.phaseOf(Instant.parse("2023-09-21T06:00:00Z"))).isEmpty();
    assertThat(c.phaseOf(Instant.parse("2023-09-22T06:00:00Z"))).contains(Phase.DURING);
  }
}
