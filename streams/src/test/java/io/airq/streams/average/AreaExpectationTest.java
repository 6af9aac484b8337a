package io.airq.streams.average;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AreaExpectationTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);

  private static Sensor sensor(String id, Duration every, Instant installed, Instant retired) {
    return Sensor.builder(id)
        .position(0, 0)
        .area("a")
        .reportingInterval(every)
        .kind(SensorKind.AIR)
        .installed(installed)
        .retired(retired)
        .build();
  }

  private static SensorMean mean(Quantity q, long count, long expected) {
    return new SensorMean(q, count, expected, 10, 10, 10, 10, "none");
  }

  private static WindowAverage area(Quantity q, long count, long expected, List<IndexValue> idx) {
    return new WindowAverage(
        Scope.AREA,
        "a",
        "a",
        "",
        AverageWindow.HOUR,
        H10,
        H10.plus(HOUR),
        q,
        count,
        expected,
        100.0 * count / expected,
        10,
        10,
        10,
        10,
        "none",
        idx);
  }

  @Test
  void eachQuantityExpectsTheSensorsThatSentItAndEverySilentRegisteredSensor() {
    // s1 sent pm25 and humidity (valid), s2 only pm25 (invalid: 10 of 60); s3 and s4 sent nothing
    List<AreaInput> reporting =
        List.of(
            new AreaInput(
                "s1",
                "",
                AverageWindow.HOUR,
                H10.toEpochMilli(),
                List.of(mean(Quantity.PM25, 60, 60), mean(Quantity.HUMIDITY, 60, 60))),
            new AreaInput(
                "s2",
                "",
                AverageWindow.HOUR,
                H10.toEpochMilli(),
                List.of(mean(Quantity.PM25, 10, 60))));
    List<Sensor> registered =
        List.of(
            sensor("s1", Duration.ofMinutes(1), null, null),
            sensor("s2", Duration.ofMinutes(1), null, null),
            sensor("s3", Duration.ofMinutes(2), null, null), // 30
            sensor("s4", Duration.ofMinutes(1), H10.plus(Duration.ofMinutes(45)), null), // 15
            sensor("s5", Duration.ofMinutes(1), null, H10)); // retired before: 0
    List<WindowAverage> out =
        AreaExpectation.apply(
            List.of(
                area(Quantity.PM25, 60, 60, List.of()), area(Quantity.HUMIDITY, 60, 60, List.of())),
            reporting,
            registered,
            H10,
            HOUR,
            75);
    assertThat(out.get(0).expectedCount()).isEqualTo(60 + 60 + 30 + 15);
    assertThat(out.get(0).coverage()).isEqualTo(100.0 * 60 / 165);
    assertThat(out.get(1).expectedCount())
        .as("s2 does not measure humidity")
        .isEqualTo(60 + 30 + 15);
  }

  @Test
  void anAreaWithoutSilentSensorsKeepsItsCoverageAndItsIndices() {
    IndexValue aqi =
        new IndexValue("aqi_us", "us-epa-2024", 50, "Good", Quantity.PM25, IndexValue.ROLLING_24H);
    WindowAverage a = area(Quantity.PM25, 60, 60, List.of(aqi));
    List<AreaInput> reporting =
        List.of(
            new AreaInput(
                "s1",
                "",
                AverageWindow.HOUR,
                H10.toEpochMilli(),
                List.of(mean(Quantity.PM25, 60, 60))));
    List<WindowAverage> out =
        AreaExpectation.apply(
            List.of(a),
            reporting,
            List.of(sensor("s1", Duration.ofMinutes(1), null, null)),
            H10,
            HOUR,
            75);
    assertThat(out).containsExactly(a);
    assertThat(
            AreaExpectation.apply(
                    List.of(a),
                    reporting,
                    List.of(
                        sensor("s1", Duration.ofMinutes(1), null, null),
                        sensor("s9", Duration.ofMinutes(1), null, null)),
                    H10,
                    HOUR,
                    75)
                .get(0)
                .indices())
        .as("50 % coverage: below the gate, no index")
        .isEmpty();
  }
}
