package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Phase;
import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.generate.SimReading;
import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.ScenarioSensor;
import io.airq.simulator.truth.Accuracy;
import io.airq.simulator.truth.PhaseMeans;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
  private static final long SEED = 20260302L;

  /** The built-in scenario on a pinned start date and seed. */
  private static final Scenario BUILT_IN =
      Scenario.builtIn("nairobi-closure")
          .withStartDate(MONDAY)
          .with(null, null, null, null, null, SEED, null);

  private static final Scenario SMALL = BUILT_IN.with(2, 1, 2, 10, null, null, null);

  @Test
  void sameSeedGivesByteIdenticalMessagesAndAnotherSeedDoesNot() {
    Generation a = Generator.generate(SMALL);
    Generation b = Generator.generate(SMALL);
    Generation c = Generator.generate(SMALL.with(null, null, null, null, null, 7L, null));
    assertThat(a.messages()).hasSameSizeAs(b.messages());
    for (int i = 0; i < a.messages().size(); i++) {
      assertThat(a.messages().get(i).topic()).isEqualTo(b.messages().get(i).topic());
      assertThat(a.messages().get(i).payload()).isEqualTo(b.messages().get(i).payload());
    }
    assertThat(a.truth()).isEqualTo(b.truth());
    boolean anyDifferent = false;
    for (int i = 0; i < Math.min(a.messages().size(), c.messages().size()); i++) {
      anyDifferent |= !Arrays.equals(a.messages().get(i).payload(), c.messages().get(i).payload());
    }
    assertThat(anyDifferent).isTrue();
  }

  @Test
  void groundTruthMeasuredMeansEqualMeansRecomputedFromTheSentPayloads() {
    Scenario s = BUILT_IN.with(3, 2, 2, null, null, null, FaultSpec.NONE);
    Generation g = Generator.generate(s);
    Set<String> treated = new HashSet<>(s.toClosure().treated().sensors());
    Map<String, List<DecodedReading>> byGroup = new HashMap<>();
    for (SimMessage m : g.messages()) {
      for (DecodedReading r : DecodedReading.decode(m.topic(), m.payload()).orElseThrow()) {
        byGroup
            .computeIfAbsent(
                treated.contains(r.sensor()) ? "treated" : "control", k -> new ArrayList<>())
            .add(r);
      }
    }
    assertThat(byGroup.values().stream().mapToInt(List::size).sum())
        .isEqualTo(g.readings().size())
        .isEqualTo((int) g.truth().validReadingsSent());
    assertThat(g.scenario().startDate()).isEqualTo(MONDAY);
    for (String group : List.of("treated", "control")) {
      PhaseMeans truth = g.truth().groups().get(group).get("pm25").measured();
      Map<Phase, Double> recomputed = meanOfHourlyMeans(s.toClosure(), byGroup.get(group));
      assertThat(recomputed.get(Phase.BEFORE)).isCloseTo(truth.before(), within(1e-9));
      assertThat(recomputed.get(Phase.DURING)).isCloseTo(truth.during(), within(1e-9));
      assertThat(recomputed.get(Phase.AFTER)).isCloseTo(truth.after(), within(1e-9));
    }
  }

  @Test
  void defaultScenarioTreatedPm25FallsAboutHalfAndTheTruthReportsTheSensorsError() {
    Scenario s = BUILT_IN;
    Generation g = Generator.generate(s);
    PhaseMeans trueTreated = g.truth().groups().get("treated").get("pm25").truth();
    PhaseMeans measuredTreated = g.truth().groups().get("treated").get("pm25").measured();
    PhaseMeans trueControl = g.truth().groups().get("control").get("pm25").truth();
    assertThat(g.readings()).hasSize(20 * 17 * 288);
    assertThat(trueTreated.changePercent()).isBetween(-60.0, -40.0);
    assertThat(Math.abs(trueControl.changePercent())).isLessThan(10.0);
    // The EPA correction applied to what was sent, reported against the truth (not asserted: the
    // sensors follow a published response, not the inverse of that fit).
    Set<String> treated = new HashSet<>(s.toClosure().treated().sensors());
    Map<Phase, Double> corrected =
        correctedPhaseMeans(
            s.toClosure(),
            g.readings().stream().filter(r -> treated.contains(r.sensorId())).toList());
    double correctedChange = 100 * (corrected.get(Phase.DURING) / corrected.get(Phase.BEFORE) - 1);
    Accuracy a = g.truth().pm25Accuracy();
    List<Double> epa = new ArrayList<>();
    List<Double> truths = new ArrayList<>();
    g.readings()
        .forEach(
            r -> {
              epa.add(EpaPurpleAirCorrection.apply(r.pipelinePm25(), r.humidity()));
              truths.add(r.truePm25());
            });
    System.err.printf(
        "generator: treated PM2.5 change true %.1f %%, raw %.1f %%, EPA-corrected %.1f %%;"
            + " PM2.5 error over %d readings: raw %s, EPA-corrected %s, perfect correction %s%n",
        trueTreated.changePercent(),
        measuredTreated.changePercent(),
        correctedChange,
        a.readings(),
        a.raw(),
        Accuracy.Error.of(epa, truths),
        a.perfectCorrection());
    // By construction: Plantower-class sensors read 1.6 x growth(RH) >= 1.6 times the truth (x a
    // unit bias of sd 0.08), so raw PM2.5 is biased high by more than half the mean truth; a
    // perfect correction leaves the unit bias and the noise, a fraction of that.
    double meanTruth = truths.stream().mapToDouble(d -> d).average().orElseThrow();
    assertThat(a.readings()).isEqualTo(g.truth().validReadingsSent());
    assertThat(a.raw().bias()).isGreaterThan(0.5 * meanTruth);
    assertThat(a.perfectCorrection().rmse()).isLessThan(a.raw().rmse() / 3);
    assertThat(Math.abs(a.perfectCorrection().bias())).isLessThan(0.1 * meanTruth);
    Set<String> formats =
        g.messages().stream().map(m -> m.topic().split("/")[4]).collect(Collectors.toSet());
    assertThat(formats).contains("airq", "sensor-community", "airgradient", "purpleair", "senml");
    assertThat(g.scenario().sensors().stream().map(ScenarioSensor::county).distinct())
        .containsExactlyInAnyOrder("Nairobi", "Kiambu");
  }

  @Test
  void theDeliveryCountsMatchWhatTheMessagesCarry() {
    Generation g = Generator.generate(SMALL);
    long carried = 0;
    Set<String> registered = new HashSet<>();
    Set<String> pairs = new HashSet<>();
    for (SimMessage m : g.messages()) {
      List<DecodedReading> rs = DecodedReading.decode(m.topic(), m.payload()).orElse(List.of());
      carried += rs.size();
      for (DecodedReading r : rs) {
        if (!r.sensor().startsWith("unknown-")) {
          registered.add(r.sensor());
          pairs.add(r.sensor() + "|" + r.time());
        }
      }
    }
    assertThat(g.truth().faults().get("malformed")).isPositive();
    assertThat(g.truth().faults().get("duplicate")).isPositive();
    assertThat(g.truth().faults().get("clockSkew")).isPositive();
    assertThat(g.truth().readingsInMessages()).isEqualTo(carried);
    assertThat(g.truth().uniqueReadingsSent()).isEqualTo(pairs.size());
    assertThat(registered).hasSize(10);
  }

  @Test
  void eachFaultAppearsInTheMessagesTheConfiguredNumberOfTimes() {
    FaultSpec faults = new FaultSpec(2, 3, 3, 6, 7, 10, 11, 5, 4, 90, 6, 8);
    Generation g = Generator.generate(SMALL.with(null, null, null, null, null, null, faults));
    Map<String, Long> counts = g.truth().faults();
    Map<String, SimReading> original = new HashMap<>();
    for (SimReading r : g.readings()) {
      original.put(r.sensorId() + "|" + r.time(), r);
    }
    int malformed = 0;
    int unknown = 0;
    int batches = 0;
    int batched = 0;
    int spikes = 0;
    int skewed = 0;
    int stuck = 0;
    int outOfOrder = 0;
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Instant> lastTime = new HashMap<>();
    for (SimMessage m : g.messages()) {
      seen.merge(m.topic() + new String(m.payload()), 1, Integer::sum);
      var decoded = DecodedReading.decode(m.topic(), m.payload());
      if (decoded.isEmpty()) {
        malformed++;
        continue;
      }
      if (m.topic().contains("/unknown-")) {
        unknown++;
        continue;
      }
      if (m.topic().contains("/-/")) {
        batches++;
        batched += decoded.get().size();
        continue;
      }
      DecodedReading r = decoded.get().get(0);
      SimReading o = original.get(r.sensor() + "|" + r.time());
      SimReading early = original.get(r.sensor() + "|" + r.time().minusSeconds(90 * 60));
      if (o == null
          || (r.pm10() != o.pm10()
              && early != null
              && early.pm10() == r.pm10()
              && early.pipelinePm25() == r.pm25())) {
        skewed++;
        continue;
      }
      if (r.pm25() != o.pipelinePm25()) {
        if (Math.abs(r.pm25() - Math.round(o.pm25() * 10 * 10) / 10.0) < 1e-9) {
          spikes++;
        } else {
          stuck++;
        }
      }
      Instant last = lastTime.get(r.sensor());
      if (last != null && r.time().isBefore(last)) {
        outOfOrder++;
      }
      lastTime.put(r.sensor(), r.time());
    }
    long duplicates = seen.values().stream().filter(n -> n > 1).count();
    assertThat(malformed).isEqualTo(6).isEqualTo(counts.get("malformed").intValue());
    assertThat(unknown).isEqualTo(8).isEqualTo(counts.get("unknownSensor").intValue());
    assertThat(counts.get("gatewayOutage")).isEqualTo(2);
    assertThat(batches).isGreaterThanOrEqualTo(2);
    assertThat(batched).isEqualTo(counts.get("offlineBatchedReadings").intValue()).isPositive();
    assertThat(spikes).isEqualTo(7);
    assertThat(skewed).isEqualTo(4);
    assertThat(duplicates).isEqualTo(11);
    assertThat(outOfOrder).isEqualTo(5);
    // a stuck value can equal the genuine reading by chance, so at most 3 × 5 differ
    assertThat(stuck).isPositive().isLessThanOrEqualTo(15);
    assertThat(counts.get("stuckReadings")).isEqualTo(15);
    assertThat(g.truth().validReadingsSent()).isEqualTo(g.readings().size() - 15 - 7 - 4);
  }

  @Test
  void aLongOutageIsSentAsSeveralBatchesOfAtMost500Readings() {
    FaultSpec faults = new FaultSpec(1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    Generation g =
        Generator.generate(SMALL.with(null, null, null, null, Duration.ofMinutes(1), null, faults));
    List<Integer> sizes =
        g.messages().stream()
            .filter(m -> m.topic().contains("/-/airq"))
            .map(m -> DecodedReading.decode(m.topic(), m.payload()).orElseThrow().size())
            .toList();
    assertThat(sizes).hasSizeGreaterThan(1).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(500));
    assertThat(sizes.stream().mapToInt(n -> n).sum())
        .isEqualTo(g.truth().faults().get("offlineBatchedReadings").intValue());
  }

  @Test
  void withoutAStartDateTheSimulationEndsAtTodaysLocalMidnight() {
    java.time.ZoneId zone = Scenario.builtIn("nairobi-closure").zone();
    LocalDate before = LocalDate.now(zone);
    Scenario s = Scenario.builtIn("nairobi-closure");
    LocalDate after = LocalDate.now(zone);
    // the day may turn while the scenario is made: then either midnight is right
    assertThat(s.endInstant())
        .isIn(before.atStartOfDay(zone).toInstant(), after.atStartOfDay(zone).toInstant());
  }

  /** An independent mean of hourly means (75 % completeness, phase of the hour's start). */
  /** Phase means of each reading's PM2.5 after the EPA correction with its own humidity. */
  private static Map<Phase, Double> correctedPhaseMeans(Closure closure, List<SimReading> rs) {
    Map<Phase, List<Double>> values = new HashMap<>();
    for (SimReading r : rs) {
      closure
          .phaseOf(r.time())
          .ifPresent(
              p ->
                  values
                      .computeIfAbsent(p, x -> new ArrayList<>())
                      .add(EpaPurpleAirCorrection.apply(r.pipelinePm25(), r.humidity())));
    }
    Map<Phase, Double> out = new HashMap<>();
    values.forEach((p, v) -> out.put(p, v.stream().mapToDouble(d -> d).average().orElseThrow()));
    return out;
  }

  private static Map<Phase, Double> meanOfHourlyMeans(Closure closure, List<DecodedReading> rs) {
    Map<String, List<Double>> hours = new HashMap<>();
    for (DecodedReading r : rs) {
      hours
          .computeIfAbsent(
              r.sensor() + " " + r.time().truncatedTo(ChronoUnit.HOURS), k -> new ArrayList<>())
          .add(r.pm25());
    }
    Map<Phase, List<Double>> means = new HashMap<>();
    hours.forEach(
        (k, v) -> {
          if (v.size() < 9) {
            return;
          }
          Instant hour = Instant.parse(k.split(" ")[1]);
          closure
              .phaseOf(hour)
              .ifPresent(
                  p ->
                      means
                          .computeIfAbsent(p, x -> new ArrayList<>())
                          .add(v.stream().mapToDouble(d -> d).average().orElseThrow()));
        });
    Map<Phase, Double> out = new HashMap<>();
    means.forEach((p, v) -> out.put(p, v.stream().mapToDouble(d -> d).average().orElseThrow()));
    return out;
  }
}
