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
    double[] during = new double[2];
    double[] before = new double[2];
    for (SimMessage m : g.messages()) {
      if (!m.kind().equals("weather")) {
        continue;
      }
      JsonNode r = Json.mapper().readTree(m.payload());
      Phase p = c.phaseOf(Instant.parse(r.path("time").asText())).orElse(null);
      double[] acc = p == Phase.DURING ? during : p == Phase.BEFORE ? before : null;
      if (acc != null) {
        acc[0] += r.path("values").path("wind_speed").asDouble();
        acc[1]++;
      }
    }
    assertThat(during[0] / during[1]).isGreaterThan(1.6 * before[0] / before[1]);
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
