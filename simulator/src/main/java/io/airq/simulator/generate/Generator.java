package io.airq.simulator.generate;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.simulator.generate.FaultMarker.Mark;
import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.ScenarioSensor;
import io.airq.simulator.truth.GroundTruth;
import io.airq.simulator.truth.PhaseMeans;
import io.airq.simulator.truth.PhaseMeansCalculator;
import io.airq.simulator.truth.QuantityTruth;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns a scenario into readings, MQTT messages with faults, and the ground truth. Pure and
 * deterministic: the same scenario (seed included) gives byte-identical messages.
 */
public final class Generator {
  /** Names of the fault counters in the ground truth. */
  public static final List<String> FAULTS =
      List.of(
          "gatewayOutage",
          "offlineBatchedReadings",
          "stuck",
          "stuckReadings",
          "spike",
          "duplicate",
          "outOfOrder",
          "clockSkew",
          "malformed",
          "unknownSensor");

  /** An offline batch is sent as arrays of at most this many readings (the ingest takes 1000). */
  public static final int MAX_BATCH = 500;

  private Generator() {}

  public static Generation generate(Scenario scenario) {
    Random random = new Random(scenario.seed());
    Environment environment = new Environment(scenario, random);
    CityModel model = new CityModel(scenario, environment);
    List<ScenarioSensor> sensors = scenario.sensors();
    Duration interval = scenario.interval();
    long intervalSeconds = Math.max(1, interval.toSeconds());
    Instant start = scenario.startInstant();
    Instant end = scenario.endInstant();

    List<SimReading> readings = new ArrayList<>();
    for (int i = 0; i < sensors.size(); i++) {
      ScenarioSensor s = sensors.get(i);
      double bias = 1.0 + scenario.sensorBehaviour().biasSd() * random.nextGaussian();
      long offset = random.nextInt((int) Math.min(Integer.MAX_VALUE, intervalSeconds));
      for (Instant t = start.plusSeconds(offset);
          t.isBefore(end);
          t = t.plusSeconds(intervalSeconds)) {
        readings.add(model.reading(i, s, t, bias, random));
      }
    }
    readings.sort(Comparator.comparing(SimReading::time).thenComparingInt(SimReading::sensorIndex));

    Map<String, Long> counts = new LinkedHashMap<>();
    FAULTS.forEach(f -> counts.put(f, 0L));
    Mark[] marks = new Mark[readings.size()];
    Arrays.fill(marks, Mark.NONE);
    double[] stuckValue = new double[readings.size()];
    FaultSpec f = scenario.faults();
    List<List<Integer>> outages =
        FaultMarker.markOutages(scenario, readings, marks, random, counts);
    FaultMarker.markStuck(scenario, readings, marks, stuckValue, random, counts);
    FaultMarker.markSingles(marks, Mark.SPIKE, f.spikes(), random, counts, "spike");
    FaultMarker.markSingles(marks, Mark.SKEW, f.clockSkew(), random, counts, "clockSkew");
    FaultMarker.markSingles(marks, Mark.DUPLICATE, f.duplicates(), random, counts, "duplicate");
    FaultMarker.markSingles(marks, Mark.OUT_OF_ORDER, f.outOfOrder(), random, counts, "outOfOrder");

    List<SimMessage> messages = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      Mark m = marks[i];
      if (m == Mark.OFFLINE) {
        continue;
      }
      SimReading r = readings.get(i);
      ScenarioSensor s = sensors.get(r.sensorIndex());
      Instant deviceTime = r.time();
      Instant publishAt = r.time();
      if (m == Mark.SPIKE) {
        r = r.withPm25(CityModel.round1(r.pm25() * f.spikeFactor()));
      } else if (m == Mark.STUCK) {
        r = r.withPm25(stuckValue[i]);
      } else if (m == Mark.SKEW) {
        deviceTime = r.time().plus(Duration.ofMinutes(f.clockSkewMinutes()));
      } else if (m == Mark.OUT_OF_ORDER) {
        publishAt = r.time().plusSeconds(intervalSeconds + 1);
      }
      String topic = SimMessage.topic(s.gateway(), s.id(), s.format());
      byte[] payload = SimPayloads.encode(s.format(), r, deviceTime);
      messages.add(new SimMessage(publishAt, topic, payload, "reading", 1));
      if (m == Mark.DUPLICATE) {
        messages.add(new SimMessage(publishAt.plusSeconds(1), topic, payload, "duplicate", 1));
      }
    }
    for (List<Integer> outage : outages) {
      if (outage.isEmpty()) {
        continue;
      }
      List<SimReading> all = outage.stream().map(readings::get).toList();
      ScenarioSensor first = sensors.get(all.get(0).sensorIndex());
      Instant sendAt = all.get(all.size() - 1).time().plusSeconds(intervalSeconds);
      for (int from = 0; from < all.size(); from += MAX_BATCH) {
        List<SimReading> batch = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
        messages.add(
            new SimMessage(
                sendAt,
                SimMessage.topic(first.gateway(), "-", "airq"),
                SimPayloads.encodeBatch(batch),
                "batch",
                batch.size()));
      }
    }
    for (int k = 0; k < f.malformed() && !readings.isEmpty(); k++) {
      SimReading r = readings.get(random.nextInt(readings.size()));
      ScenarioSensor s = sensors.get(r.sensorIndex());
      byte[] whole = SimPayloads.encode(s.format(), r, r.time());
      byte[] broken = Arrays.copyOf(whole, whole.length / 2);
      messages.add(
          new SimMessage(
              r.time().plusSeconds(2),
              SimMessage.topic(s.gateway(), s.id(), s.format()),
              broken,
              "malformed",
              0));
      counts.merge("malformed", 1L, Long::sum);
    }
    for (int k = 0; k < f.unknownSensors() && !readings.isEmpty(); k++) {
      SimReading r = readings.get(random.nextInt(readings.size()));
      ScenarioSensor s = sensors.get(r.sensorIndex());
      String unknown = String.format("unknown-%03d", k + 1);
      SimReading u =
          new SimReading(
              -1,
              unknown,
              r.time(),
              r.truePm25(),
              r.truePm10(),
              r.pm1(),
              r.pm25(),
              r.pm10(),
              r.humidity(),
              r.temperature());
      messages.add(
          new SimMessage(
              r.time().plusSeconds(3),
              SimMessage.topic(s.gateway(), unknown, "airq"),
              SimPayloads.encode("airq", u, u.time()),
              "unknown-sensor",
              1));
      counts.merge("unknownSensor", 1L, Long::sum);
    }
    List<SimMessage> weather = StationReadings.messages(scenario, model, environment);
    messages.addAll(weather);
    messages.sort(Comparator.comparing(SimMessage::publishAt));

