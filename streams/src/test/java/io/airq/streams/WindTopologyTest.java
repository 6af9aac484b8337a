package io.airq.streams;

import static io.airq.streams.SensorFixtures.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.closure.Closure;
import io.airq.core.closure.SensorSelection;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Weather through the topology: wind direction is averaged as a vector in minutes, hours, the
 * 24-hour window and area means (350° and 10° average to 0°, where an arithmetic mean says 180°);
 * rain and wind speed arithmetically; wind and rain stay out of closure impact.
 */
class WindTopologyTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static Sensor station(String id, Duration interval) {
    return Sensor.builder(id)
        .position(51.85, -8.49)
        .area("airport")
        .county("Cork")
        .reportingInterval(interval)
        .kind(SensorKind.WEATHER)
        .build();
  }

  private void wind(Sensor s, Instant at, double dir, double speed, double rain) {
    t.send(
        Reading.of(
            s.id(),
            at,
            at,
            s.gatewayId(),
            SourceFormat.AIRQ_JSON,
            Map.of(
                Quantity.WIND_DIR, dir,
                Quantity.WIND_SPEED, speed,
                Quantity.RAIN, rain,
                Quantity.TEMPERATURE, 12.0 + speed)));
  }

  private WindowAverage only(
      List<WindowAverage> all,
      Scope scope,
      AverageWindow w,
      Quantity q,
      String key,
      Instant start) {
    List<WindowAverage> found =
        of(all, scope, w, q).stream()
            .filter(a -> a.key().equals(key) && a.start().equals(start))
            .toList();
    assertThat(found).as(scope + " " + w + " " + q + " of " + key + " at " + start).isNotEmpty();
    return found.get(found.size() - 1);
  }

  /** The angle between two directions, in degrees (0 to 180). */
  private static double apart(double a, double b) {
    return Math.abs(((a - b) % 360 + 540) % 360 - 180);
  }

  @Test
  void windDirectionIsAveragedAsAVectorInMinutesHoursAndTheDay() {
    Sensor s = station("cork-wx", Duration.ofSeconds(30));
    t.register(s);
    wind(s, H10, 350, 4, 0.2);
    wind(s, H10.plusSeconds(30), 10, 6, 0.0);
    wind(s, H10.plusSeconds(60), 80, 2, 0.0);
    wind(s, H10.plusSeconds(90), 100, 8, 0.4);
    // the first reading of 11:00 closes hour 10
    wind(s, H10.plusSeconds(3600), 200, 1, 0.0);
    List<WindowAverage> all = t.averages.readValuesToList();

    WindowAverage minute0 =
        only(all, Scope.SENSOR, AverageWindow.MINUTE, Quantity.WIND_DIR, s.id(), H10);
    assertThat(apart(minute0.mean(), 0)).isLessThan(1e-9);
    assertThat(minute0.mean()).isGreaterThanOrEqualTo(0).isLessThan(360);
    assertThat(minute0.min()).isEqualTo(10);
    assertThat(minute0.max()).isEqualTo(350);
    WindowAverage minute1 =
        only(
            all,
            Scope.SENSOR,
            AverageWindow.MINUTE,
            Quantity.WIND_DIR,
            s.id(),
            H10.plusSeconds(60));
    assertThat(minute1.mean()).isCloseTo(90, within(1e-9));

    // 350, 10, 80, 100: the unit vectors sum along 45°; the arithmetic mean would be 135°
    WindowAverage hour =
        only(all, Scope.SENSOR, AverageWindow.HOUR, Quantity.WIND_DIR, s.id(), H10);
    assertThat(hour.mean()).isCloseTo(45, within(1e-9));
    assertThat(hour.rawMean()).isCloseTo(45, within(1e-9));
    assertThat(hour.count()).isEqualTo(4);
    WindowAverage speed =
        only(all, Scope.SENSOR, AverageWindow.HOUR, Quantity.WIND_SPEED, s.id(), H10);
    assertThat(speed.mean()).isCloseTo(5, within(1e-9));
    WindowAverage rain = only(all, Scope.SENSOR, AverageWindow.HOUR, Quantity.RAIN, s.id(), H10);
    assertThat(rain.mean()).isCloseTo(0.15, within(1e-9));
    assertThat(rain.count()).isEqualTo(4);

    // the 24 hours ending with hour 10 hold hour 10 alone
    WindowAverage day =
        only(
            all,
            Scope.SENSOR,
            AverageWindow.DAY_ROLLING,
            Quantity.WIND_DIR,
            s.id(),
            H10.minus(Duration.ofHours(23)));
    assertThat(day.mean()).isCloseTo(45, within(1e-9));
  }

  @Test
  void anAreasWindDirectionIsTheVectorMeanOfItsSensorsMeans() {
    Sensor a = station("wx-a", Duration.ofMinutes(20));
    Sensor b = station("wx-b", Duration.ofMinutes(20));
    t.register(a);
    t.register(b);
    double[] dirsA = {350, 10, 0};
    double[] dirsB = {300, 290, 310};
    for (int i = 0; i < 3; i++) {
      wind(a, H10.plus(Duration.ofMinutes(20L * i + 1)), dirsA[i], 3 + i, 0);
      wind(b, H10.plus(Duration.ofMinutes(20L * i + 2)), dirsB[i], 5 + i, 0);
    }
    List<WindowAverage> all = t.averages.readValuesToList();
    assertThat(
            apart(
                only(all, Scope.SENSOR, AverageWindow.HOUR, Quantity.WIND_DIR, "wx-a", H10).mean(),
                0))
        .isLessThan(1e-9);
    assertThat(only(all, Scope.SENSOR, AverageWindow.HOUR, Quantity.WIND_DIR, "wx-b", H10).mean())
        .isCloseTo(300, within(1e-9));
    // 0° and 300°: 330°, where the arithmetic mean of the means would be 150°
    WindowAverage area =
        only(all, Scope.AREA, AverageWindow.HOUR, Quantity.WIND_DIR, "airport", H10);
    assertThat(area.mean()).isCloseTo(330, within(1e-9));
    assertThat(area.count()).isEqualTo(6);
    WindowAverage areaSpeed =
        only(all, Scope.AREA, AverageWindow.HOUR, Quantity.WIND_SPEED, "airport", H10);
    assertThat(areaSpeed.mean()).isCloseTo((4 + 6) / 2.0, within(1e-9));
  }

  @Test
  void directionsThatCancelOutHaveNoMeanAndTheOtherQuantitiesKeepTheirs() {
    Sensor s = station("cork-wx", Duration.ofSeconds(30));
    t.register(s);
    wind(s, H10, 90, 3, 0);
    wind(s, H10.plusSeconds(30), 270, 5, 0);
    wind(s, H10.plusSeconds(60), 45, 5, 0);
    List<WindowAverage> all = t.averages.readValuesToList();
    // the minute's update with both readings: a wind speed of 4 m/s, no wind direction
    assertThat(only(all, Scope.SENSOR, AverageWindow.MINUTE, Quantity.WIND_SPEED, s.id(), H10))
        .extracting(WindowAverage::count, WindowAverage::mean)
        .containsExactly(2L, 4.0);
    assertThat(
            of(all, Scope.SENSOR, AverageWindow.MINUTE, Quantity.WIND_DIR).stream()
                .filter(m -> m.start().equals(H10) && m.count() == 2))
        .isEmpty();
  }

  @Test
  void windAndRainStayOutOfClosureImpactWhileTemperatureCounts() {
    Sensor s = station("cork-wx", Duration.ofMinutes(20));
    t.register(s);
    t.closures.pipeInput(
        "c1",
        Closure.builder("c1")
            .treated(SensorSelection.ofAreas("airport"))
            .period(
                LocalDateTime.parse("2026-03-01T12:00"), LocalDateTime.parse("2026-03-01T18:00"))
            .baseline(Duration.ofDays(1))
            .after(Duration.ofDays(1))
            .zone(ZoneId.of("UTC"))
            .build());
    for (int i = 0; i < 4; i++) {
      wind(s, H10.plus(Duration.ofMinutes(20L * i + 1)), 100 + i, 3 + i, 0.1 * i);
    }
    List<PhaseAggregate> impact = t.impact.readValuesToList();
    assertThat(impact).extracting(PhaseAggregate::quantity).contains(Quantity.TEMPERATURE);
    assertThat(impact)
        .extracting(PhaseAggregate::quantity)
        .doesNotContain(Quantity.WIND_DIR, Quantity.WIND_SPEED, Quantity.RAIN);
  }
}
