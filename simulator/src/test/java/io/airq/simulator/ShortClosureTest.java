package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Phase;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimReading;
import io.airq.simulator.scenario.ClosureSpec;
import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.PhaseMeans;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** A closure shorter than a day, e.g. a car-free day from 07:00 to 19:00. */
class ShortClosureTest {
  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
  private static final Scenario BUILT_IN = Scenario.builtIn("nairobi-closure");

  /** 2 days before, the closure on Wednesday 07:00-19:00 (Nairobi), 1 day after, 4 sensors. */
  private static Scenario carFreeDay(LocalTime start, LocalTime end) {
    ClosureSpec c = BUILT_IN.closure();
    return BUILT_IN
        .withStartDate(MONDAY)
        .with(2, 1, 1, 4, Duration.ofMinutes(10), null, FaultSpec.NONE)
        .withClosure(new ClosureSpec(c.id(), c.name(), c.streets(), c.trafficFactor(), start, end));
  }

  private static Instant local(int day, int hour) {
    return ZonedDateTime.of(MONDAY.plusDays(day).atTime(hour, 0), BUILT_IN.zone()).toInstant();
  }

  @Test
  void aDaytimeClosureHasTheCorePhasesOfItsTwelveHours() {
    Scenario s = carFreeDay(LocalTime.of(7, 0), LocalTime.of(19, 0));
    Closure c = s.toClosure();

    assertThat(c.startInstant()).isEqualTo(local(2, 7));
    assertThat(c.endInstant()).isEqualTo(local(2, 19));
    assertThat(c.beforeStart()).isEqualTo(local(0, 7));
    assertThat(c.afterEnd()).isEqualTo(local(3, 19));
    assertThat(s.startInstant()).isEqualTo(local(0, 0));
    assertThat(s.endInstant()).isEqualTo(local(4, 0));
    assertThat(c.phaseOf(local(0, 6))).isEmpty();
    assertThat(c.phaseOf(local(2, 6))).contains(Phase.BEFORE);
    assertThat(c.phaseOf(local(2, 7))).contains(Phase.DURING);
    assertThat(c.phaseOf(local(2, 18))).contains(Phase.DURING);
    assertThat(c.phaseOf(local(2, 19))).contains(Phase.AFTER);
    assertThat(c.phaseOf(local(3, 19))).isEmpty();
  }

  @Test
  void theGroundTruthCountsTwelveClosedHoursPerSensorAndTrafficDropsOnlyInThem() {
    Scenario s = carFreeDay(LocalTime.of(7, 0), LocalTime.of(19, 0));
    Generation g = Generator.generate(s);

    assertThat(g.truth().closureStart()).isEqualTo(local(2, 7));
    assertThat(g.truth().closureEnd()).isEqualTo(local(2, 19));
    assertThat(g.truth().afterEnd()).isEqualTo(local(3, 19));
    // 4 days of 10-minute readings, 4 sensors
    assertThat(g.readings()).hasSize(4 * 4 * 144);
    PhaseMeans truth = g.truth().groups().get("treated").get("pm25").truth();
    assertThat(truth.duringHours()).isEqualTo(2 * 12);
    assertThat(truth.beforeHours()).isEqualTo(2 * 48);
    assertThat(truth.afterHours()).isEqualTo(2 * 24);
    assertThat(g.truth().groups().get("control").get("pm25").truth().duringHours())
        .isEqualTo(2 * 12);

    // the treated physical PM2.5 drops at 07:00 and comes back at 19:00 (the control's does not)
    ClosureSpec c = s.closure();
    Generation open =
        Generator.generate(
            s.withClosure(new ClosureSpec(c.id(), c.name(), c.streets(), 1.0, null, null)));
    assertThat(ratioAt(g, open, s, local(2, 6))).isEqualTo(1.0);
    assertThat(ratioAt(g, open, s, local(2, 12))).isLessThan(0.9);
    assertThat(ratioAt(g, open, s, local(2, 19))).isEqualTo(1.0);
  }

  @Test
  void anOvernightClosureEndsTheNextMorningAndTheSimulationCoversItsAfterPhase() {
    Scenario s = carFreeDay(LocalTime.of(22, 0), LocalTime.of(6, 0));
    Closure c = s.toClosure();
    assertThat(c.startInstant()).isEqualTo(local(2, 22));
    assertThat(c.endInstant()).isEqualTo(local(3, 6));
    assertThat(c.afterEnd()).isEqualTo(local(4, 6));
    assertThat(s.endInstant()).isEqualTo(local(5, 0));
  }

  @Test
  void startAndEndTimesSurviveTheYamlRoundTrip() {
    Scenario s = carFreeDay(LocalTime.of(7, 0), LocalTime.of(19, 0));
    Scenario back = Scenario.parse(s.toYaml());
    assertThat(back.closure().startTime()).isEqualTo(LocalTime.of(7, 0));
    assertThat(back.closure().endTime()).isEqualTo(LocalTime.of(19, 0));
    assertThat(Scenario.parse(s.toYaml().replace("\"07:00:00\"", "\"07:00\"")).closureStart())
        .isEqualTo(MONDAY.plusDays(2).atTime(7, 0));
  }

  /**
   * Treated physical PM2.5 with the short closure over the same without any closure, in the first
   * reading at or after t (readings start at a random offset within the interval).
   */
  private static double ratioAt(Generation closed, Generation open, Scenario s, Instant t) {
    String treated = s.sensors().stream().filter(s::treated).findFirst().orElseThrow().id();
    return truePm25(closed, treated, t) / truePm25(open, treated, t);
  }

  private static double truePm25(Generation g, String sensor, Instant t) {
    return g.readings().stream()
        .filter(r -> r.sensorId().equals(sensor) && !r.time().isBefore(t))
        .mapToDouble(SimReading::truePm25)
        .findFirst()
        .orElseThrow();
  }
}