    GroundTruth truth =
        truth(scenario, model, readings, marks, counts, messages.size())
            .withDelivery(
                readingsInMessages(messages), uniqueReadings(readings, marks, f) + weather.size());
    return new Generation(scenario, List.copyOf(readings), List.copyOf(messages), truth);
  }

  /** Readings carried by well-formed messages, duplicates and unknown sensors included. */
  private static long readingsInMessages(List<SimMessage> messages) {
    return messages.stream().mapToLong(SimMessage::readings).sum();
  }

  /**
   * Distinct (sensor, device time) pairs of the registered sensors' readings that are sent: every
   * generated reading is sent once (alone or in an outage batch, duplicates repeat a pair), and a
   * skewed reading carries its wrong time, which may fall on the same sensor's genuine reading.
   */
  private static long uniqueReadings(List<SimReading> readings, Mark[] marks, FaultSpec f) {
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < readings.size(); i++) {
      SimReading r = readings.get(i);
      Instant t =
          marks[i] == Mark.SKEW
              ? r.time().plus(Duration.ofMinutes(f.clockSkewMinutes()))
              : r.time();
      pairs.add(r.sensorId() + "|" + t);
    }
    return pairs.size();
  }

  private static GroundTruth truth(
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
        q.get("pm25")[1].add(r.sensorId(), r.time(), r.pm25());
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
        0);
  }

  /** The payload as text, for logs and tests. */
  public static String text(SimMessage m) {
    return new String(m.payload(), StandardCharsets.UTF_8);
  }
}
