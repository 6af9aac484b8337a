package io.airq.streams;

import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WHO 2021 alerts on the averaging times WHO defines: PM on complete 24-hour means only, NO2 on 24
 * hours and 1 hour; raised once per window, naming the level exceeded; cleared by late data.
 */
class WhoAlertTopologyTest {
  private static final Instant D0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant D1 = D0.plus(Duration.ofDays(1));

  /** Reports once an hour: 24 readings fill a 24-hour window. */
  private static final Sensor HOURLY = SensorFixtures.cbd("nbo-cbd-01", Duration.ofHours(1));

  /** Reports every 20 minutes. */
  private static final Sensor CBD = SensorFixtures.cbd("nbo-cbd-02");

  private TopologyFixture t;

  @BeforeEach
  void start() {
    t = new TopologyFixture(StreamsSettings.defaults(""));
    t.register(HOURLY);
    t.register(CBD);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private static Reading no2(Sensor s, Instant time, double v) {
    return Reading.of(
        s.id(), time, time, s.gatewayId(), SourceFormat.AIRQ_JSON, Map.of(Quantity.NO2, v));
  }

  /** One PM2.5 reading at half past each hour of D0, alternating mean ± 0.5 (never stuck). */
  private void pm25Day(double mean) {
    for (int h = 0; h < 24; h++) {
      t.send(
          pm25(HOURLY, D0.plus(Duration.ofMinutes(60L * h + 30)), mean + (h % 2 == 0 ? -.5 : .5)));
    }
  }

  /** The sensor's alerts of the rolling 24 hours that start with D0. */
  private List<Alert> sensorDayAlerts(List<Alert> all) {
    return sensorAlerts(all, AverageWindow.DAY_ROLLING);
  }

  private List<Alert> sensorAlerts(List<Alert> all, AverageWindow w) {
    return all.stream()
        .filter(a -> a.scope() == Scope.SENSOR && a.start().equals(D0) && a.window() == w)
        .toList();
  }

  @Test
  void anHourlyPmMeanFarAboveThe24HourGuidelineRaisesNoAlert() {
    Instant h10 = D0.plus(Duration.ofHours(10));
    for (int i = 0; i < 3; i++) {
      t.send(pm25(CBD, h10.plus(Duration.ofMinutes(20 * i + 1)), 300 + i));
    }
    t.send(pm25(CBD, h10.plus(Duration.ofMinutes(61)), 300));
    assertThat(t.alerts.readValuesToList()).isEmpty();
  }

  @Test
  void aComplete24HourPm25MeanRaisesOnceNamingTheHighestLevelExceeded() {
    pm25Day(40);
    assertThat(sensorDayAlerts(t.alerts.readValuesToList()))
        .as("the day's window is not complete yet")
        .isEmpty();
    t.send(pm25(HOURLY, D1.plus(Duration.ofMinutes(30)), 40.5));
    List<Alert> all = t.alerts.readValuesToList();
    List<Alert> day = sensorDayAlerts(all);
    assertThat(day).hasSize(1);
    Alert a = day.get(0);
    assertThat(a.window()).isEqualTo(AverageWindow.DAY_ROLLING);
    assertThat(a.averaging()).isEqualTo("24h-rolling");
    assertThat(a.mean()).isEqualTo(40);
    assertThat(a.level()).isEqualTo("interim-target-3");
    assertThat(a.threshold()).isEqualTo(37.5);
    assertThat(a.guideline()).isEqualTo("who-2021");
    assertThat(a.status()).isEqualTo(Alert.RAISED);
    assertThat(all)
        .allMatch(x -> x.window() == AverageWindow.DAY_ROLLING || x.window() == AverageWindow.DAY);
    assertThat(all)
        .as("not the area's: its other registered sensor, nbo-cbd-02, sent nothing (50 % coverage)")
        .noneMatch(x -> x.scope() == Scope.AREA);
    // D0 is also a calendar day (UTC by default): its own alert, labelled as such
    assertThat(sensorAlerts(all, AverageWindow.DAY))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.averaging()).isEqualTo("calendar-day");
              assertThat(c.end()).isEqualTo(D1);
              assertThat(c.level()).isEqualTo("interim-target-3");
            });
    // a late reading that keeps the window above the level raises nothing again
    t.send(pm25(HOURLY, D0.plus(Duration.ofMinutes(60 * 5 + 45)), 41));
    List<Alert> again = t.alerts.readValuesToList();
    assertThat(sensorDayAlerts(again)).isEmpty();
    assertThat(sensorAlerts(again, AverageWindow.DAY)).isEmpty();
  }

  @Test
  void lateReadingsThatBringAnAlertedWindowUnderTheGuidelineClearIt() {
    pm25Day(16);
    t.send(pm25(HOURLY, D1.plus(Duration.ofMinutes(30)), 16.5));
    assertThat(sensorDayAlerts(t.alerts.readValuesToList()))
        .extracting(Alert::status, Alert::level, Alert::threshold)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.RAISED, "guideline", 15.0));
    // 384 / 25 = 15.36: still above
    t.send(pm25(HOURLY, D0.plus(Duration.ofMinutes(60 * 12 + 45)), 0));
    assertThat(sensorDayAlerts(t.alerts.readValuesToList())).isEmpty();
    // 384 / 26 = 14.77: back under the guideline level
    t.send(pm25(HOURLY, D0.plus(Duration.ofMinutes(60 * 13 + 45)), 0));
    List<Alert> cleared = sensorDayAlerts(t.alerts.readValuesToList());
    assertThat(cleared)
        .extracting(Alert::status, Alert::level, Alert::threshold)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Alert.CLEARED, "guideline", 15.0));
    assertThat(cleared.get(0).mean()).isEqualTo(384.0 / 26);
  }

  @Test
  void anNo2HourAbove200AlertsOnceTheHourIsComplete() {
    Instant h10 = D0.plus(Duration.ofHours(10));
    for (int i = 0; i < 3; i++) {
      t.send(no2(CBD, h10.plus(Duration.ofMinutes(20 * i + 1)), 210 + 10 * i));
    }
    assertThat(t.alerts.readValuesToList()).as("the hour is still open").isEmpty();
    t.send(no2(CBD, h10.plus(Duration.ofMinutes(61)), 20));
    List<Alert> alerts = t.alerts.readValuesToList();
    assertThat(alerts)
        .extracting(
            Alert::scope, Alert::window, Alert::start, Alert::mean, Alert::level, Alert::averaging)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                Scope.SENSOR, AverageWindow.HOUR, h10, 220.0, "guideline", "1h"),
            org.assertj.core.groups.Tuple.tuple(
                Scope.AREA, AverageWindow.HOUR, h10, 220.0, "guideline", "1h"));
    assertThat(alerts).allMatch(a -> a.threshold() == 200);
  }
}
