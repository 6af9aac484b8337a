package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.CalibrationHistory;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each reading is corrected by the calibration version that applied at its measurement time. */
class CalibrationVersionsTopologyTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final LinearCalibration V1 =
      new LinearCalibration(2.0, 0.0, "colocation-2026-01", Instant.parse("2026-01-15T00:00:00Z"));
  private static final LinearCalibration V2 =
      new LinearCalibration(0.5, 1.0, "colocation-2026-03", H10.plus(Duration.ofMinutes(30)));

  private TopologyFixture t;
  private Sensor sensor;

  @BeforeEach
  void setUp() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
    Sensor plain = SensorFixtures.cbd("abd-15092");
    sensor =
        Sensor.builder(plain.id())
            .position(plain.lat(), plain.lon())
            .area(plain.area())
            .street(plain.street())
            .county(plain.county())
            .reportingInterval(plain.reportingInterval())
            .model("SDS011")
            .calibration(Map.of(Quantity.PM25, CalibrationHistory.of(V2, V1)))
            .build();
    t.register(sensor);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void eachReadingGetsTheVersionThatAppliedAtItsMeasurementTimeWhateverTheArrivalOrder() {
    Instant beforeAny = Instant.parse("2026-01-10T12:00:00Z");
    Instant underV1 = H10.plus(Duration.ofMinutes(10));
    Instant atV2 = V2.from();
    Instant underV2 = H10.plus(Duration.ofMinutes(50));
    // the newer reading first: the choice follows the measurement time, not the arrival
    t.send(SensorFixtures.pm25(sensor, underV2, 20));
    t.send(SensorFixtures.pm25(sensor, underV1, 20));
    t.send(SensorFixtures.pm25(sensor, atV2, 20));
    t.send(SensorFixtures.pm25(sensor, beforeAny, 20));

    List<CleanReading> clean = t.clean.readValuesToList();
    assertThat(clean).hasSize(4);
    assertThat(pm25(clean, underV2)).isEqualTo(new CorrectedValue(20, 11, "colocation-2026-03"));
    assertThat(pm25(clean, underV1)).isEqualTo(new CorrectedValue(20, 40, "colocation-2026-01"));
    assertThat(pm25(clean, atV2)).isEqualTo(new CorrectedValue(20, 11, "colocation-2026-03"));
    assertThat(pm25(clean, beforeAny)).isEqualTo(CorrectedValue.uncorrected(20));
  }

  @Test
  void anHourThatSpansTwoVersionsAveragesEachReadingByItsOwnAndNamesBoth() {
    t.send(SensorFixtures.pm25(sensor, H10.plus(Duration.ofMinutes(10)), 20));
    t.send(SensorFixtures.pm25(sensor, H10.plus(Duration.ofMinutes(50)), 20));
    t.send(SensorFixtures.pm25(sensor, H10.plus(Duration.ofMinutes(70)), 20));

    WindowAverage hour =
        t.averages.readValuesToList().stream()
            .filter(
                a ->
                    a.scope() == Scope.SENSOR
                        && a.window() == AverageWindow.HOUR
                        && a.quantity() == Quantity.PM25
                        && a.start().equals(H10))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(hour.rawMean()).isEqualTo(20);
    assertThat(hour.mean()).isEqualTo((40 + 11) / 2.0);
    assertThat(hour.correction()).contains("colocation-2026-01").contains("colocation-2026-03");
  }

  private static CorrectedValue pm25(List<CleanReading> clean, Instant time) {
    return clean.stream()
        .filter(c -> c.time().equals(time))
        .findFirst()
        .orElseThrow()
        .values()
        .get(Quantity.PM25);
  }
}
