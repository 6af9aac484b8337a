package io.airq.simulator.generate;

import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.ScenarioSensor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Chooses which generated readings the scenario's faults hit: gateway outages (sent later as
 * batches), stuck episodes, and single spikes, clock skews, duplicates and out-of-order sends. A
 * reading takes at most one fault; each placed fault is counted under its {@link Generator#FAULTS}
 * name.
 */
final class FaultMarker {
  private FaultMarker() {}

  /** The fault a reading takes. */
  enum Mark {
    NONE,
    OFFLINE,
    STUCK_START,
    STUCK,
    SPIKE,
    SKEW,
    DUPLICATE,
    OUT_OF_ORDER
  }

  static List<List<Integer>> markOutages(
      Scenario scenario,
      List<SimReading> readings,
      Mark[] marks,
      Random random,
      Map<String, Long> counts) {
    List<String> gateways =
        scenario.sensors().stream().map(ScenarioSensor::gateway).distinct().toList();
    List<List<Integer>> outages = new ArrayList<>();
    FaultSpec f = scenario.faults();
    long totalHours = Duration.between(scenario.startInstant(), scenario.endInstant()).toHours();
    if (gateways.isEmpty() || totalHours <= f.outageHours()) {
      return outages;
    }
    for (int k = 0; k < f.gatewayOutages(); k++) {
      String gateway = gateways.get(random.nextInt(gateways.size()));
      Instant from =
          scenario
              .startInstant()
              .plus(Duration.ofHours(random.nextInt((int) (totalHours - f.outageHours()))));
      Instant to = from.plus(Duration.ofHours(f.outageHours()));
      List<Integer> batch = new ArrayList<>();
      for (int i = 0; i < readings.size(); i++) {
        SimReading r = readings.get(i);
        if (marks[i] == Mark.NONE
            && !r.time().isBefore(from)
            && r.time().isBefore(to)
            && scenario.sensors().get(r.sensorIndex()).gateway().equals(gateway)) {
          marks[i] = Mark.OFFLINE;
          batch.add(i);
        }
      }
      outages.add(batch);
      counts.merge("gatewayOutage", 1L, Long::sum);
      counts.merge("offlineBatchedReadings", (long) batch.size(), Long::sum);
    }
    return outages;
  }

  static void markStuck(
      Scenario scenario,
      List<SimReading> readings,
      Mark[] marks,
      double[] stuckValue,
      Random random,
      Map<String, Long> counts) {
    FaultSpec f = scenario.faults();
    if (f.stuck() == 0) {
      return;
    }
    List<List<Integer>> bySensor = new ArrayList<>();
    for (int i = 0; i < scenario.sensors().size(); i++) {
      bySensor.add(new ArrayList<>());
    }
    for (int i = 0; i < readings.size(); i++) {
      bySensor.get(readings.get(i).sensorIndex()).add(i);
    }
    int placed = 0;
    for (int attempt = 0; placed < f.stuck() && attempt < 10_000; attempt++) {
      List<Integer> own = bySensor.get(random.nextInt(bySensor.size()));
      if (own.size() <= f.stuckLength()) {
        continue;
      }
      int pos = random.nextInt(own.size() - f.stuckLength());
      List<Integer> episode = own.subList(pos, pos + f.stuckLength());
      if (episode.stream().anyMatch(i -> marks[i] != Mark.NONE)) {
        continue;
      }
      double value = readings.get(episode.get(0)).pm25();
      marks[episode.get(0)] = Mark.STUCK_START;
      for (int j = 1; j < episode.size(); j++) {
        marks[episode.get(j)] = Mark.STUCK;
        stuckValue[episode.get(j)] = value;
      }
      placed++;
      counts.merge("stuck", 1L, Long::sum);
      counts.merge("stuckReadings", (long) episode.size() - 1, Long::sum);
    }
  }

  static void markSingles(
      Mark[] marks, Mark mark, int n, Random random, Map<String, Long> counts, String name) {
    int placed = 0;
    for (int attempt = 0; placed < n && attempt < 100_000 && marks.length > 0; attempt++) {
      int i = random.nextInt(marks.length);
      if (marks[i] == Mark.NONE) {
        marks[i] = mark;
        placed++;
        counts.merge(name, 1L, Long::sum);
      }
    }
  }
}
