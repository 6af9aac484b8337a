package io.airq.streams;

import static io.airq.streams.SensorFixtures.pm25;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An alert fires once per (subject, window, quantity, window start), when it first crosses. */
class AlertOnceTopologyTest {
  private static final Instant H10 = Instant.parse("2026-03-01T10:00:00Z");
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

  private void send(Instant hour, int minute, double v) {
    t.send(pm25(CBD, hour.plus(Duration.ofMinutes(minute)), v));
  }

  @Test
  void anHourAboveTheGuidelineAlertsOnceForTheSensorAndOnceForTheArea() {
    send(H10, 1, 30);
    send(H10, 21, 30);
    assertThat(t.alerts.isEmpty()).as("coverage below the gate: not valid yet").isTrue();
    send(H10, 41, 30);
    send(H10, 50, 40);
    send(H10, 55, 10);
    List<Alert> alerts = t.alerts.readValuesToList();
    assertThat(alerts)
        .extracting(Alert::scope, Alert::key, Alert::window, Alert::start, Alert::mean)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Scope.SENSOR, CBD.id(), AverageWindow.HOUR, H10, 30.0),
            org.assertj.core.groups.Tuple.tuple(Scope.AREA, "cbd", AverageWindow.HOUR, H10, 30.0));
  }

  @Test
  void aLateUpdateOfAnAlertedWindowDoesNotAlertAgainButTheNextHourDoes() {
    Instant h11 = H10.plus(Duration.ofHours(1));
    send(H10, 1, 30);
    send(H10, 21, 30);
    send(H10, 41, 30);
    assertThat(t.alerts.readValuesToList()).hasSize(2);
    send(h11, 1, 50);
    send(h11, 21, 50);
    send(H10, 45, 90);
    assertThat(t.alerts.isEmpty()).isTrue();
    send(h11, 41, 50);
    assertThat(t.alerts.readValuesToList())
        .extracting(Alert::scope, Alert::start)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Scope.SENSOR, h11),
            org.assertj.core.groups.Tuple.tuple(Scope.AREA, h11));
  }
}
