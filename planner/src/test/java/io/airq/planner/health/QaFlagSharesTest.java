package io.airq.planner.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.planner.health.QaFlagShares.Flagged;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QaFlagSharesTest {
  private static final Instant NOW = Instant.parse("2026-03-08T12:00:00Z");
  private static final Instant DAY_AGO = Instant.parse("2026-03-07T12:00:00Z");

  @Test
  void eachRuleIsCountedAgainstTheValuesOfItsQuantityInEachPeriod() {
    List<Flagged> flagged =
        List.of(
            new Flagged(Instant.parse("2026-03-02T10:00:00Z"), "pm25:stuck"),
            new Flagged(Instant.parse("2026-03-07T11:59:59Z"), "pm25:stuck,humidity:range"),
            new Flagged(DAY_AGO, "pm25:stuck"),
            new Flagged(NOW.minusSeconds(60), "pm25:spike, pm25:stuck"));
    QaFlagShares s =
        QaFlagShares.of(
            Map.of("pm25", 100L, "humidity", 50L),
            Map.of("pm25", 700L, "humidity", 350L),
            flagged,
            DAY_AGO);
    assertThat(s.last24h())
        .containsExactly(Map.entry("pm25:spike", 0.01), Map.entry("pm25:stuck", 0.02));
    assertThat(s.last7d())
        .containsExactly(
            Map.entry("humidity:range", 1 / 350.0),
            Map.entry("pm25:spike", 1 / 700.0),
            Map.entry("pm25:stuck", 4 / 700.0));
  }

  @Test
  void aSensorWithoutFlagsHasNoShares() {
    QaFlagShares s = QaFlagShares.of(Map.of("pm25", 10L), Map.of("pm25", 70L), List.of(), DAY_AGO);
    assertThat(s.last24h()).isEmpty();
    assertThat(s.last7d()).isEmpty();
  }
}
