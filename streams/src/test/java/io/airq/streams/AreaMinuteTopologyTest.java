package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The 1-minute area windows: fed by the sensors' emitted minutes, their coverage counts the sensors
 * registered in the area (1 of 2 reporting is 50 %), and they carry no index values.
 */
class AreaMinuteTopologyTest {
  private static final Instant M0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration EVERY = Duration.ofMinutes(1);

  private TopologyFixture t;

  @BeforeEach
  void setUp() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private static List<WindowAverage> areaMinutes(List<WindowAverage> all, Instant start) {
    return SensorFixtures.of(all, Scope.AREA, AverageWindow.MINUTE, Quantity.PM25).stream()
        .filter(a -> a.key().equals("cbd") && a.start().equals(start))
        .toList();
  }

  @Test
  void anAreaMinuteAveragesItsSensorsMinutesAndExpectsEveryRegisteredSensor() {
    Sensor a = SensorFixtures.cbd("cbd-a", EVERY);
    Sensor b = SensorFixtures.cbd("cbd-b", EVERY);
    t.register(a);
    t.register(b);

    t.send(SensorFixtures.pm25(a, M0.plusSeconds(10), 10));
    List<WindowAverage> first = areaMinutes(t.averages.readValuesToList(), M0);
    assertThat(first).as("one area minute, emitted once").hasSize(1);
    WindowAverage half = first.get(0);
    assertThat(half.mean()).isEqualTo(10);
    assertThat(half.count()).isEqualTo(1);
    assertThat(half.expectedCount()).as("cbd-b is registered and silent").isEqualTo(2);
    assertThat(half.coverage()).isEqualTo(50.0);
    assertThat(half.end()).isEqualTo(M0.plus(EVERY));
    assertThat(half.indices()).as("no indices on 1-minute windows").isEmpty();

    t.send(SensorFixtures.pm25(b, M0.plusSeconds(30), 20));
    List<WindowAverage> second = areaMinutes(t.averages.readValuesToList(), M0);
    assertThat(second).hasSize(1);
    WindowAverage full = second.get(0);
    assertThat(full.mean()).isEqualTo(15);
    assertThat(full.count()).isEqualTo(2);
    assertThat(full.expectedCount()).isEqualTo(2);
    assertThat(full.coverage()).isEqualTo(100.0);
    assertThat(full.min()).isEqualTo(10);
    assertThat(full.max()).isEqualTo(20);

    // the next minute is its own window: cbd-a alone again
    t.send(SensorFixtures.pm25(a, M0.plusSeconds(70), 30));
    List<WindowAverage> next = areaMinutes(t.averages.readValuesToList(), M0.plus(EVERY));
    assertThat(next).hasSize(1);
    assertThat(next.get(0).mean()).isEqualTo(30);
    assertThat(next.get(0).coverage()).isEqualTo(50.0);
  }
}
