package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.closure.SensorSelection;
import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.CalibrationHistory;
import io.airq.core.registry.LinearCalibration;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.RecordHeaders;
import io.airq.streams.average.SensorWindowsProcessor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirqTopologyTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Sensor CBD =
      Sensor.builder("nbo-cbd-01")
          .position(-1.28, 36.82)
          .gatewayId("gw-1")
          .area("cbd")
          .street("Moi Avenue")
          .county("Nairobi")
          .reportingInterval(Duration.ofMinutes(20))
          .model("SDS011")
          .build();
  private static final Sensor WESTLANDS =
      Sensor.builder("nbo-wl-01")
          .position(-1.26, 36.80)
          .gatewayId("gw-2")
          .area("westlands")
          .county("Nairobi")
          .reportingInterval(Duration.ofMinutes(20))
          .model("SDS011")
          .build();

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
    t.register(CBD);
    t.register(WESTLANDS);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static Reading pm25(Sensor s, Instant time, double v) {
    return Reading.of(
        s.id(), time, time, s.gatewayId(), SourceFormat.AIRQ_JSON, Map.of(Quantity.PM25, v));
  }

  private static Optional<WindowAverage> last(
      List<WindowAverage> all,
      Scope scope,
      String key,
      AverageWindow w,
      Instant start,
      Quantity q) {
    WindowAverage found = null;
    for (WindowAverage a : all) {
      if (a.scope() == scope
          && a.key().equals(key)
          && a.window() == w
          && a.start().equals(start)
          && a.quantity() == q) {
        found = a;
      }
    }
    return Optional.ofNullable(found);
  }

  @Test
  void aRedeliveredReadingIsCountedOnce() {
    t.send(pm25(CBD, H10.plusSeconds(60), 10));
    t.send(pm25(CBD, H10.plusSeconds(60), 10));
    t.send(pm25(CBD, H10.plusSeconds(1260), 20));
    assertThat(t.clean.readValuesToList()).hasSize(2);
    WindowAverage hour =
        last(
                t.averages.readValuesToList(),
                Scope.SENSOR,
                CBD.id(),
                AverageWindow.HOUR,
                H10,
                Quantity.PM25)
            .orElseThrow();
    assertThat(hour.count()).isEqualTo(2);
    assertThat(hour.expectedCount()).isEqualTo(3);
    assertThat(hour.coverage()).isCloseTo(200.0 / 3, within(1e-9));
    assertThat(hour.mean()).isCloseTo(15, within(1e-9));
    assertThat(hour.min()).isEqualTo(10);
    assertThat(hour.max()).isEqualTo(20);
  }

  @Test
  void aReadingOfAnUnknownSensorIsQuarantinedWithItsReason() {
    Reading r = pm25(CBD, H10, 10);
    Reading stranger =
        new Reading("nobody", H10, H10, "gw", SourceFormat.AIRQ_JSON, r.values(), null, null);
    t.readings.pipeInput("nobody", stranger, H10);
    TestRecord<String, Reading> q = t.quarantine.readRecord();
    assertThat(q.key()).isEqualTo("nobody");
    assertThat(q.value().sensorId()).isEqualTo("nobody");
    assertThat(
            new String(
                q.headers().lastHeader(RecordHeaders.REASON_CODE).value(), StandardCharsets.UTF_8))
        .isEqualTo("unknown-sensor");
    assertThat(t.clean.isEmpty()).isTrue();
    assertThat(t.averages.isEmpty()).isTrue();
    assertThat(t.setApart("quarantined")).isEqualTo(1);
  }

  @Test
  void outOfOrderReadingsLandInTheirOwnWindows() {
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(70)), 30));
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(5)), 10));
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(75)), 50));
    List<WindowAverage> all = t.averages.readValuesToList();
    assertThat(
            last(all, Scope.SENSOR, CBD.id(), AverageWindow.HOUR, H10, Quantity.PM25)
                .orElseThrow()
                .mean())
        .isEqualTo(10);
    WindowAverage h11 =
        last(all, Scope.SENSOR, CBD.id(), AverageWindow.HOUR, H10.plusSeconds(3600), Quantity.PM25)
            .orElseThrow();
    assertThat(h11.mean()).isEqualTo(40);
    assertThat(h11.count()).isEqualTo(2);
  }

  @Test
  void aLateReadingWithinGraceUpdatesTheHourlyAverage() {
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(5)), 10));
    // the gateway comes back after a day offline: stream time moves 25 h on
    t.send(pm25(CBD, H10.plus(Duration.ofHours(25)), 99));
    t.averages.readValuesToList();
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(25)), 20));
    assertThat(t.late.isEmpty()).isTrue();
    assertThat(t.setApart("late")).isZero();
    WindowAverage updated =
        last(
                t.averages.readValuesToList(),
                Scope.SENSOR,
                CBD.id(),
                AverageWindow.HOUR,
                H10,
                Quantity.PM25)
            .orElseThrow();
    assertThat(updated.count()).isEqualTo(2);
    assertThat(updated.mean()).isEqualTo(15);
  }

  @Test
  void aReadingLaterThanGraceIsRoutedToTheLateTopicAndLeavesTheAverageAlone() {
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(5)), 10));
    t.send(pm25(CBD, H10.plus(Duration.ofHours(27)), 99));
    t.averages.readValuesToList();
    t.clean.readValuesToList();
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(25)), 20));
    List<CleanReading> late = t.late.readValuesToList();
    assertThat(late).hasSize(1);
    assertThat(late.get(0).time()).isEqualTo(H10.plus(Duration.ofMinutes(25)));
    assertThat(t.setApart("late")).isEqualTo(1);
    assertThat(t.clean.readValuesToList()).hasSize(1);
    assertThat(
            last(
                t.averages.readValuesToList(),
                Scope.SENSOR,
                CBD.id(),
                AverageWindow.HOUR,
                H10,
                Quantity.PM25))
        .isEmpty();
  }

  @Test
  void anotherSensorAheadOnThePartitionDoesNotMakeASensorLate() {
    // a replay: Westlands' readings reach the partition 30 h of measurement time ahead of CBD's
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(5)), 10));
    t.send(pm25(WESTLANDS, H10.plus(Duration.ofHours(30)), 99));
    t.averages.readValuesToList();
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(25)), 20));
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(70)), 30));
    assertThat(t.late.isEmpty()).isTrue();
    List<WindowAverage> all = t.averages.readValuesToList();
    WindowAverage h10 =
        last(all, Scope.SENSOR, CBD.id(), AverageWindow.HOUR, H10, Quantity.PM25).orElseThrow();
    assertThat(h10.count()).isEqualTo(2);
    assertThat(h10.mean()).isEqualTo(15);
    assertThat(
            last(
                all,
                Scope.SENSOR,
                CBD.id(),
                AverageWindow.HOUR,
                H10.plusSeconds(3600),
                Quantity.PM25))
        .hasValueSatisfying(a -> assertThat(a.mean()).isEqualTo(30));
    assertThat(all)
        .anyMatch(a -> a.window() == AverageWindow.DAY_ROLLING && a.key().equals(CBD.id()));
  }

  @Test
  void aReadingOlderThanTheHourStoreKeepsIsLateWhateverItsSensorsClock() {
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(5)), 10));
    Duration retention =
        SensorWindowsProcessor.hourRetention(StreamsSettings.defaults("p").grace());
    t.send(pm25(WESTLANDS, H10.plus(retention), 99));
    t.averages.readValuesToList();
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(25)), 20));
    assertThat(t.late.readValuesToList())
        .extracting(CleanReading::time)
        .containsExactly(H10.plus(Duration.ofMinutes(25)));
    assertThat(
            last(
                t.averages.readValuesToList(),
                Scope.SENSOR,
                CBD.id(),
                AverageWindow.HOUR,
                H10,
                Quantity.PM25))
        .isEmpty();
  }

  @Test
  void aFlaggedValueIsKeptInCleanReadingsButLeftOutOfAverages() {
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(5)), 10));
    t.send(pm25(CBD, H10.plus(Duration.ofMinutes(25)), -3));
    List<CleanReading> clean = t.clean.readValuesToList();
    assertThat(clean.get(1).flags()).extracting(f -> f.rule()).containsExactly(QaRule.NEGATIVE);
    assertThat(clean.get(1).values().get(Quantity.PM25).raw()).isEqualTo(-3);
    WindowAverage hour =
        last(
                t.averages.readValuesToList(),
                Scope.SENSOR,
                CBD.id(),
                AverageWindow.HOUR,
                H10,
                Quantity.PM25)
            .orElseThrow();
    assertThat(hour.count()).isEqualTo(1);
    assertThat(hour.mean()).isEqualTo(10);
  }

  @Test
  void plantowerPm25WithHumidityGetsTheEpaCorrectionAndCalibratedQuantitiesTheirOwn() {
    Sensor pms =
        Sensor.builder("nbo-pa-01")
            .position(-1.28, 36.82)
            .area("cbd")
            .county("Nairobi")
            .reportingInterval(Duration.ofMinutes(2))
            .model("PurpleAir PA-II")
            .calibration(
                Map.of(
                    Quantity.PM10,
                    CalibrationHistory.of(new LinearCalibration(0.8, 1.0, "cal-2026-01"))))
            .build();
    t.register(pms);
    Reading r =
        Reading.of(
            pms.id(),
            H10,
            H10,
            null,
            SourceFormat.PURPLEAIR,
            Map.of(Quantity.PM25, 40.0, Quantity.PM10, 50.0, Quantity.HUMIDITY, 50.0));
    t.send(r);
    CleanReading c = t.clean.readValue();
    CorrectedValue pm = c.values().get(Quantity.PM25);
    assertThat(pm.raw()).isEqualTo(40);
    assertThat(pm.value()).isCloseTo(27.64, within(1e-9));
    assertThat(pm.correction()).isEqualTo(EpaPurpleAirCorrection.ID);
    assertThat(c.values().get(Quantity.PM10)).isEqualTo(new CorrectedValue(50, 41, "cal-2026-01"));
    assertThat(c.values().get(Quantity.HUMIDITY).correction()).isEqualTo(CorrectedValue.NONE);
    WindowAverage hour =
        last(
                t.averages.readValuesToList(),
                Scope.SENSOR,
                pms.id(),
                AverageWindow.HOUR,
                H10,
                Quantity.PM25)
            .orElseThrow();
    assertThat(hour.rawMean()).isEqualTo(40);
    assertThat(hour.mean()).isCloseTo(27.64, within(1e-9));
    assertThat(hour.correction()).isEqualTo(EpaPurpleAirCorrection.ID);
    // one reading of the 30 expected in an hour: below the coverage gate, so no NowCast
    assertThat(hour.indices()).isEmpty();
  }

  @Test
  void anAreaMeanIsTheMeanOfItsSensorsMeans() {
    Sensor cbd2 =
        Sensor.builder("nbo-cbd-02")
            .position(-1.28, 36.82)
            .area("cbd")
            .county("Nairobi")
            .reportingInterval(Duration.ofMinutes(20))
            .model("SDS011")
            .build();
    t.register(cbd2);
    for (int i = 0; i < 3; i++) {
      t.send(pm25(CBD, H10.plus(Duration.ofMinutes(20 * i + 1)), 10 + i));
    }
    for (int i = 0; i < 3; i++) {
      t.send(pm25(cbd2, H10.plus(Duration.ofMinutes(20 * i + 2)), 40));
    }
    WindowAverage area =
        last(
                t.averages.readValuesToList(),
                Scope.AREA,
                "cbd",
                AverageWindow.HOUR,
                H10,
                Quantity.PM25)
            .orElseThrow();
    assertThat(area.mean()).isCloseTo((11 + 40) / 2.0, within(1e-9));
    assertThat(area.count()).isEqualTo(6);
    assertThat(area.expectedCount()).isEqualTo(6);
  }

  @Test
  void aSensorFallingBelowTheCoverageGateLeavesItsAreasMeanAndItsMaxWithIt() {
    Sensor cbd2 = cbdSensor("nbo-cbd-02", Duration.ofMinutes(20));
    t.register(cbd2);
    for (int i = 0; i < 3; i++) {
      t.send(pm25(CBD, H10.plus(Duration.ofMinutes(20 * i + 1)), 10 + i));
      t.send(pm25(cbd2, H10.plus(Duration.ofMinutes(20 * i + 2)), 40));
    }
    // re-registered at a 1-minute interval: 4 readings of 60 expected is below the gate
    t.register(cbdSensor("nbo-cbd-02", Duration.ofMinutes(1)));
    t.send(pm25(cbd2, H10.plus(Duration.ofMinutes(50)), 40));
    WindowAverage area =
        last(
                t.averages.readValuesToList(),
                Scope.AREA,
                "cbd",
                AverageWindow.HOUR,
                H10,
                Quantity.PM25)
            .orElseThrow();
    assertThat(area.mean()).isEqualTo(11);
    assertThat(area.max()).isEqualTo(12);
    assertThat(area.count()).isEqualTo(3);
  }

  private static Sensor cbdSensor(String id, Duration interval) {
    return Sensor.builder(id)
        .position(-1.28, 36.82)
        .area("cbd")
        .county("Nairobi")
        .reportingInterval(interval)
        .model("SDS011")
        .build();
  }

  @Test
  void closurePhasesFollowTheClosuresTimeZoneAndLateDataReplacesAnHour() {
    // Nairobi, Friday 26 March 2021: curfew from 20:00 EAT = 17:00Z
    Closure c =
        Closure.builder("nbo-curfew")
            .name("curfew")
            .treated(SensorSelection.ofAreas("cbd"))
            .control(SensorSelection.ofSensors(WESTLANDS.id()))
            .period(
                LocalDateTime.parse("2021-03-26T20:00"), LocalDateTime.parse("2021-03-27T05:00"))
            .baseline(Duration.ofHours(2))
            .after(Duration.ofHours(2))
            .zone(ZoneId.of("Africa/Nairobi"))
            .build();
    t.closures.pipeInput(c.id(), c);
    Instant h16 = Instant.parse("2021-03-26T16:00:00Z");
    Instant h17 = Instant.parse("2021-03-26T17:00:00Z");
    Instant h21 = Instant.parse("2021-03-26T21:00:00Z");
    for (int i = 0; i < 3; i++) {
      t.send(pm25(CBD, h16.plus(Duration.ofMinutes(20 * i + 1)), 30));
    }
    for (int i = 0; i < 3; i++) {
      t.send(pm25(CBD, h17.plus(Duration.ofMinutes(20 * i + 1)), 12));
    }
    t.send(pm25(CBD, h21.plus(Duration.ofMinutes(1)), 8));
    t.send(pm25(WESTLANDS, h17.plus(Duration.ofMinutes(1)), 5));

    Map<String, PhaseAggregate> latest = new java.util.HashMap<>();
    t.impact.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    PhaseAggregate before = latest.get("nbo-curfew/treated/before/pm25");
    assertThat(before.phase()).isEqualTo(Phase.BEFORE);
    assertThat(before.total().count()).isEqualTo(1);
    assertThat(before.total().sum()).isEqualTo(30);
    PhaseAggregate during = latest.get("nbo-curfew/treated/during/pm25");
    assertThat(during.group()).isEqualTo(Group.TREATED);
    // 17:00Z is local 20:00 on the 26th; 21:00Z is local midnight, so the 27th
    assertThat(during.days().get(LocalDate.parse("2021-03-26")).sum()).isCloseTo(12, within(1e-9));
    assertThat(during.days().get(LocalDate.parse("2021-03-26")).count()).isEqualTo(1);
    assertThat(during.days()).doesNotContainKey(LocalDate.parse("2021-03-27"));
    assertThat(during.invalidHours()).isEqualTo(1);
    PhaseAggregate control = latest.get("nbo-curfew/control/during/pm25");
    assertThat(control.invalidHours()).isEqualTo(1);
    assertThat(control.total().count()).isZero();

    // a late reading (within grace) re-emits the 17:00Z hour: it must replace, not add
    t.send(pm25(CBD, h17.plus(Duration.ofMinutes(50)), 24));
    t.impact.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    PhaseAggregate replaced = latest.get("nbo-curfew/treated/during/pm25");
    assertThat(replaced.total().count()).isEqualTo(1);
    assertThat(replaced.total().sum()).isCloseTo((12 * 3 + 24) / 4.0, within(1e-9));
  }
}
