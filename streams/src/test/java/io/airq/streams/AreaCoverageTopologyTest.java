package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Area coverage from the registry: an area window expects every outdoor air sensor registered in
 * the area and in service in the window, so 1 of 10 sensors reporting is about 10 %; indoor sensors
 * stay out of area means; coverage never passes 100 %.
 */
class AreaCoverageTopologyTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant H11 = H10.plus(Duration.ofHours(1));
  private static final Duration EVERY = Duration.ofMinutes(20);

  private TopologyFixture t;

  @BeforeEach
  void setUp() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  private static Sensor sensor(
      String id, String area, boolean indoor, SensorKind kind, Instant installed, Instant retired) {
    return Sensor.builder(id)
        .position(-1.26, 36.80)
        .area(area)
        .county("Nairobi")
        .indoor(indoor)
        .reportingInterval(EVERY)
        .model("SDS011")
        .kind(kind)
        .installed(installed)
        .retired(retired)
        .build();
  }

  private static Sensor outdoor(String id, String area) {
    return sensor(id, area, false, SensorKind.AIR, null, null);
  }

  private WindowAverage lastAreaHour(List<WindowAverage> all, String area, Instant start) {
    return all.stream()
        .filter(
            a ->
                a.scope() == Scope.AREA
                    && a.key().equals(area)
                    && a.window() == AverageWindow.HOUR
                    && a.quantity() == Quantity.PM25
                    && a.start().equals(start))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no area hour of " + area + " at " + start));
  }

  @Test
  void oneOfTenRegisteredSensorsReportingGivesAboutTenPercentAndIndoorSensorsStayOut() {
    for (int i = 1; i <= 10; i++) {
      t.register(outdoor("wl-" + i, "westlands"));
    }
    // installed after the hour: not expected in it
    t.register(sensor("wl-new", "westlands", false, SensorKind.AIR, H11, null));
    // retired half way through the hour: expected for 30 minutes, one reading
    t.register(
        sensor(
            "wl-old", "westlands", false, SensorKind.AIR, null, H10.plus(Duration.ofMinutes(30))));
    // a silent weather station is not expected to measure the air
    t.register(sensor("wl-met", "westlands", false, SensorKind.WEATHER, null, null));
    Sensor indoor = sensor("wl-indoor", "westlands", true, SensorKind.AIR, null, null);
    t.register(indoor);
    Sensor one = outdoor("wl-1", "westlands");

    t.send(SensorFixtures.pm25(indoor, H10.plus(Duration.ofMinutes(5)), 500));
    t.send(SensorFixtures.pm25(one, H10.plus(Duration.ofMinutes(1)), 10));
    t.send(SensorFixtures.pm25(one, H10.plus(Duration.ofMinutes(21)), 12));
    t.send(SensorFixtures.pm25(one, H10.plus(Duration.ofMinutes(41)), 14));

    WindowAverage area = lastAreaHour(t.averages.readValuesToList(), "westlands", H10);
    assertThat(area.mean()).as("the indoor sensor's 500 stays out").isEqualTo(12);
    assertThat(area.count()).isEqualTo(3);
    // wl-1: 3; wl-2..wl-10 silent: 9 × 3; wl-old: 1; wl-new, wl-met, wl-indoor: 0
    assertThat(area.expectedCount()).isEqualTo(31);
    assertThat(area.coverage()).isCloseTo(100.0 * 3 / 31, within(1e-9));
    assertThat(area.indices()).as("below the coverage gate: no index").isEmpty();
  }

  @Test
  void aSensorThatSendsMoreOftenThanRegisteredStaysAtAHundredPercent() {
    Sensor solo = outdoor("solo-1", "solo");
    t.register(solo);
    for (int m = 0; m < 60; m += 10) {
      t.send(SensorFixtures.pm25(solo, H10.plus(Duration.ofMinutes(m + 1)), 10 + m % 20));
    }
    List<WindowAverage> all = t.averages.readValuesToList();
    WindowAverage hour =
        all.stream()
            .filter(
                a ->
                    a.scope() == Scope.SENSOR
                        && a.window() == AverageWindow.HOUR
                        && a.quantity() == Quantity.PM25
                        && a.start().equals(H10))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(hour.count()).isEqualTo(6);
    assertThat(hour.expectedCount()).isEqualTo(3);
    assertThat(hour.coverage()).isEqualTo(100.0);
    WindowAverage area = lastAreaHour(all, "solo", H10);
    assertThat(area.count()).isEqualTo(6);
    assertThat(area.coverage()).isEqualTo(100.0);
  }
}
