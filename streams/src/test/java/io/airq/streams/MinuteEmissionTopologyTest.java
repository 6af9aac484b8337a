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
 * A minute's first reading is emitted at once; its later readings into one more emission, once the
 * minute has closed on its sensor's clock (or its sensor fell silent).
 */
class MinuteEmissionTopologyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
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
        .containsExactlyInAnyOrder("sensor 1m", "sensor 1m", "sensor 1m", "sensor 1h", "area 1h");
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
