package io.airq.streams;

import static io.airq.streams.SensorFixtures.cbd;
import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Readings of a sensor that was not registered yet are fed back once it is, exactly once. */
class QuarantineReleaseTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration CHECK = QuarantineRelease.CHECK_INTERVAL;

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void aReadingQuarantinedBeforeRegistrationIsReleasedOnceItsSensorIsRegistered() {
    Sensor s = cbd("esp8266-11639153");
    t.send(pm25(s, H10, 12.0));
    t.send(pm25(s, H10.plusSeconds(145), 14.0));
    assertThat(t.quarantine.readValuesToList()).hasSize(2);
    t.driver.advanceWallClockTime(CHECK.multipliedBy(3));
    assertThat(t.clean.isEmpty()).as("nothing released while the sensor is unknown").isTrue();

    t.register(s);
    t.driver.advanceWallClockTime(CHECK);
    List<TestRecord<String, CleanReading>> released = t.clean.readRecordsToList();
    assertThat(released).hasSize(2);
    assertThat(released.get(0).key()).isEqualTo(s.id());
    assertThat(released.get(0).getRecordTime()).isEqualTo(H10);
    assertThat(released.get(0).value().values().get(Quantity.PM25).raw()).isEqualTo(12.0);
    assertThat(released.get(1).getRecordTime()).isEqualTo(H10.plusSeconds(145));

    t.driver.advanceWallClockTime(CHECK.multipliedBy(5));
    t.send(pm25(s, H10.plusSeconds(290), 16.0));
    assertThat(t.clean.readValuesToList())
        .as("released once; the next reading goes the usual way")
        .singleElement()
        .satisfies(c -> assertThat(c.values().get(Quantity.PM25).raw()).isEqualTo(16.0));
    assertThat(t.quarantine.isEmpty()).isTrue();
  }

  @Test
  void aReadingHeldLongerThanTheHorizonIsNotReleased() {
    t.close();
    t =
        new TopologyFixture(
            new StreamsSettings("", null, null, 75.0, null, null, Duration.ofHours(2)));
    Sensor old = cbd("old");
    Sensor recent = cbd("recent");
    t.send(pm25(old, H10, 30.0));
    t.driver.advanceWallClockTime(Duration.ofHours(1));
    t.send(pm25(recent, H10.plusSeconds(3600), 20.0));
    t.driver.advanceWallClockTime(Duration.ofMinutes(61));
    t.register(old);
    t.register(recent);
    t.driver.advanceWallClockTime(CHECK);
    assertThat(t.clean.readValuesToList())
        .singleElement()
        .satisfies(c -> assertThat(c.sensorId()).isEqualTo("recent"));
  }

  @Test
  void theHeldReadingsSurviveARestartOfTheTask() {
    Sensor s = cbd("s-restart");
    t.send(pm25(s, H10, 9.0));
    // the hold store is a persistent, changelogged store: nothing is kept only in memory
    assertThat(t.driver.getKeyValueStore(QuarantineRelease.STORE).approximateNumEntries())
        .isEqualTo(1);
    t.register(s);
    t.driver.advanceWallClockTime(CHECK);
    assertThat(t.clean.readValuesToList()).hasSize(1);
    assertThat(t.driver.getKeyValueStore(QuarantineRelease.STORE).approximateNumEntries()).isZero();
  }
}
