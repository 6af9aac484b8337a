package io.airq.simulator.generate;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.simulator.generate.FaultMarker.Mark;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.ScenarioSensor;
import io.airq.simulator.truth.Accuracy;
import io.airq.simulator.truth.GroundTruth;
import io.airq.simulator.truth.PhaseMeans;
import io.airq.simulator.truth.PhaseMeansCalculator;
import io.airq.simulator.truth.QuantityTruth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ground truth of a generated scenario: phase means, fault counts and PM2.5 accuracy. */
final class TruthTally {
  private TruthTally() {}

  static GroundTruth truth(
      Scenario scenario,
      CityModel model,
      List<SimReading> readings,
      Mark[] marks,
      Map<String, Long> counts,
      long messages) {
    Closure closure = scenario.toClosure();
    long expectedPerHour = Math.max(1, 3600 / Math.max(1, scenario.interval().toSeconds()));
    Map<String, Map<String, PhaseMeansCalculator[]>> calc = new LinkedHashMap<>();
    for (Group g : Group.values()) {
      Map<String, PhaseMeansCalculator[]> q = new LinkedHashMap<>();
      for (String quantity : List.of("pm25", "pm10")) {
        q.put(
            quantity,
            new PhaseMeansCalculator[] { // truth, measured, truth without the closure
              new PhaseMeansCalculator(closure, expectedPerHour),
              new PhaseMeansCalculator(closure, expectedPerHour),
              new PhaseMeansCalculator(closure, expectedPerHour)
            });
      }
      calc.put(g.id(), q);
    }
    long valid = 0;
    List<Double> sent = new ArrayList<>();
    List<Double> truths = new ArrayList<>();
    List<Double> perfect = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      SimReading r = readings.get(i);
      ScenarioSensor s = scenario.sensors().get(r.sensorIndex());
      Map<String, PhaseMeansCalculator[]> q =
          calc.get(scenario.treated(s) ? Group.TREATED.id() : Group.CONTROL.id());
      q.get("pm25")[0].add(r.sensorId(), r.time(), r.truePm25());
      q.get("pm10")[0].add(r.sensorId(), r.time(), r.truePm10());
      double without = model.truePm25(s, r.time(), false);
      q.get("pm25")[2].add(r.sensorId(), r.time(), without);
      q.get("pm10")[2].add(r.sensorId(), r.time(), without * scenario.pollution().pm10Ratio());
      boolean ok = marks[i] != Mark.STUCK && marks[i] != Mark.SPIKE && marks[i] != Mark.SKEW;
      if (ok) {
        valid++;
        q.get("pm25")[1].add(r.sensorId(), r.time(), r.pipelinePm25());
        sent.add(r.pipelinePm25());
        truths.add(r.truePm25());
        perfect.add(
            SensorResponse.perfectCorrection(
                s.model(), r.pipelinePm25(), r.humidity(), scenario.sensorBehaviour()));
        q.get("pm10")[1].add(r.sensorId(), r.time(), r.pm10());
      }
    }
    Map<String, Map<String, QuantityTruth>> groups = new LinkedHashMap<>();
    calc.forEach(
        (g, q) -> {
          Map<String, QuantityTruth> m = new LinkedHashMap<>();
          q.forEach(
              (quantity, c) -> {
                PhaseMeans truth = c[0].result();
                m.put(
                    quantity,
                    new QuantityTruth(
                        truth, c[1].result(), QuantityTruth.effectPercent(truth, c[2].result())));
              });
          groups.put(g, m);
        });
    double factor = scenario.closure().trafficFactor();
    return new GroundTruth(
        scenario.name(),
        scenario.seed(),
        closure.id(),
        closure.zone(),
        closure.beforeStart(),
        closure.startInstant(),
        closure.endInstant(),
        closure.afterEnd(),
        factor,
        (factor - 1) * 100,
        groups,
        counts,
        readings.size(),
        valid,
        messages,
        -1,
        0,
        0,
        new Accuracy(
            sent.size(), Accuracy.Error.of(sent, truths), Accuracy.Error.of(perfect, truths)));
  }
}
