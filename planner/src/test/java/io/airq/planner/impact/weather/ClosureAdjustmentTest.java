package io.airq.planner.impact.weather;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.closure.Closure;
import io.airq.core.closure.SensorSelection;
import io.airq.core.registry.Sensor;
import io.airq.planner.impact.HourlyMean;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClosureAdjustmentTest {

  private static Sensor sensor(String id) {
    return Sensor.builder(id)
        .position(51.9, -8.47)
        .area("A")
        .county("Cork")
        .reportingInterval(Duration.ofHours(1))
        .build();
  }

  @Test
  void eachControlSiteIsTreatedAsIfClosedAndTheControlMeanIsAnInput() {
    SyntheticCity city = new SyntheticCity(21, 42, 1, 0.0, false);
    LocalDateTime start = SyntheticCity.TRAIN_START.plusDays(42).withHour(7);
    Closure closure =
        Closure.builder("c")
            .name("test")
            .treated(SensorSelection.ofSensors("t1"))
            .control(SensorSelection.ofSensors("c1", "c2"))
            .period(start, start.withHour(19))
            .baseline(Duration.ofDays(7))
            .after(Duration.ofDays(1))
            .zone(SyntheticCity.ZONE)
            .build();
    Random r = new Random(4);
    List<HourlyMean> hours = new ArrayList<>();
    for (Map.Entry<Instant, Double> e : city.observed.entrySet()) {
      boolean during = closure.phaseOf(e.getKey()).map(p -> p.id().equals("during")).orElse(false);
      double t = e.getValue() * (during ? 0.7 : 1) * Math.exp(0.05 * r.nextGaussian());
      hours.add(new HourlyMean("t1", e.getKey(), t, 1, 1));
      hours.add(
          new HourlyMean(
              "c1", e.getKey(), 0.8 * e.getValue() * Math.exp(0.05 * r.nextGaussian()), 1, 1));
      hours.add(
          new HourlyMean(
              "c2", e.getKey(), 0.6 * e.getValue() * Math.exp(0.05 * r.nextGaussian()), 1, 1));
    }

    ClosureAdjustment.Result result =
        ClosureAdjustment.analyse(
            closure,
            List.of(sensor("t1")),
            List.of(sensor("c1"), sensor("c2")),
            hours,
            0.75,
            city.weather,
            "test",
            List.of(),
            Duration.ofDays(42),
            BauSettings.DEFAULT.withMaxPlacebos(5));

    assertThat(result.treated().training().features()).contains("control");
    assertThat(result.treated().duringVsBefore().percent()).isBetween(-40.0, -20.0);
    assertThat(result.control().training().features()).doesNotContain("control");
    assertThat(result.treated().placebo().space())
        .extracting(Placebo.SpacePlacebo::sensor)
        .containsExactly("c1", "c2");
    assertThat(result.treated().placebo().space())
        .allSatisfy(p -> assertThat(p.percent()).isBetween(-15.0, 15.0));
  }
}
