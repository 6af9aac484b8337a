package io.airq.streams;

import static io.airq.streams.SensorFixtures.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An area's India NAQI on CPCB's calendar day and on the rolling 24 hours: the sub-indices of the
 * area's own means (not the worst of its sensors' indices), written on the dominant pollutant's
 * area average with the window's averaging.
 */
class AreaNaqiTopologyTest {
  private static final Sensor A = SensorFixtures.cbd("nbo-cbd-01", Duration.ofHours(1));
  private static final Sensor B = SensorFixtures.cbd("nbo-cbd-02", Duration.ofHours(1));
  private static final Instant DAY = Instant.parse("2026-02-28T21:00:00Z"); // 1 March, 00:00 EAT

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults("").withDayZone(ZoneId.of("Africa/Nairobi")));
    t.register(A);
    t.register(B);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  /** One reading at half past hour h of PM2.5, NO2 and SO2, each {@code base + h % 2}. */
  private void hour(Sensor s, int h, double pm25, double no2, double so2) {
    Instant at = DAY.plus(Duration.ofMinutes(60L * h + 30));
    int d = h % 2;
    t.send(
        Reading.of(
            s.id(),
            at,
            at,
            null,
            SourceFormat.AIRQ_JSON,
            Map.of(Quantity.PM25, pm25 + d, Quantity.NO2, no2 + d, Quantity.SO2, so2 + d)));
  }

  private static List<IndexValue> naqi(List<WindowAverage> all, Scope scope, AverageWindow w) {
    return all.stream()
        .filter(a -> a.scope() == scope && a.window() == w && a.start().equals(DAY))
        .flatMap(a -> a.indices().stream())
        .filter(i -> i.field().equals("naqi"))
        .toList();
  }

  @Test
  void anAreasDayAndRolling24HoursGetTheNaqiOfTheAreasMeans() {
    for (int h = 0; h < 24; h++) {
      hour(A, h, 40, 20, 10); // means 40.5, 20.5, 10.5 µg/m³
      hour(B, h, 60, 40, 30); // means 60.5, 40.5, 30.5
    }
    hour(A, 24, 40, 20, 10); // 2 March's first readings complete 1 March
    hour(B, 24, 60, 40, 30);
    t.emit();
    List<WindowAverage> all = t.averages.readValuesToList();
    // the sensors: PM2.5 40.5 -> 50 + 50 / 30 × 10.5 = 67.5 -> 68; 60.5 -> 100 + 100 / 30 × 0.5
    // = 101.7 -> 102
    assertThat(naqi(all, Scope.SENSOR, AverageWindow.DAY))
        .extracting(IndexValue::value)
        .containsExactlyInAnyOrder(68, 102);
    // the area: PM2.5 50.5 -> 50 + 50 / 30 × 20.5 = 84.2 -> 84 (NO2 30.5 -> 38, SO2 20.5 -> 26)
    IndexValue day = naqi(all, Scope.AREA, AverageWindow.DAY).get(0);
    assertThat(naqi(all, Scope.AREA, AverageWindow.DAY)).allMatch(i -> i.equals(day));
    assertThat(day)
        .isEqualTo(
            new IndexValue(
                "naqi",
                "in-naqi-2014",
                84,
                "Satisfactory",
                Quantity.PM25,
                IndexValue.CALENDAR_DAY));
    assertThat(
            of(all, Scope.AREA, AverageWindow.DAY, Quantity.PM25).stream()
                .filter(a -> a.start().equals(DAY)))
        .allSatisfy(a -> assertThat(a.mean()).isEqualTo(50.5));
    List<IndexValue> rolling = naqi(all, Scope.AREA, AverageWindow.DAY_ROLLING);
    assertThat(rolling).isNotEmpty();
    assertThat(rolling)
        .allSatisfy(
            i -> {
              assertThat(i.value()).isEqualTo(84);
              assertThat(i.averaging()).isEqualTo(IndexValue.ROLLING_24H);
            });
  }
}
