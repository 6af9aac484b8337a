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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A minute's first reading is emitted at once; its later readings collapse into one emission. */
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
  void aMinutesFirstReadingIsEmittedBeforeAnyWallClockPasses() {
    t.readings.pipeInput(CBD.id(), pm25(CBD, T0.plusSeconds(5), 10), T0.plusSeconds(5));
    assertThat(minutes()).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(1));
  }

  @Test
  void aFastSensorsReadingsInOneMinuteAreEmittedOnceAtTheNextEmission() {
    for (int s = 0; s < 10; s++) {
      Instant at = T0.plusSeconds(5 * s + 1);
      t.readings.pipeInput(CBD.id(), pm25(CBD, at, 10 + s), at);
    }
    List<WindowAverage> first = minutes();
    assertThat(first).singleElement().satisfies(m -> assertThat(m.count()).isEqualTo(1));
    t.driver.advanceWallClockTime(t.emitInterval);
    List<WindowAverage> collapsed = minutes();
    assertThat(collapsed)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.start()).isEqualTo(T0);
              assertThat(m.count()).isEqualTo(10);
              assertThat(m.mean()).isCloseTo(14.5, within(1e-9));
            });
    t.driver.advanceWallClockTime(Duration.ofSeconds(5));
    assertThat(minutes()).isEmpty();
  }
}
