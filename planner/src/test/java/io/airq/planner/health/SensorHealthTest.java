package io.airq.planner.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensorHealthTest {
  private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");
  private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi"); // UTC+3

  private static Sensor sensor(Duration interval, Instant installed) {
    return Sensor.builder("s1")
        .position(-1.28, 36.82)
        .area("CBD")
        .reportingInterval(interval)
        .installed(installed)
        .build();
  }

  @Test
  void statusFollowsTheReportingInterval() {
    Sensor s = sensor(Duration.ofMinutes(2), null);
    assertThat(SensorHealth.status(s, null, NOW)).isEqualTo("never seen");
    assertThat(SensorHealth.status(s, NOW.minusSeconds(360), NOW)).isEqualTo("online");
    assertThat(SensorHealth.status(s, NOW.minusSeconds(361), NOW)).isEqualTo("stale");
    assertThat(SensorHealth.status(s, NOW.minus(Duration.ofHours(25)), NOW)).isEqualTo("offline");
    assertThat(SensorHealth.status(s.retiredAt(NOW.minusSeconds(1)), NOW, NOW))
        .isEqualTo("retired");
  }

  @Test
  void completenessPerLocalDayCountsOnlyTheTimeInServiceUpToNow() {
    // installed 2026-03-02 09:00 Nairobi (06:00Z); now is 15:00 Nairobi on the 3rd
    Sensor s = sensor(Duration.ofMinutes(10), Instant.parse("2026-03-02T06:00:00Z"));
    SensorHealth h =
        SensorHealth.of(
            s,
            NOW.minusSeconds(60),
            Map.of(LocalDate.parse("2026-03-02"), 45L, LocalDate.parse("2026-03-03"), 90L),
            LocalDate.parse("2026-03-01"),
            3,
            NAIROBI,
            NOW);
    assertThat(h.days()).hasSize(3);
    assertThat(h.days().get(0).expected()).isZero();
    assertThat(h.days().get(0).completeness()).isNull();
    assertThat(h.days().get(1).expected()).isEqualTo(15 * 6); // 09:00–24:00
    assertThat(h.days().get(1).completeness()).isEqualTo(0.5);
    assertThat(h.days().get(2).expected()).isEqualTo(15 * 6); // 00:00–15:00
    assertThat(h.days().get(2).completeness()).isEqualTo(1.0);
    assertThat(h.completeness()).isEqualTo(0.75);
    assertThat(h.status()).isEqualTo("online");
  }
}
