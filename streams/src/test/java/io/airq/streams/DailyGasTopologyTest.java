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
 * EPA's daily AQI of O3 on the local calendar day (docs/quality.md): the highest 8-hour mean of the
 * periods starting in the day, whose last ones end 7 hours into the next day. The day is emitted
 * once its last hour is complete, and again once those 7 hours are, with the final value; a late
 * reading in them emits it again.
 */
class DailyGasTopologyTest {
  private static final Sensor HOURLY = SensorFixtures.cbd("nbo-cbd-o3", Duration.ofHours(1));
  private static final Instant DAY = Instant.parse("2026-07-01T00:00:00Z");

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults("").withDayZone(ZoneId.of("UTC")));
    t.register(HOURLY);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private void o3(int hour, int minute, double v) {
    Instant at = DAY.plus(Duration.ofMinutes(60L * hour + minute));
    t.send(Reading.of(HOURLY.id(), at, at, null, SourceFormat.AIRQ_JSON, Map.of(Quantity.O3, v)));
  }

  /**
   * O3 at half past each hour: 80 or 81 µg/m³ (0.040 ppm), but 160 or 161 (0.082 ppm) from 20:00 to
   * 03:00 of the next day.
   */
  private void hours(int from, int to) {
    for (int h = from; h < to; h++) {
      o3(h, 30, (h >= 20 && h < 28 ? 160 : 80) + h % 2);
    }
  }

  private List<IndexValue> dayIndices() {
    return of(t.averages.readValuesToList(), Scope.SENSOR, AverageWindow.DAY, Quantity.O3).stream()
        .filter(a -> a.start().equals(DAY))
        .map(WindowAverage::indices)
        .flatMap(List::stream)
        .toList();
  }

  @Test
  void theOzoneDayGetsItsFinalDailyMaximumOnceTheNextDaysFirstSevenHoursAreComplete() {
    hours(0, 25); // 00:30 of 2 July completes 1 July
    List<IndexValue> first = dayIndices();
    assertThat(first)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.field()).isEqualTo("aqi_us");
              assertThat(i.averaging()).isEqualTo("8h-daily-max");
              assertThat(i.value()).as("its highest 8 hours are not all in yet").isLessThan(136);
            });
    hours(25, 31); // up to 06:30: the hour from 06:00, the last of the 8 from 23:00, is open
    assertThat(dayIndices()).isEmpty();
    hours(31, 32);
    // 20:00 to 04:00: four hours of 160 and four of 161 µg/m³ = 160.5 µg/m³ = 0.08175 ppm,
    // truncated to 0.081: (150 - 101) / (0.085 - 0.071) * (0.081 - 0.071) + 101 = 136
    assertThat(dayIndices())
        .containsExactly(
            new IndexValue(
                "aqi_us",
                "us-epa-2024",
                136,
                "Unhealthy for Sensitive Groups",
                Quantity.O3,
                "8h-daily-max"));
    hours(32, 34);
    assertThat(dayIndices()).as("emitted for good").isEmpty();
    // a late reading at 02:50 of 2 July raises the 8 hours from 20:00: 1 July is emitted again
    o3(26, 50, 300);
    List<IndexValue> late = dayIndices();
    assertThat(late).singleElement().satisfies(i -> assertThat(i.value()).isGreaterThan(136));
  }
}
