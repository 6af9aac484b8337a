package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.closure.Closure;
import io.airq.core.closure.Phase;
import io.airq.core.json.Json;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.QuantityTruth;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The built-in {@code confounded-closure}: a windy, rainy spell over the closure days lowers PM at
 * every site, so the treated sites' raw change mixes the closure with the weather; the ground truth
 * gives the closure's own effect, and the weather station reports the spell.
 */
class ConfoundedClosureTest {
  private static final Scenario SCENARIO =
      Scenario.builtIn("confounded-closure").withStartDate(LocalDate.of(2026, 3, 2));

  @Test
  void theRawChangeMissesTheClosuresOwnEffectByMoreThanTenPoints() {
    Generation g = Generator.generate(SCENARIO);
    QuantityTruth treated = g.truth().groups().get("treated").get("pm25");
    QuantityTruth control = g.truth().groups().get("control").get("pm25");
    // the control sites had no closure: their true change is the weather's alone, and large
    assertThat(control.closureEffectPercent()).isCloseTo(0, within(1e-9));
    assertThat(control.truth().changePercent()).isLessThan(-20);
    // the treated sites' closure effect is the traffic cut alone
    assertThat(treated.closureEffectPercent()).isBetween(-40.0, -10.0);
    assertThat(Math.abs(treated.truth().changePercent() - treated.closureEffectPercent()))
        .as(
            "raw change %s vs closure effect %s",
            treated.truth().changePercent(), treated.closureEffectPercent())
        .isGreaterThan(10);
    assertThat(g.truth().groups().get("treated").get("pm10").closureEffectPercent())
        .isCloseTo(treated.closureEffectPercent(), within(1e-6));
  }

  @Test
  void theStationReportsTheSpellAndTheClosureNamesIt() throws Exception {
    Generation g = Generator.generate(SCENARIO);
    Closure c = SCENARIO.toClosure();
    assertThat(c.weather().station()).isEqualTo("nbo-wilson-wx");
    // mean wind per local day: the spell's days are windy, but no windier than the windiest days of
    // the baseline (the spell replaces the day's wind factor), so the model need not extrapolate
    java.util.Map<java.time.LocalDate, double[]> days = new java.util.TreeMap<>();
    java.util.Map<java.time.LocalDate, Phase> phases = new java.util.HashMap<>();
    for (SimMessage m : g.messages()) {
      if (!m.kind().equals("weather")) {
        continue;
      }
      JsonNode r = Json.mapper().readTree(m.payload());
      Instant t = Instant.parse(r.path("time").asText());
      Phase p = c.phaseOf(t).orElse(null);
      if (p == Phase.DURING || p == Phase.BEFORE) {
        java.time.LocalDate d = t.atZone(c.zone()).toLocalDate();
        phases.put(d, p);
        double[] a = days.computeIfAbsent(d, k -> new double[2]);
        a[0] += r.path("values").path("wind_speed").asDouble();
        a[1]++;
      }
    }
    double before = 0;
    double windiestBefore = 0;
    double during = 0;
    int nBefore = 0;
    int nDuring = 0;
    for (var e : days.entrySet()) {
      double mean = e.getValue()[0] / e.getValue()[1];
      if (phases.get(e.getKey()) == Phase.DURING) {
        during += mean;
        nDuring++;
      } else {
        before += mean;
        nBefore++;
        windiestBefore = Math.max(windiestBefore, mean);
      }
    }
    assertThat(nDuring).isEqualTo(3);
    assertThat(during / nDuring).isGreaterThan(1.15 * before / nBefore);
    assertThat(during / nDuring).isLessThan(windiestBefore);
  }

  @Test
  void theOtherBuiltInScenarioHasNoClosureEffectOnItsControls() {
    Generation g =
        Generator.generate(
            Scenario.builtIn("nairobi-closure")
                .withStartDate(LocalDate.of(2026, 3, 2))
                .with(2, 1, 2, 6, null, null, null));
    assertThat(g.truth().groups().get("control").get("pm25").closureEffectPercent())
        .isCloseTo(0, within(1e-9));
    // trafficFactor 0.15 on a traffic share below one half
    assertThat(g.truth().groups().get("treated").get("pm25").closureEffectPercent())
        .isBetween(-85.0, -10.0);
  }
}
