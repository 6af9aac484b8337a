package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.simulator.load.LoadGenerator;
import io.airq.simulator.publish.Registrar;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark behind {@code ./airq bench}: the raw rates of Mosquitto, the Kafka producer
 * and consumer and InfluxDB on this machine, then the whole pipeline under the load generator's
 * sensors for a fixed time, with loss counted, latencies and a CPU profile; writes
 * docs/benchmarks.md. Not part of the build ({@code -Dit.test=PipelineBenchmark}); it prints
 * figures and asserts only that nothing was lost.
 */
@RealServers
class PipelineBenchmark {
  private static final int SENSORS = Integer.getInteger("airq.bench.sensors", 1000);
  private static final int SECONDS = Integer.getInteger("airq.bench.seconds", 60);
  private static final double RATE = Double.parseDouble(System.getProperty("airq.bench.rate", "0"));
  private static final int RAW = Integer.getInteger("airq.bench.raw", 200_000);

  @Test
  void sustainedReadingsFromMqttToInfluxDb(Servers servers) throws Exception {
    String load0 = loadAverage();
    System.err.println("[bench] raw rates (" + RAW + " messages each) ...");
    double rawMqtt = RawRates.mqtt(servers.mqttUrl(), RAW, 1000);
    String rawTopic = servers.newPrefix("bench-raw") + "raw";
    double rawProducer = RawRates.kafkaProducer(servers.kafkaBootstrap(), rawTopic, RAW);
    double rawConsumer = RawRates.kafkaConsumer(servers.kafkaBootstrap(), rawTopic, RAW);
    double rawInflux =
        RawRates.influx(servers.influxUrl(), servers.newDatabase("bench_raw"), RAW * 2);
    System.err.printf(
        Locale.ROOT,
        "[bench] raw: MQTT %.0f msg/s, Kafka producer %.0f rec/s, consumer %.0f rec/s,"
            + " InfluxDB %.0f points/s%n",
        rawMqtt,
        rawProducer,
        rawConsumer,
        rawInflux);

    try (PipelineHarness h = new PipelineHarness(servers, "bench")) {
      Registrar.register(servers.kafkaBootstrap(), h.prefix, loadSensors(), List.of());
      Thread.sleep(2000); // the registry's global tables pick the sensors up
      String readings = Topics.READINGS.prefixed(h.prefix).name();
      CpuProfile profile = new CpuProfile();
      LoadGenerator.LoadReport sent;
      long t0 = System.nanoTime();
      long kafkaDone;
      try (KafkaArrivalProbe probe = new KafkaArrivalProbe(servers.kafkaBootstrap(), readings)) {
        System.err.printf(
            "[bench] %d sensors publishing for %d s (rate %s) ...%n",
            SENSORS, SECONDS, RATE == 0 ? "as fast as possible" : RATE + "/s");
        sent =
            LoadGenerator.run(
                servers.mqttUrl(), null, null, SENSORS, RATE, Duration.ofSeconds(SECONDS), 1, 1000);
        System.err.println("[bench] " + sent.summary());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (probe.count() < sent.acknowledged() && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        kafkaDone = probe.lastArrivalNanos();
        h.awaitDrained(Duration.ofSeconds(5), Duration.ofMinutes(30));
        long drained = System.nanoTime();
        Path jfr = Path.of("target", "bench.jfr").toAbsolutePath();
        profile.stop(jfr);
        long stored = h.count("SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\"");
        Timer age = h.pipeline.sink().registry().find("airq.sink.reading.age").timer();
        Report r =
            new Report(
                load0,
                loadAverage(),
                rawMqtt,
                rawProducer,
                rawConsumer,
                rawInflux,
                sent,
                probe.count(),
                (kafkaDone - t0) / 1e9,
                stored,
                (drained - t0) / 1e9,
                probe.percentileMs(0.5),
                probe.percentileMs(0.99),
                percentileMs(age, 0.5),
                percentileMs(age, 0.99),
                profile.cpuSeconds(),
                profile.wallSeconds(),
                profile.threadShares(12),
                profile.hotMethods(15),
                jfr);
        String md = r.markdown();
        System.out.println(md);
        Path doc = docsDir().resolve("benchmarks.md");
        Files.writeString(doc, md);
        System.err.println("[bench] wrote " + doc);
        assertThat(probe.count()).as("readings on Kafka").isEqualTo(sent.acknowledged());
        assertThat(stored).as("readings stored in InfluxDB").isEqualTo(sent.acknowledged());
      } finally {
        profile.close();
      }
    }
  }

  private static List<Sensor> loadSensors() {
    List<Sensor> out = new ArrayList<>();
    for (int i = 0; i < SENSORS; i++) {
      out.add(
          new Sensor(
              "load-" + i,
              "load-gw-" + (i % 100),
              -1.28 + (i % 100) * 0.001,
              36.82 + (i / 100) * 0.001,
              "Bench " + (i % 20),
              "Bench Street " + (i % 50),
              "Bench County",
              false,
              HostType.PUBLIC,
              Duration.ofSeconds(Math.max(1, SENSORS / 1000)),
              "PMS5003",
              Map.of()));
    }
    return out;
  }

  private static long percentileMs(Timer t, double q) {
    if (t == null) {
      return -1;
    }
    for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
      if (Math.abs(v.percentile() - q) < 1e-9) {
        return Math.round(v.value(TimeUnit.MILLISECONDS));
      }
    }
    return -1;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  private static Path docsDir() {
    String root = System.getProperty("maven.multiModuleProjectDirectory");
    Path p = root != null ? Path.of(root, "docs") : Path.of("..", "docs");
    return p.toAbsolutePath().normalize();
  }

  /** Every figure of one run, and the page it becomes. */
  record Report(
      String loadBefore,
      String loadAfter,
      double rawMqtt,
      double rawProducer,
      double rawConsumer,
      double rawInflux,
      LoadGenerator.LoadReport sent,
      long onKafka,
      double kafkaSeconds,
      long stored,
      double storedSeconds,
      long kafkaP50,
      long kafkaP99,
      long influxP50,
      long influxP99,
      Map<String, Double> cpu,
      double wall,
      Map<String, Double> threads,
      Map<String, Double> methods,
      Path jfr) {

    String markdown() {
      StringBuilder b = new StringBuilder();
      double pipelineRate = stored / storedSeconds;
      double bridgeRate = onKafka / kafkaSeconds;
      b.append("# Benchmarks\n\n")
          .append("Written by `./airq bench` (`e2e` `PipelineBenchmark`) on ")
          .append(ZonedDateTime.now().withNano(0))
          .append(". Every figure below is from that one run; rerun it to refresh the page.\n\n")
          .append("## Machine\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "- %d cores, %s memory, %s %s, Java %s%n",
                  Runtime.getRuntime().availableProcessors(),
                  memory(),
                  System.getProperty("os.name"),
                  System.getProperty("os.arch"),
                  System.getProperty("java.version")))
          .append("- load average (1, 5, 15 min) before: `")
          .append(loadBefore)
          .append("`, after: `")
          .append(loadAfter)
          .append("`\n")
          .append("- servers on loopback, started by the test kit: Mosquitto, Kafka (KRaft, one")
          .append(" broker), InfluxDB 1.x; the four airq services in one JVM (`Pipeline`)\n\n")
          .append("## Raw limits (same run, same machine)\n\n")
          .append("| what | rate |\n| --- | --- |\n")
          .append(
              row("Mosquitto QoS 1 publish → subscribe (Paho, 1000 in flight)", rawMqtt, "msg/s"))
          .append(row("Kafka producer (idempotent, acks=all)", rawProducer, "records/s"))
          .append(row("Kafka consumer", rawConsumer, "records/s"))
          .append(
              row("InfluxDB line-protocol writes (gzip, 5000 per batch)", rawInflux, "points/s"))
          .append("\n## The pipeline: MQTT → bridge → Kafka → streams → sink → InfluxDB\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "%d sensors published airq JSON readings of %d bytes at QoS 1 for %.0f s: %s.%n%n",
                  SENSORS,
                  sent.payloadBytes(),
                  sent.seconds(),
                  sent.summary()))
          .append("| stage | readings | done after | rate | of its raw limit |\n")
          .append("| --- | --- | --- | --- | --- |\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "| publish (load generator) | %d | %.1f s | %.0f/s | %.0f %% of MQTT |%n",
                  sent.acknowledged(),
                  sent.seconds(),
                  sent.achievedRate(),
                  100 * sent.achievedRate() / rawMqtt))
          .append(
              String.format(
                  Locale.ROOT,
                  "| on Kafka (bridge) | %d | %.1f s | %.0f/s | %.0f %% of MQTT, %.0f %% of the producer |%n",
                  onKafka,
                  kafkaSeconds,
                  bridgeRate,
                  100 * bridgeRate / rawMqtt,
                  100 * bridgeRate / rawProducer))
          .append(
              String.format(
                  Locale.ROOT,
                  "| stored in InfluxDB (streams + sink caught up) | %d | %.1f s | %.0f/s | %.0f %% of the consumer |%n",
                  stored,
                  storedSeconds,
                  pipelineRate,
                  100 * pipelineRate / rawConsumer))
          .append(
              String.format(
                  Locale.ROOT,
                  "%nLost: %d (published and acknowledged %d, stored %d).%n%n",
                  sent.acknowledged() - stored,
                  sent.acknowledged(),
                  stored))
          .append("Sustained end to end: **")
          .append(String.format(Locale.ROOT, "%.0f readings/s", pipelineRate))
          .append("** (stored readings over the time from the first publish until streams and")
          .append(" the sink had no backlog). Each reading also becomes clean-reading, 1-minute,")
          .append(" hourly and 24-hour points per quantity in InfluxDB.\n\n")
          .append("## Latency\n\n| path | p50 | p99 |\n| --- | --- | --- |\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "| sensor → Kafka (as a consumer sees it) | %d ms | %d ms |%n",
                  kafkaP50,
                  kafkaP99))
          .append(
              String.format(
                  Locale.ROOT,
                  "| sensor → InfluxDB, clean readings (sink's `airq.sink.reading.age`) | %d ms | %d ms |%n%n",
                  influxP50,
                  influxP99))
          .append(
              "Under a load the pipeline cannot sustain, these include the time readings queue;")
          .append(
              " run with `--rate` below the sustained rate for the latency of a keeping-up pipeline.\n\n")
          .append("## Where the CPU went\n\n")
          .append(
              String.format(
                  Locale.ROOT,
                  "CPU seconds during the %.0f s from the first publish to caught up (2 cores = %.0f CPU s available):%n%n",
                  wall,
                  2 * wall))
          .append("| process | CPU s | share of the machine |\n| --- | --- | --- |\n");
      cpu.forEach(
          (k, v) ->
              b.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %.1f | %.0f %% |%n",
                      k,
                      v,
                      100 * v / (Runtime.getRuntime().availableProcessors() * wall))));
      b.append("\nJFR execution samples of the airq JVM by thread (`")
          .append(jfr.getFileName())
          .append("` in `e2e/target`):\n\n| thread | samples |\n| --- | --- |\n");
      threads.forEach((k, v) -> b.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", k, v)));
      b.append("\nHottest methods (top of stack):\n\n| method | samples |\n| --- | --- |\n");
      methods.forEach((k, v) -> b.append(String.format(Locale.ROOT, "| `%s` | %.1f %% |%n", k, v)));
      return b.toString();
    }

    private static String row(String what, double rate, String unit) {
      return String.format(Locale.ROOT, "| %s | %.0f %s |%n", what, rate, unit);
    }

    private static String memory() {
      try {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (l.startsWith("MemTotal:")) {
            long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
            return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
          }
        }
      } catch (Exception e) {
        return "?";
      }
      return "?";
    }
  }
}
