package io.airq.simulator.generate;

import io.airq.simulator.generate.FaultMarker.Mark;
import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.ScenarioSensor;
import io.airq.simulator.truth.GroundTruth;
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

  /** The scenario with every payload carrying its device time ({@link DeviceTimes#ALWAYS}). */
  public static Generation generate(Scenario scenario) {
    return generate(scenario, DeviceTimes.ALWAYS);
  }

  /**
   * The scenario's messages and truth; {@code times} (resolved, not AUTO) says whether AirGradient
   * and sensor-community payloads carry their device time.
   */
  public static Generation generate(Scenario scenario, DeviceTimes times) {
    Random random = new Random(scenario.seed());
    // second channels and NO2 cells from a stream of their own: the other values stay as they were
    Random device = new Random(scenario.seed() ^ 0xDE71CEL);
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
      SensorResponse.Unit unit = SensorResponse.Unit.draw(device);
      for (Instant t = start.plusSeconds(offset);
          t.isBefore(end);
          t = t.plusSeconds(intervalSeconds)) {
        readings.add(model.reading(i, s, t, bias, random, unit, device));
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
      byte[] payload = SimPayloads.encode(s.format(), r, deviceTime, times);
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
      byte[] whole = SimPayloads.encode(s.format(), r, r.time(), times);
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
        TruthTally.truth(scenario, model, readings, marks, counts, messages.size())
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

  /** The payload as text, for logs and tests. */
  public static String text(SimMessage m) {
    return new String(m.payload(), StandardCharsets.UTF_8);
  }
}
