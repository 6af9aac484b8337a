package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one case of the fault suite: a fault-free pass and a faulted pass over the same {@link
 * FaultInput}, each in its own topic prefix and database, and checks that the hourly sensor means
 * and counts and the raw reading counts per series in InfluxDB are identical between the two and
 * equal to what the input holds: nothing lost, nothing counted twice.
 */
final class FaultCase {
  static final double RATE = 60; // messages per second: ~30 s of publishing, the fault ~10 s in
  static final Duration DRAIN = Duration.ofMinutes(4);

  private FaultCase() {}

  static void run(
      String caseName,
      String mqttUrl,
      String kafka,
      String influxUrl,
      Path dir,
      FaultPass.Fault fault)
      throws Exception {
    FaultInput input = FaultInput.small(20260309L);
    long t0 = System.nanoTime();
    StoredSnapshot clean;
    try (FaultPass pass = new FaultPass(caseName + "-clean", mqttUrl, kafka, influxUrl, dir)) {
      pass.start(input).publish(input, RATE, null);
      clean = pass.awaitStored(input, DRAIN);
      assertThat(pass.events()).noneMatch(e -> e.contains("exited by itself"));
    }
    long t1 = System.nanoTime();
    StoredSnapshot faulted;
    List<String> events;
    try (FaultPass pass = new FaultPass(caseName + "-faulted", mqttUrl, kafka, influxUrl, dir)) {
      pass.start(input).publish(input, RATE, fault);
      faulted = pass.awaitStored(input, DRAIN);
      pass.event(
          "the bridge wrote "
              + pass.readingsInKafka()
              + " records to Kafka for "
              + input.total()
              + " messages sent");
      events = pass.events();
    }
    long t2 = System.nanoTime();

    Map<String, double[]> truth = input.expectedHourly();
    List<String> problems = new ArrayList<>();
    problems.addAll(compareHourly("fault-free pass vs input", truth, clean.hourly()));
    problems.addAll(
        compareHourly("faulted pass vs fault-free pass", clean.hourly(), faulted.hourly()));
    if (!faulted.raw().equals(clean.raw())) {
      problems.add(
          "raw counts per series differ: fault-free " + clean.raw() + ", faulted " + faulted.raw());
    }
    for (Map.Entry<String, Long> e : clean.raw().entrySet()) {
      if (e.getValue() != input.perSensor()) {
        problems.add(
            "fault-free raw count "
                + e.getKey()
                + " = "
                + e.getValue()
                + ", sent "
                + input.perSensor());
      }
    }
    if (clean.raw().size() != input.sensors() * FaultInput.QUANTITIES.size()) {
      problems.add("fault-free raw series: " + clean.raw().keySet());
    }
    System.err.printf(
        "FAULT CASE %s: fault-free pass %.1f s, faulted pass %.1f s; compared %d hourly sensor"
            + " averages (mean and count of %s for %d sensors over %d h) and %d raw series counts"
            + " (%d readings each) between the passes and with the input: %s%n  events: %s%n",
        caseName,
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        truth.size(),
        FaultInput.QUANTITIES,
        input.sensors(),
        input.hours(),
        clean.raw().size(),
        input.perSensor(),
        problems.isEmpty() ? "identical" : problems.size() + " differences",
        String.join("; ", events));
    assertThat(problems).as(caseName).isEmpty();
  }

  /** Differences of the actual hourly averages from the wanted ones (means within 1e-9). */
  static List<String> compareHourly(
      String what, Map<String, double[]> want, Map<String, double[]> got) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, double[]> e : want.entrySet()) {
      double[] g = got.get(e.getKey());
      if (g == null) {
        out.add(what + ": missing " + e.getKey());
      } else if (g[1] != e.getValue()[1] || !(Math.abs(g[0] - e.getValue()[0]) <= 1e-9)) {
        out.add(
            String.format(
                "%s: %s mean %.6f count %.0f, want mean %.6f count %.0f",
                what, e.getKey(), g[0], g[1], e.getValue()[0], e.getValue()[1]));
      }
    }
    for (String k : got.keySet()) {
      if (!want.containsKey(k)) {
        out.add(what + ": extra " + k);
      }
    }
    return out.size() > 40
        ? List.of(out.size() + " differences, first: " + out.subList(0, 40))
        : out;
  }
}
