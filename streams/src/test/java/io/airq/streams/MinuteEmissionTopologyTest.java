package io.airq.streams;

import static io.airq.streams.SensorFixtures.of;
import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.streams.average.SensorWindowsProcessor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A minute is emitted at once when the reading that completes it at its sensor's nominal interval
 * arrives (the first reading of a sensor reporting every minute or slower); readings beyond that,
 * or a minute that never completes, go into one more emission once the minute has closed on its
 * sensor's clock (or its sensor fell silent).
 */
class MinuteEmissionTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Sensor CBD = SensorFixtures.cbd("nbo-cbd-01");

  /** A sensor reporting every 10 s: six readings a minute. */
  private static final Sensor FAST = SensorFixtures.cbd("nbo-fast-01", Duration.ofSeconds(10));

  private TopologyFixture t;

  @BeforeEach
  void start() {
    // an emit interval well inside OPEN_MINUTE_WAIT, so that the tests can tell the two apart
    t = new TopologyFixture(StreamsSettings.defaults("").withEmitInterval(Duration.ofSeconds(10)));
    t.register(CBD);
    t.register(FAST);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private List<WindowAverage> minutes() {
    return of(t.averages.readValuesToList(), Scope.SENSOR, AverageWindow.MINUTE, Quantity.PM25);
  }

  @Test
  void aWindowsQuantitiesTravelInOneRecordPerEmission() {
    // three readings 20 min apart: the hour's coverage is complete, so its area has a valid sensor
    // too (no 24-hour window: it is emitted once its last hour is over)
    for (int i = 0; i < 3; i++) {
      Instant at = T0.plus(Duration.ofMinutes(20L * i));
      t.readings.pipeInput(
          CBD.id(),
          Reading.of(
              CBD.id(),
              at,
              at,
              CBD.gatewayId(),
              SourceFormat.AIRQ_JSON,
              Map.of(Quantity.PM25, 10.0, Quantity.PM10, 20.0, Quantity.TEMPERATURE, 24.5)),
          at);
    }
    t.emit();
    List<WindowAverages> records = t.windows.readValuesToList();
    assertThat(records)
        .extracting(w -> w.scope() + " " + w.window().id())
        .containsExactlyInAnyOrder(
            "sensor 1m",
            "sensor 1m",
            "sensor 1m",
            "sensor 1h",
            "area 1m",
            "area 1m",
            "area 1m",
            "area 1h");
    for (WindowAverages w : records) {
      assertThat(w.quantities().keySet())
          .as("%s", w)
          .containsExactly(Quantity.PM25, Quantity.PM10, Quantity.TEMPERATURE);
      assertThat(w.quantities().get(Quantity.PM10).mean()).isEqualTo(20.0);
    }
  }

  @Test
  void aMinutesFirstReadingIsEmittedBeforeAnyWallClockPasses() {
    t.readings.pipeInput(CBD.id(), pm25(CBD, T0.plusSeconds(5), 10), T0.plusSeconds(5));
    assertThat(minutes()).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(1));
  }

  @Test
  void aFastSensorsMinuteIsEmittedOnceMoreWhenItsSensorsClockClosesIt() {
    for (int s = 0; s < 10; s++) {
      Instant at = T0.plusSeconds(5 * s + 1);
      t.readings.pipeInput(CBD.id(), pm25(CBD, at, 10 + s), at);
    }
    List<WindowAverage> first = minutes();
    assertThat(first).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(1));
    // still open on the sensor's clock: emit intervals pass without a new minute record
    t.driver.advanceWallClockTime(t.emitInterval);
    t.driver.advanceWallClockTime(t.emitInterval);
    assertThat(minutes()).isEmpty();
    // a reading of the next minute closes it: the complete minute at the next emission
    Instant next = T0.plusSeconds(61);
    t.readings.pipeInput(CBD.id(), pm25(CBD, next, 30), next);
    assertThat(minutes())
        .singleElement()
        .satisfies(m -> assertThat(m.start()).isEqualTo(T0.plusSeconds(60)));
    t.driver.advanceWallClockTime(t.emitInterval);
    assertThat(minutes())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.start()).isEqualTo(T0);
              assertThat(m.count()).isEqualTo(10);
              assertThat(m.mean()).isCloseTo(14.5, within(1e-9));
            });
    t.driver.advanceWallClockTime(Duration.ofMinutes(2));
    assertThat(minutes()).isEmpty();
  }

  private List<WindowAverage> fastMinutes() {
    return minutes(FAST);
  }

  private List<WindowAverage> minutes(Sensor s) {
    return minutes().stream().filter(m -> m.key().equals(s.id())).toList();
  }

  @Test
  void aSensorsMinuteIsEmittedOnceWhenItsNominalIntervalFillsIt() {
    for (int s = 0; s < 5; s++) {
      Instant at = T0.plusSeconds(10 * s + 1);
      t.readings.pipeInput(FAST.id(), pm25(FAST, at, 10 + s), at);
    }
    t.driver.advanceWallClockTime(t.emitInterval);
    assertThat(fastMinutes()).as("five of six readings").isEmpty();
    Instant sixth = T0.plusSeconds(51);
    t.readings.pipeInput(FAST.id(), pm25(FAST, sixth, 15), sixth);
    assertThat(fastMinutes())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.count()).isEqualTo(6);
              assertThat(m.coverage()).isEqualTo(100.0);
              assertThat(m.mean()).isCloseTo(12.5, within(1e-9));
            });
    // the next minute's reading does not emit it again
    Instant next = T0.plusSeconds(61);
    t.readings.pipeInput(FAST.id(), pm25(FAST, next, 30), next);
    t.driver.advanceWallClockTime(t.emitInterval);
    assertThat(fastMinutes()).isEmpty();
  }

  @Test
  void aMinuteMissingAReadingIsEmittedWhenItsSensorsClockClosesIt() {
    for (int s = 0; s < 4; s++) {
      Instant at = T0.plusSeconds(10 * s + 1);
      t.readings.pipeInput(FAST.id(), pm25(FAST, at, 10), at);
    }
    t.driver.advanceWallClockTime(t.emitInterval);
    assertThat(fastMinutes()).isEmpty();
    Instant next = T0.plusSeconds(61);
    t.readings.pipeInput(FAST.id(), pm25(FAST, next, 30), next);
    t.driver.advanceWallClockTime(t.emitInterval);
    assertThat(fastMinutes())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.start()).isEqualTo(T0);
              assertThat(m.count()).isEqualTo(4);
            });
  }

  @Test
  void aPendingMinuteOfASensorThatFellSilentIsEmittedAfterAMinuteOfWallClock() {
    for (int s = 0; s < 3; s++) {
      Instant at = T0.plusSeconds(5 * s + 1);
      t.readings.pipeInput(CBD.id(), pm25(CBD, at, 10 + s), at);
    }
    assertThat(minutes()).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(1));
    t.driver.advanceWallClockTime(SensorWindowsProcessor.OPEN_MINUTE_WAIT.minusSeconds(20));
    assertThat(minutes()).isEmpty();
    t.driver.advanceWallClockTime(Duration.ofSeconds(20).plus(t.emitInterval));
    assertThat(minutes()).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(3));
  }
}
