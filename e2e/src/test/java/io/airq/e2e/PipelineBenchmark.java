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
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
  private static final double LATENCY_RATE =
      Double.parseDouble(System.getProperty("airq.bench.latency-rate", "0"));
  private static final int LATENCY_SECONDS = Integer.getInteger("airq.bench.latency-seconds", 30);
  private static final int WARMUP_SECONDS = Integer.getInteger("airq.bench.warmup-seconds", 0);

  /** The warm-up's rate: the run's own when one is set, else 3,000 readings/s. */
  private static final double WARMUP_RATE =
      Double.parseDouble(
          System.getProperty("airq.bench.warmup-rate", RATE > 0 ? String.valueOf(RATE) : "3000"));

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

    // A JFR recording instruments JDK classes when it starts (socket and file reads, among others),
    // which throws away the compiled code that inlined them. Started only for the measured run, it
    // set the JIT compiling again in the middle of it, after any warm-up: in one run the compiler
    // threads took 35 CPU s of the measured minute, as much as the stream thread. This recording,
    // with the same settings, starts before the services, so the instrumentation is in place
    // before their code is compiled; the measured run's own recording then changes nothing.
    try (CpuProfile instrumentation = new CpuProfile();
        PipelineHarness h = new PipelineHarness(servers, "bench", null)) {
      Registrar.register(servers.kafkaBootstrap(), h.prefix, loadSensors(), List.of());
      Thread.sleep(2000); // the registry's global tables pick the sensors up
      // off by default (it doubles the run's length); with the recording above started first, a
      // warm-up leaves the JIT little to do in the measured run (docs/streams.md)
      Phase warm = WARMUP_SECONDS > 0 ? phase(h, servers, WARMUP_RATE, WARMUP_SECONDS) : null;
      long storedWarm = h.count("SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\"");
      CpuProfile profile = new CpuProfile();
      Phase busy;
      try {
        busy = phase(h, servers, RATE, SECONDS);
      } finally {
        profile.stop(Path.of("target", "bench.jfr").toAbsolutePath());
      }
      long storedBusy = h.count("SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\"") - storedWarm;
      double sustained = storedBusy / busy.caughtUpSeconds();
      double calmRate = LATENCY_RATE > 0 ? LATENCY_RATE : Math.max(50, Math.floor(sustained / 2));
      Phase calm = phase(h, servers, calmRate, LATENCY_SECONDS);
      long storedCalm =
          h.count("SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\"") - storedWarm - storedBusy;
      Report r =
          new Report(
              load0,
              loadAverage(),
              rawMqtt,
              rawProducer,
              rawConsumer,
              rawInflux,
              warm,
              busy,
              storedBusy,
              calm,
              storedCalm,
              profile.cpuSeconds(),
              profile.wallSeconds(),
              profile.threadCpuSeconds(14),
              profile.gcPauses(),
              profile.threadShares(12),
              profile.hotMethods(15),
              profile.load(busy.publishedFrom(), busy.publishedTo()),
              profile.load(busy.publishedTo(), busy.streamsDoneAt()));
      String md = r.markdown();
      System.out.println(md);
      Path doc = docsDir().resolve("benchmarks.md");
      Files.writeString(doc, withDatedRuns(md, Files.exists(doc) ? Files.readString(doc) : ""));
      System.err.println("[bench] wrote " + doc);
      if (warm != null) {
        assertThat(warm.onKafka()).as("warm-up on Kafka").isEqualTo(warm.sent().acknowledged());
        assertThat(storedWarm).as("warm-up stored").isEqualTo(warm.sent().acknowledged());
      }
      assertThat(busy.onKafka()).as("readings on Kafka").isEqualTo(busy.sent().acknowledged());
      assertThat(storedBusy).as("readings stored").isEqualTo(busy.sent().acknowledged());
      assertThat(calm.onKafka()).as("readings on Kafka").isEqualTo(calm.sent().acknowledged());
      assertThat(storedCalm).as("readings stored").isEqualTo(calm.sent().acknowledged());
    }
  }

  /** One load run, from the first publish until streams and the sink have caught up. */
  record Phase(
      double rate,
      LoadGenerator.LoadReport sent,
      long onKafka,
      double onKafkaSeconds,
      double caughtUpSeconds,
      double settledSeconds,
      double streamsDoneSeconds,
      long kafkaP50,
      long kafkaP99,
      long influxP50,
      long influxP99,
      double points,
      Instant publishedFrom,
      Instant publishedTo,
      Instant streamsDoneAt,
      List<BacklogSample> backlog,
      ExternalLoad load,
      double publishedSeconds) {

    /** Seconds from the last reading on Kafka until the streams job had no backlog. */
    double streamsLag() {
      return streamsDoneSeconds - onKafkaSeconds;
    }

    /** Seconds from then until the sink first had no backlog either. */
    double sinkLag() {
      return Math.max(0, caughtUpSeconds - streamsDoneSeconds);
    }

    /** Seconds from the end of publishing until streams and the sink first had no backlog. */
    double behind() {
      return caughtUpSeconds - publishedSeconds;
    }

    /** Whether the load offered less than 99 % of a set rate. */
    boolean achievedRateShort() {
      return rate > 0 && sent.achievedRate() < 0.99 * rate;
    }

    /**
     * Whether the pipeline kept up with the load: every acknowledged reading reached Kafka and was
     * stored, and all of them were in InfluxDB within {@link #KEPT_UP_LAG} of the end of
     * publishing, so no backlog built up over the run (in Mosquitto, the bridge, streams or the
     * sink).
     */
    boolean keptUp(long stored) {
      return onKafka == sent.acknowledged()
          && stored == sent.acknowledged()
          && behind() <= KEPT_UP_LAG.toSeconds();
    }
  }

  /**
   * The lag that still counts as keeping up: the streams job commits every 2 s and the sink writes
   * every second (its linger), and both are polled once a second, so a pipeline with no backlog
   * takes up to about 4 s to be seen caught up. A pipeline that kept only 92 % of the rate would be
   * 5 s behind at the end of a 60-s run.
   */
  static final Duration KEPT_UP_LAG = Duration.ofSeconds(5);

  /**
   * The load generator, run in a JVM of its own at a lower priority ({@code nice 10}): the
   * simulated sensors are not part of the pipeline, and in the pipeline's JVM they took a fifth of
   * its CPU and shared its JIT compiler and garbage collector. With both on two cores, the pipeline
   * now comes first; if it leaves the load too little CPU, the load's achieved rate shows it.
   */
  record ExternalLoad(LoadGenerator.LoadReport report, double cpuSeconds, boolean niced) {
    static ExternalLoad run(String mqttUrl, double rate, int seconds) throws Exception {
      List<String> cmd = new ArrayList<>();
      boolean niced = Files.isExecutable(Path.of("/usr/bin/nice"));
      if (niced) {
        cmd.addAll(List.of("/usr/bin/nice", "-n", "10"));
      }
      cmd.addAll(
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx1g",
              "-XX:+UseParallelGC",
              "-cp",
              System.getProperty("java.class.path"),
              "io.airq.simulator.SimulatorCli",
              "load",
              "--mqtt",
              mqttUrl,
              "--qos",
              "1",
              "--sensors",
              String.valueOf(SENSORS),
              "--rate",
              String.valueOf(rate),
              "--duration",
              Duration.ofSeconds(seconds).toString(),
              "--max-in-flight",
              "1000"));
      Path log = Files.createTempFile("airq-bench-load", ".log");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      List<String> lines;
      try {
        boolean ended = p.waitFor(seconds + 120L, TimeUnit.SECONDS);
        lines = Files.readAllLines(log);
        if (!ended) {
          throw new IllegalStateException(
              "the load generator did not end within "
                  + (seconds + 120)
                  + " s ("
                  + cmd
                  + "):\n"
                  + String.join("\n", lines));
        }
      } finally {
        p.destroyForcibly();
        Files.deleteIfExists(log);
      }
      LoadGenerator.LoadReport report = null;
      double cpu = 0;
      for (String line : lines) {
        if (line.contains("load generator CPU: ")) {
          String v = line.substring(line.indexOf("CPU: ") + 5).split(" ")[0];
          cpu = Double.parseDouble(v);
        } else if (line.startsWith("sent ")) {
          report = LoadGenerator.LoadReport.parse(line);
        }
      }
      if (report == null) {
        throw new IllegalStateException(
            "no summary from the load generator (exit "
                + p.exitValue()
                + ", "
                + cmd
                + "):\n"
                + String.join("\n", lines));
      }
      if (p.exitValue() != 0) {
        System.err.println(
            "[bench] the load generator exited with " + p.exitValue() + ": " + report.summary());
      }
      return new ExternalLoad(report, cpu, niced);
    }
  }

  /** The streams job's backlog of readings at a moment of the run. */
  record BacklogSample(double seconds, long readings) {}

  /** Samples the streams job's readings backlog every 2 s on a thread of its own. */
  private static final class BacklogSampler implements AutoCloseable {
    /** {nanoTime, readings} pairs. */
    private final List<long[]> samples = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Thread thread;
    private volatile boolean stopping;

    BacklogSampler(String bootstrap, String group, String topic) {
      thread =
          new Thread(
              () -> {
                try (io.airq.app.Backlog backlog = new io.airq.app.Backlog(bootstrap)) {
                  long next = System.nanoTime();
                  while (!stopping) {
                    next += 2_000_000_000L;
                    while (!stopping && System.nanoTime() < next) {
                      Thread.sleep(50);
                    }
                    if (!stopping) {
                      long n = backlog.of(group, List.of(topic));
                      samples.add(new long[] {System.nanoTime(), n});
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  System.err.println("[bench] backlog sampler stopped: " + e);
                }
              },
              "bench-backlog-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    List<long[]> stop() throws InterruptedException {
      close();
      return List.copyOf(samples);
    }

    @Override
    public void close() throws InterruptedException {
      stopping = true;
      thread.join(30_000);
    }
  }

  private static Phase phase(PipelineHarness h, Servers servers, double rate, int seconds)
      throws Exception {
    Timer age = h.pipeline.sink().registry().find("airq.sink.reading.age").timer();
    var written = h.pipeline.sink().registry().counter("airq.sink.points", "outcome", "written");
    HistogramSnapshot ageBefore = age.takeSnapshot();
    double pointsBefore = written.count();
    String readings = Topics.READINGS.prefixed(h.prefix).name();
    try (KafkaArrivalProbe probe = new KafkaArrivalProbe(servers.kafkaBootstrap(), readings)) {
      System.err.printf(
          "[bench] %d sensors publishing for %d s (%s) ...%n",
          SENSORS, seconds, rate == 0 ? "as fast as possible" : rate + " readings/s");
      long spawned = System.nanoTime();
      Instant spawnedAt = Instant.now();
      ExternalLoad load;
      List<long[]> samples;
      try (BacklogSampler sampler =
          new BacklogSampler(
              servers.kafkaBootstrap(), h.settings.streamsApplicationId(), readings)) {
        load = ExternalLoad.run(servers.mqttUrl(), rate, seconds);
        samples = sampler.stop();
      }
      long ended = System.nanoTime();
      Instant publishedTo = Instant.now();
      LoadGenerator.LoadReport sent = load.report();
      // the child's own clock: from its first publish to its last acknowledgement, so the times
      // below count from its first publish, not from its JVM's start
      long t0 = Math.max(spawned, ended - (long) (sent.seconds() * 1e9));
      Instant publishedFrom = spawnedAt.plusNanos(t0 - spawned);
      List<BacklogSample> backlog =
          samples.stream()
              .filter(x -> x[0] >= t0)
              .map(x -> new BacklogSample((x[0] - t0) / 1e9, x[1]))
              .toList();
      System.err.println("[bench] " + sent.summary());
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (probe.count() < sent.acknowledged() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      long onKafka = probe.lastArrivalNanos();
      long streamsDone = awaitStreamsBacklogZero(h, servers, readings);
      Instant streamsDoneAt = Instant.now();
      io.airq.app.Pipeline.CaughtUp caughtUp =
          h.awaitDrained(Duration.ofSeconds(5), Duration.ofMinutes(30));
      HistogramSnapshot ageAfter = age.takeSnapshot();
      return new Phase(
          rate,
          sent,
          probe.count(),
          (onKafka - t0) / 1e9,
          (caughtUp.firstNanos() - t0) / 1e9,
          (caughtUp.settledNanos() - t0) / 1e9,
          (streamsDone - t0) / 1e9,
          probe.percentileMs(0.5),
          probe.percentileMs(0.99),
          percentileMs(ageBefore, ageAfter, 0.5),
          percentileMs(ageBefore, ageAfter, 0.99),
          written.count() - pointsBefore,
          publishedFrom,
          publishedTo,
          streamsDoneAt,
          backlog,
          load,
          (ended - t0) / 1e9);
    }
  }

  /**
   * Which stage held the throughput run back: the streams job when it cleared its readings backlog
   * later after the last reading reached Kafka than the sink needed after it to first have no
   * backlog. The last emissions of pending windows, which come on the emit interval's timer, are
   * not counted in either.
   */
  private static String bottleneck(Phase busy) {
    double streamsLag = busy.streamsLag();
    double sinkLag = busy.sinkLag();
    boolean streams = streamsLag >= sinkLag;
    return String.format(
        java.util.Locale.ROOT,
        "**Bottleneck: %s.** The streams job cleared its backlog %.1f s after the last reading"
            + " reached Kafka; the sink first had no backlog %.1f s after that. The windows still"
            + " pending then (emitted every `emit.interval`: the sensors' windows, then the area"
            + " windows they update) were stored %.1f s later. The"
            + " JFR thread table below shows where the airq JVM's CPU went.%n%n",
        streams
            ? "the streams job (one stream thread; the readings waited for it)"
            : "the sink and InfluxDB (the averages and readings waited for them)",
        streamsLag,
        sinkLag,
        busy.settledSeconds() - busy.caughtUpSeconds());
  }

  /**
   * Waits until the streams job has no backlog on the readings topic (polled every 500 ms), and
   * returns when it first saw none: the time streams took, apart from the sink.
   */
  private static long awaitStreamsBacklogZero(PipelineHarness h, Servers servers, String readings)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    try (io.airq.app.Backlog backlog = new io.airq.app.Backlog(servers.kafkaBootstrap())) {
      while (System.nanoTime() < deadline) {
        if (backlog.of(h.settings.streamsApplicationId(), List.of(readings)) == 0) {
          return System.nanoTime();
        }
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("the streams job still had a backlog after 30 minutes");
  }

  /**
   * The upper bound (ms) of the histogram bucket holding the q-quantile of what was recorded
   * between two snapshots of a timer with a cumulative histogram; -1 when nothing was.
   */
  private static long percentileMs(HistogramSnapshot before, HistogramSnapshot after, double q) {
    double total = after.count() - before.count();
    if (total <= 0) {
      return -1;
    }
    CountAtBucket[] a = after.histogramCounts();
    CountAtBucket[] b = before.histogramCounts();
    for (int i = 0; i < a.length; i++) {
      double n = a[i].count() - (i < b.length ? b[i].count() : 0);
      if (n >= q * total) {
        return Math.round(a[i].bucket(TimeUnit.MILLISECONDS));
      }
    }
    return Math.round(after.max(TimeUnit.MILLISECONDS));
  }

  /**
   * The interval the sensors are registered with: at a set rate, the one they keep (100,000 sensors
   * at 10,000 readings/s: every 10 s), so their minutes fill and coverage means what it says; as
   * fast as possible, 1 s per 1,000 sensors (they report faster; coverage is capped at 100 %).
   */
  private static Duration reportingInterval() {
    return RATE > 0
        ? Duration.ofMillis(Math.max(1, Math.round(SENSORS * 1000.0 / RATE)))
        : Duration.ofSeconds(Math.max(1, SENSORS / 1000));
  }

  private static List<Sensor> loadSensors() {
    List<Sensor> out = new ArrayList<>();
    for (int i = 0; i < SENSORS; i++) {
      out.add(
          Sensor.builder("load-" + i)
              .position(-1.28 + (i % 100) * 0.001, 36.82 + (i / 100) * 0.001)
              .gatewayId("load-gw-" + (i % 100))
              .area("Bench " + (i % 20))
              .street("Bench Street " + (i % 50))
              .county("Bench County")
              .hostType(HostType.PUBLIC)
              .reportingInterval(reportingInterval())
              .model("PMS5003")
              .build());
    }
    return out;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  /** The heading of the page's table of dated runs, kept by hand below the bench's figures. */
  static final String DATED_RUNS = "## Dated runs";

  /** The bench's new page followed by the dated-runs section of the page it replaces, if any. */
  static String withDatedRuns(String page, String previous) {
    int i = previous.indexOf("\n" + DATED_RUNS + "\n");
    return i < 0 ? page : page.stripTrailing() + "\n" + previous.substring(i);
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
      Phase warm,
      Phase busy,
      long storedBusy,
      Phase calm,
      long storedCalm,
      Map<String, Double> cpu,
      double wall,
      Map<String, Double> threadCpu,
      CpuProfile.GcPauses gcPauses,
      Map<String, Double> threads,
      Map<String, Double> methods,
      CpuProfile.PhaseLoad publishing,
      CpuProfile.PhaseLoad draining) {

    String markdown() {
      StringBuilder b = new StringBuilder();
      LoadGenerator.LoadReport sent = busy.sent();
      double pipelineRate = storedBusy / busy.caughtUpSeconds();
      double bridgeRate = busy.onKafka() / busy.onKafkaSeconds();
      // the points include the last pending windows, stored by the time the pipeline settled
      double pointRate = busy.points() / busy.settledSeconds();
      int cores = Runtime.getRuntime().availableProcessors();
      b.append("# Benchmarks\n\n")
          .append("Written by `./airq bench` (`e2e` `PipelineBenchmark`) on ")
          .append(ZonedDateTime.now().withNano(0))
          .append(
              ". Every figure down to \"Dated runs\" is from that one run; rerun it to refresh the page.\n\n")
          .append("## Machine\n\n")
          .append(
              f(
                  "- %d cores, %s memory, %s %s, Java %s%n",
                  cores,
                  memory(),
                  System.getProperty("os.name"),
                  System.getProperty("os.arch"),
                  System.getProperty("java.version")))
          .append(f("- the JVM running the pipeline: %s%n", jvm()))
          .append("- load average (1, 5, 15 min; running/all tasks) before: `")
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
              row(
                  "InfluxDB line-protocol writes (`reading` points of 23 fields like the load's,"
                      + " gzip, 5000 per batch)",
                  rawInflux,
                  "points/s"))
          .append("\n## Throughput: MQTT → bridge → Kafka → streams → sink → InfluxDB\n\n")
          .append(
              f(
                  "%d sensors took turns publishing airq JSON readings of about %d bytes (11"
                      + " quantities, every value varying from message to message, so that the QA rules"
                      + " flag hardly any) at QoS 1, %s, for %.0f s: %s. They are registered as"
                      + " reporting every %.1f s. The load generator runs in a JVM of its own at"
                      + " `nice 10`, so that on the shared cores the pipeline comes first, as it"
                      + " would with real sensors (runs before 2026-11-28 had it in the pipeline's"
                      + " JVM); the stage times count from its first publish.%n%n",
                  SENSORS,
                  sent.payloadBytes(),
                  RATE == 0
                      ? "as fast as the load generator could"
                      : f("at %.0f readings/s in all", RATE),
                  sent.seconds(),
                  sent.summary(),
                  reportingInterval().toMillis() / 1000.0))
          .append(warmUp())
          .append("| stage | done after | rate | of its raw limit |\n")
          .append("| --- | --- | --- | --- |\n")
          .append(
              f(
                  "| published and acknowledged: %d readings | %.1f s | %.0f/s | %.0f %% of MQTT |%n",
                  sent.acknowledged(),
                  sent.seconds(),
                  sent.achievedRate(),
                  100 * sent.achievedRate() / rawMqtt))
          .append(
              f(
                  "| on Kafka (bridge): %d readings | %.1f s | %.0f/s | %.0f %% of MQTT, %.0f %% of"
                      + " the producer |%n",
                  busy.onKafka(),
                  busy.onKafkaSeconds(),
                  bridgeRate,
                  100 * bridgeRate / rawMqtt,
                  100 * bridgeRate / rawProducer))
          .append(
              f(
                  "| through streams (its readings backlog 0): %d readings | %.1f s | %.0f/s | %.0f"
                      + " %% of the consumer, %.0f %% of the producer |%n",
                  busy.onKafka(),
                  busy.streamsDoneSeconds(),
                  busy.onKafka() / busy.streamsDoneSeconds(),
                  100 * busy.onKafka() / busy.streamsDoneSeconds() / rawConsumer,
                  100 * busy.onKafka() / busy.streamsDoneSeconds() / rawProducer))
          .append(
              f(
                  "| stored in InfluxDB (streams and sink caught up): %d readings, %.0f points"
                      + " | %.1f s (the points: %.1f s) | %.0f readings/s, %.0f points/s | %.0f %%"
                      + " of InfluxDB's points/s |%n",
                  storedBusy,
                  busy.points(),
                  busy.caughtUpSeconds(),
                  busy.settledSeconds(),
                  pipelineRate,
                  pointRate,
                  100 * pointRate / rawInflux))
          .append(
              f(
                  "%nLost: %d (acknowledged %d, stored %d). Each reading becomes about %.1f points"
                      + " (the clean reading, and minute, hour, 24-hour and area averages per"
                      + " quantity as they are updated).%n%n",
                  sent.acknowledged() - storedBusy,
                  sent.acknowledged(),
                  storedBusy,
                  busy.points() / Math.max(1, storedBusy)))
          .append(sustained(pipelineRate))
          .append("## Latency at a rate the pipeline keeps up with\n\n")
          .append(
              f(
                  "A second run of %.0f s at %.0f readings/s (half the sustained rate): %s; all"
                      + " %d stored, none lost.%n%n",
                  calm.sent().seconds(), calm.rate(), calm.sent().summary(), storedCalm))
          .append("| path | p50 | p99 |\n| --- | --- | --- |\n")
          .append(
              f(
                  "| sensor → Kafka (measurement time to a consumer of `airq.readings` seeing it) |"
                      + " %d ms | %d ms |%n",
                  calm.kafkaP50(), calm.kafkaP99()))
          .append(
              f(
                  "| sensor → InfluxDB, clean readings (`airq.sink.reading.age`; bucket upper"
                      + " bounds) | ≤ %d ms | ≤ %d ms |%n",
                  calm.influxP50(), calm.influxP99()))
          .append(
              f(
                  "| the same in the throughput run%s | %d ms / ≤ %d ms | %d ms / ≤ %d ms |%n%n",
                  busy.keptUp(storedBusy) ? "" : " (overloaded)",
                  busy.kafkaP50(),
                  busy.influxP50(),
                  busy.kafkaP99(),
                  busy.influxP99()))
          .append("## Where the CPU went (throughput run)\n\n")
          .append(
              f(
                  "CPU seconds from the start of the run until the pipeline had settled (the last"
                      + " pending windows stored), %.0f s (%d cores = %.0f CPU s):%n%n",
                  wall, cores, cores * wall))
          .append("| process | CPU s | share of the machine |\n| --- | --- | --- |\n");
      cpu.forEach(
          (k, v) -> b.append(f("| %s | %.1f | %.0f %% |%n", k, v, 100 * v / (cores * wall))));
      b.append(
          f(
              "| load generator (its own JVM%s; its whole run of about %.0f s, JVM start included;"
                  + " the share is of that run) | %.1f | %.0f %% |%n",
              busy.load().niced() ? " at `nice 10`" : ", not niced: no /usr/bin/nice",
              busy.sent().seconds(),
              busy.load().cpuSeconds(),
              100 * busy.load().cpuSeconds() / (cores * busy.sent().seconds())));
      b.append(
          f(
              "%nThe stream thread's CPU (JFR's per-second `jdk.ThreadCPULoad`, as a share of all %d"
                  + " cores; one thread can use at most %.0f %%): **%.0f %%** while the load"
                  + " generator published, with the machine %.0f %% busy; %s.%n",
              cores,
              100.0 / cores,
              100 * publishing.streamThreads(),
              100 * publishing.machine(),
              Double.isNaN(draining.streamThreads()) || Double.isNaN(draining.machine())
                  ? f(
                      "from then until its backlog was gone (%.1f s) is too short for the"
                          + " once-a-second figures",
                      busy.streamsDoneSeconds() - busy.publishedSeconds())
                  : f(
                      "**%.0f %%** from then until its backlog was gone, with the machine %.0f %%"
                          + " busy",
                      100 * draining.streamThreads(), 100 * draining.machine())));
      b.append(
              f(
                  "%nCPU seconds of the airq JVM's threads over the same time (approximate: the sum of JFR's"
                      + " per-second `jdk.ThreadCPULoad`; the JIT compiler threads are here, the garbage"
                      + " collector's are not: its pauses took %.1f s of wall time in %d"
                      + " collections):%n%n",
                  gcPauses.seconds(), gcPauses.collections()))
          .append("| thread | CPU s |\n| --- | --- |\n");
      threadCpu.forEach((k, v) -> b.append(f("| `%s` | %.1f |%n", k, v)));
      b.append("\nJFR execution samples of the airq JVM by thread (`e2e/target/bench.jfr`):\n\n")
          .append("| thread | samples |\n| --- | --- |\n");
      threads.forEach((k, v) -> b.append(f("| `%s` | %.1f %% |%n", k, v)));
      b.append("\nHottest methods (top of stack):\n\n| method | samples |\n| --- | --- |\n");
      methods.forEach((k, v) -> b.append(f("| `%s` | %.1f %% |%n", k, v)));
      return b.toString();
    }

    /**
     * The sustained rate. At a set rate that the pipeline kept up with, the rate it kept up with;
     * otherwise (as fast as possible, or a rate it fell behind), the readings stored over the time
     * from the first publish until streams and the sink first had no backlog.
     */
    private String sustained(double pipelineRate) {
      StringBuilder b = new StringBuilder();
      LoadGenerator.LoadReport sent = busy.sent();
      String counted =
          f(
              "%.0f readings/s counted from the first publish until streams and the sink first had"
                  + " no backlog, %.0f counting the wait for the last emissions of pending windows,"
                  + " which come on the `emit.interval` timer",
              pipelineRate, storedBusy / busy.settledSeconds());
      String offered =
          busy.rate() > 0
              ? f(
                  " The load offered %.0f of the %.0f readings/s asked (%.1f %%): whether the"
                      + " pipeline keeps up with the rest is not measured by this run.",
                  sent.achievedRate(), busy.rate(), 100 * sent.achievedRate() / busy.rate())
              : "";
      if (busy.rate() > 0 && busy.keptUp(storedBusy)) {
        b.append(
            f(
                "Sustained end to end: **%.0f readings/s for %.0f s, kept up, %d lost.** Every"
                    + " reading published was in InfluxDB %.1f s after publishing ended (the last"
                    + " reading reached Kafka at %.1f s, the streams job had no backlog %.1f s"
                    + " after that, the sink %.1f s after it), so no backlog built up over the run (kept"
                    + " up: every acknowledged reading stored, within %d s; %s).%s%n%n",
                sent.achievedRate(),
                sent.seconds(),
                sent.acknowledged() - storedBusy,
                busy.behind(),
                busy.onKafkaSeconds(),
                busy.streamsLag(),
                busy.sinkLag(),
                KEPT_UP_LAG.toSeconds(),
                counted,
                busy.achievedRateShort() ? offered : ""));
      } else {
        b.append(f("Sustained end to end: **%.0f readings/s** (%s).%n%n", pipelineRate, counted));
        if (busy.rate() > 0) {
          b.append(
              f(
                  "**Did not keep up with %.0f readings/s:** the last readings reached InfluxDB"
                      + " %.1f s after publishing ended (kept up: every acknowledged reading"
                      + " stored, within %d s).%s%n%n",
                  sent.achievedRate(), busy.behind(), KEPT_UP_LAG.toSeconds(), offered));
        }
      }
      b.append(backlogTrend());
      if (busy.rate() > 0 && busy.keptUp(storedBusy)) {
        b.append(
            "No stage held the readings back at this rate; the CPU tables below show how much"
                + " of the machine each took.\n\n");
      } else {
        b.append(bottleneck(busy));
      }
      return b.toString();
    }

    /** The streams job's backlog while the load published, every 10 s. */
    private String backlogTrend() {
      List<BacklogSample> samples = busy.backlog();
      if (samples.isEmpty()) {
        return "";
      }
      StringBuilder b =
          new StringBuilder("The streams job's backlog of readings while the load published: ");
      double next = 10;
      long max = 0;
      List<String> parts = new ArrayList<>();
      for (BacklogSample x : samples) {
        max = Math.max(max, x.readings());
        if (x.seconds() >= next) {
          parts.add(f("%d at %.0f s", x.readings(), x.seconds()));
          next = Math.floor(x.seconds() / 10) * 10 + 10;
        }
      }
      b.append(String.join(", ", parts)).append(f("; at most %d (sampled every 2 s).%n%n", max));
      return b.toString();
    }

    private String warmUp() {
      if (warm == null) {
        return "No warm-up run: the airq services started just before it, so the JIT compiled"
            + " their code during it (`--warmup SECONDS` runs one first).\n\n";
      }
      return f(
          "Before it, a warm-up run (not counted) published %d readings (%s) for %.0f s, all"
              + " stored, so that the JIT had compiled the hot code, as in a pipeline that has run"
              + " for a while.%n%n",
          warm.sent().acknowledged(),
          warm.rate() == 0
              ? "as fast as it could"
              : f("%.0f readings/s of the %.0f asked", warm.sent().achievedRate(), warm.rate()),
          warm.sent().seconds());
    }

    private static String f(String format, Object... args) {
      return String.format(Locale.ROOT, format, args);
    }

    private static String row(String what, double rate, String unit) {
      return f("| %s | %.0f %s |%n", what, rate, unit);
    }

    /**
     * The garbage collector, heap limit and JVM options of this JVM, which runs the four services
     * (the launcher's {@code AIRQ_JAVA_OPTS} do not reach it; the e2e module's {@code argLine}
     * does).
     */
    private static String jvm() {
      String collectors =
          ManagementFactory.getGarbageCollectorMXBeans().stream()
              .map(GarbageCollectorMXBean::getName)
              .collect(Collectors.joining(", "));
      List<String> options =
          ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
              .filter(a -> a.startsWith("-X"))
              .toList();
      return f(
          "garbage collector %s, heap at most %.1f GiB, options `%s`",
          collectors,
          Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0 / 1024.0,
          options.isEmpty() ? "(none)" : String.join(" ", options));
    }

    private static String memory() {
      try {
        for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (l.startsWith("MemTotal:")) {
            long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
            return f("%.0f GiB", kb / 1024.0 / 1024.0);
          }
        }
      } catch (Exception e) {
        return "?";
      }
      return "?";
    }
  }
}
