package io.airq.streams;

import static io.airq.streams.SensorFixtures.of;
import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An area hour carries the NowCast of the area's own hourly means (not of its sensors' NowCasts),
 * and an hour's sensor below the coverage gate does not count in it.
 */
class AreaIndicesTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Sensor A = SensorFixtures.cbd("nbo-cbd-01");
  private static final Sensor B = SensorFixtures.cbd("nbo-cbd-02");
  private static final Sensor C = SensorFixtures.cbd("nbo-cbd-03");
  private static final Sensor D = SensorFixtures.cbd("nbo-cbd-04");

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
    t.register(A);
    t.register(B);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  /** Three readings in hour h: {@code v - 1}, {@code v}, {@code v + 1} (mean v, never stuck). */
  private void hour(Sensor s, int h, double v) {
    for (int i = 0; i < 3; i++) {
      t.send(pm25(s, T0.plus(Duration.ofMinutes(60L * h + 20 * i + 1)), v - 1 + i));
    }
  }

  private IndexValue nowCast(List<WindowAverage> all, Scope scope, String key, int h) {
    return of(all, scope, AverageWindow.HOUR, Quantity.PM25).stream()
        .filter(a -> a.key().equals(key) && a.start().equals(T0.plus(Duration.ofHours(h))))
        .reduce((a, b) -> b)
        .orElseThrow()
        .indices()
        .stream()
        .filter(i -> i.field().equals("aqi_us_nowcast"))
        .findFirst()
        .orElse(null);
  }

  @Test
  void theAreaNowCastIsThatOfTheAreasHourlyMeans() {
    hour(A, 0, 10);
    hour(B, 0, 30);
    hour(A, 1, 10);
    hour(B, 1, 30);
    t.emit();
    List<WindowAverage> all = t.averages.readValuesToList();
    // sensors: NowCast 10.0 -> 51 + 49 / 26.3 × 0.9 = 52.7 -> 53; 30.0 -> 51 + 49 / 26.3 × 20.9
    // = 89.9 -> 90. The area: its hourly means are 20, NowCast 20.0 -> 51 + 49 / 26.3 × 10.9 =
    // 71.3 -> 71 (not the mean of 53 and 90)
    assertThat(nowCast(all, Scope.SENSOR, A.id(), 1).value()).isEqualTo(53);
    assertThat(nowCast(all, Scope.SENSOR, B.id(), 1).value()).isEqualTo(90);
    IndexValue area = nowCast(all, Scope.AREA, "cbd", 1);
    assertThat(area.value()).isEqualTo(71);
    assertThat(area.averaging()).isEqualTo(IndexValue.NOWCAST_12H);
    assertThat(nowCast(all, Scope.AREA, "cbd", 0)).as("one hour: no NowCast yet").isNull();
  }

  @Test
  void aSensorBelowTheGateDoesNotCountInTheAreaHour() {
    // four registered sensors, three at the gate: the area's coverage is 9 of 12 readings (75 %)
    t.register(C);
    t.register(D);
    for (Sensor s : new Sensor[] {A, C, D}) {
      hour(s, 0, 10);
      hour(s, 1, 10);
    }
    // B: one reading of three in each hour (33 %), far higher
    t.send(pm25(B, T0.plus(Duration.ofMinutes(5)), 300));
    t.send(pm25(B, T0.plus(Duration.ofMinutes(65)), 301));
    t.emit();
    IndexValue area = nowCast(t.averages.readValuesToList(), Scope.AREA, "cbd", 1);
    assertThat(area.value()).as("A, C and D's 10.0 -> 53, not B's 300").isEqualTo(53);
  }
}
