package io.airq.streams;

import static io.airq.streams.SensorFixtures.of;
import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 24-hour rolling mean, derived from the hourly windows, with in-order and late data. */
class RollingDayTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Sensor CBD = SensorFixtures.cbd("nbo-cbd-01");

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
    t.register(CBD);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static Instant hour(int h) {
    return T0.plus(Duration.ofHours(h));
  }

  /**
   * Value of the reading at minute 1, 21 and 41 of hour h: h + i (every hour differs and no QA rule
   * fires: no stuck value, no spike).
   */
  private void sendHours(int from, int to) {
    for (int h = from; h <= to; h++) {
      for (int i = 0; i < 3; i++) {
        t.send(pm25(CBD, hour(h).plus(Duration.ofMinutes(20 * i + 1)), h + i));
      }
    }
  }

  private List<WindowAverage> days() {
    return of(
        t.averages.readValuesToList(), Scope.SENSOR, AverageWindow.DAY_ROLLING, Quantity.PM25);
  }

  @Test
  void inOrderDataEmitsEachWindowOnceWhenItsLastHourCompletes() {
    sendHours(0, 29);
    // one window per completed hour: those ending with hours 0..28 (hour 29 is still open)
    assertThat(days())
        .extracting(WindowAverage::start)
        .containsExactlyElementsOf(IntStream.rangeClosed(-23, 5).mapToObj(h -> hour(h)).toList());
    // the first reading of hour 30 completes hour 29: its window, once
    t.send(pm25(CBD, hour(30).plus(Duration.ofMinutes(1)), 40));
    List<WindowAverage> days = days();
    assertThat(days).hasSize(1);
    WindowAverage d = days.get(0);
    assertThat(d.start()).isEqualTo(hour(6));
    assertThat(d.end()).isEqualTo(hour(30));
    // hours 6..29 with 3 readings each (mean h + 1)
    double sum = IntStream.rangeClosed(6, 29).mapToDouble(h -> 3 * (h + 1)).sum();
    assertThat(d.count()).isEqualTo(24 * 3);
    assertThat(d.expectedCount()).isEqualTo(72);
    assertThat(d.mean()).isCloseTo(sum / (24 * 3), within(1e-9));
    assertThat(d.min()).isEqualTo(6);
    assertThat(d.max()).isEqualTo(31);
    // more readings of the open hour 30 update its hourly mean, not a 24-hour window
    t.send(pm25(CBD, hour(30).plus(Duration.ofMinutes(21)), 41));
    assertThat(days()).isEmpty();
  }

  @Test
  void aSensorThatFallsSilentHasItsLastWindowEmittedOnceItsPartitionPassesTheHour() {
    Sensor other = SensorFixtures.cbd("nbo-cbd-02");
    t.register(other);
    sendHours(0, 23);
    t.averages.readValuesToList();
    // CBD says nothing more; another sensor of its partition reaches hour 24
    t.send(pm25(other, hour(24).plus(Duration.ofMinutes(5)), 12));
    assertThat(days())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.key()).isEqualTo(CBD.id());
              assertThat(d.start()).isEqualTo(hour(0));
              assertThat(d.count()).isEqualTo(72);
            });
    t.send(pm25(other, hour(24).plus(Duration.ofMinutes(25)), 13));
    assertThat(days()).as("emitted once").isEmpty();
  }

  @Test
  void aLateReadingWithinGraceReEmitsEveryEmittedWindowHoldingItsHour() {
    sendHours(0, 40);
    List<WindowAverage> before = days();
    WindowAverage windowM8 = last(before, hour(-8));
    t.send(pm25(CBD, hour(15).plus(Duration.ofMinutes(50)), 50));
    assertThat(t.late.isEmpty()).isTrue();
    List<WindowAverage> days = days();
    // the 24 windows holding hour 15, all ending by the latest hour (40)
    assertThat(days)
        .extracting(WindowAverage::start)
        .containsExactlyElementsOf(IntStream.rangeClosed(-8, 15).mapToObj(h -> hour(h)).toList());
    WindowAverage updated = last(days, hour(-8));
    assertThat(updated.count()).isEqualTo(windowM8.count() + 1);
    assertThat(updated.mean())
        .isCloseTo(
            (windowM8.mean() * windowM8.count() + 50) / (windowM8.count() + 1), within(1e-9));
    assertThat(updated.max()).isEqualTo(50);
  }

  @Test
  void aReadingBeyondGraceIsRoutedToTheLateTopicAndNoWindowIsEmitted() {
    sendHours(0, 40);
    t.averages.readValuesToList();
    t.send(pm25(CBD, hour(5).plus(Duration.ofMinutes(50)), 1000));
    assertThat(t.late.readValuesToList())
        .singleElement()
        .satisfies(c -> assertThat(c.time()).isEqualTo(hour(5).plus(Duration.ofMinutes(50))));
    assertThat(t.averages.isEmpty()).isTrue();
  }

  @Test
  void aSilentPartitionsLastWindowIsEmittedOnceTheWallClockPassesTheHour() {
    sendHours(0, 23);
    t.averages.readValuesToList();
    // nothing more arrives; the wall clock (at 1970 in the fixture) reaches 00:00 of day 2
    t.driver.advanceWallClockTime(Duration.between(Instant.EPOCH, hour(24)));
    t.emit();
    assertThat(days())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.start()).isEqualTo(hour(0));
              assertThat(d.count()).isEqualTo(72);
            });
  }

  @Test
  void theAreaRollingMeanFollowsItsSensors() {
    Sensor other = SensorFixtures.cbd("nbo-cbd-02");
    t.register(other);
    sendHours(0, 23);
    for (int h = 0; h < 24; h++) {
      for (int i = 0; i < 3; i++) {
        t.send(pm25(other, hour(h).plus(Duration.ofMinutes(20 * i + 2)), 49 + i));
      }
    }
    // the next hour's first reading completes the day ending with hour 23
    t.send(pm25(other, hour(24).plus(Duration.ofMinutes(2)), 50));
    List<WindowAverage> area =
        of(t.averages.readValuesToList(), Scope.AREA, AverageWindow.DAY_ROLLING, Quantity.PM25);
    WindowAverage day = last(area, hour(0));
    // mean of the two sensors' means: 12.5 (h + i over the day) and 50 (49, 50, 51 each hour)
    assertThat(day.mean()).isCloseTo((12.5 + 50) / 2, within(1e-9));
    assertThat(day.count()).isEqualTo(144);
    assertThat(day.expectedCount()).isEqualTo(144);
  }

  private static WindowAverage last(List<WindowAverage> all, Instant start) {
    return all.stream().filter(a -> a.start().equals(start)).reduce((a, b) -> b).orElseThrow();
  }
}
