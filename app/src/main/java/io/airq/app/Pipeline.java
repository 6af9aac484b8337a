package io.airq.app;

import io.airq.ingest.Bridge;
import io.airq.ingest.BridgeConfig;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import io.airq.sink.Sink;
import io.airq.sink.SinkConfig;
import io.airq.sink.WebhookConfig;
import io.airq.streams.StreamsApp;
import io.airq.streams.StreamsConfig;
import io.airq.streams.StreamsSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four airq services (bridge, streams, sink, planner) in this JVM, wired to one set of servers.
 * The local stack, the demo and the end-to-end suite all start the pipeline through this class, so
 * they run the same wiring.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  /**
   * What the pipeline runs against.
   *
   * @param mqttUrl the MQTT broker
   * @param kafkaBootstrap Kafka bootstrap servers
   * @param influxUrl InfluxDB 1.x URL
   * @param influxDatabase the database the sink writes and the planner reads
   * @param topicPrefix prefix of every topic ("" in production; null: "")
   * @param plannerPort planner HTTP port, its /health and /metrics too (0 = a free port)
   * @param ingestHttpPort the bridge's HTTP push, /health and /metrics port (0 = a free port)
   * @param sinkPort the sink's /health and /metrics port (0 = a free port)
   * @param streamsPort the streams job's /health and /metrics port (0 = a free port)
   * @param stateDir where Kafka Streams keeps its state stores
   * @param emitInterval the streams job's {@code emit.interval} (null: {@link
   *     StreamsSettings#DEFAULT_EMIT_INTERVAL}); test suites shorten it to settle sooner
   * @param dayZone the streams job's {@code day.zone}, the zone of the local calendar day (null:
   *     its default, UTC)
   * @param logins how the services log in to the servers (null: {@link ServerLogins#NONE})
   */
  public record Settings(
      String mqttUrl,
      String kafkaBootstrap,
      String influxUrl,
      String influxDatabase,
      String topicPrefix,
      int plannerPort,
      int ingestHttpPort,
      int sinkPort,
      int streamsPort,
      Path stateDir,
      Duration emitInterval,
      String dayZone,
      ServerLogins logins) {

    public Settings {
      topicPrefix = topicPrefix == null ? "" : topicPrefix;
      emitInterval = emitInterval == null ? StreamsSettings.DEFAULT_EMIT_INTERVAL : emitInterval;
      logins = logins == null ? ServerLogins.NONE : logins;
    }

    /**
     * Settings to build field by field: {@code
     * Pipeline.Settings.builder().mqttUrl(m).kafkaBootstrap(k).influxUrl(i).influxDatabase("airq")
     * .stateDir(dir).build()}; the ports not set are 0 (a free port), the rest takes this
     * constructor's default.
     */
    public static PipelineSettingsBuilder builder() {
      return new PipelineSettingsBuilder();
    }

    /** A suffix that keeps this pipeline's MQTT session, share group and app id its own. */
    String instance() {
      return topicPrefix.isEmpty() ? "" : "-" + topicPrefix.replaceAll("[^A-Za-z0-9-]", "");
    }

    /** The streams job's application id, which is also its consumer group. */
    public String streamsApplicationId() {
      return "airq-streams" + instance();
    }

    /** The sink's consumer group. */
    public String sinkGroupId() {
      return "airq-sink" + instance();
    }
  }

  /** How old a reading the local pipeline accepts: old enough for any archive replay. */
  public static final java.time.Duration REPLAY_MAX_AGE = java.time.Duration.ofDays(366 * 20);

  static final Duration COMMIT_INTERVAL =
      Duration.ofMillis(ServiceProperties.STREAMS_COMMIT_INTERVAL_MS);

  /**
   * The shortest quiet period that proves a pipeline with this emit interval caught up: the streams
   * job emits a sensor window's updates up to one emit interval after its last reading and commits
   * them within a commit interval, while its input backlog is already 0; the area windows those
   * updates change are emitted and committed up to one emit and one commit interval after that.
   */
  public static Duration settle(Duration emitInterval) {
    return emitInterval.plus(COMMIT_INTERVAL).multipliedBy(2).plusSeconds(1);
  }

  private final Deque<AutoCloseable> running = new ArrayDeque<>();

  /** The planner's bootstrap admin token ({@code auth.admin.token}). */
  private final String adminToken;

  private final PlannerServer planner;
  private final Settings settings;
  private final Sink sink;
  private final Bridge bridge;
  private final StreamsApp streams;

  private Pipeline(Settings s, PrintStream progress) throws Exception {
    this.settings = s;
    this.adminToken =
        s.logins().plannerToken().isEmpty()
            ? io.airq.planner.auth.TokenSecret.generate()
            : s.logins().plannerToken();
    progress.println(
        "[pipeline] starting the sink (Kafka -> InfluxDB " + s.influxDatabase() + ") ...");
    // the stack's sink settings are its own, but for the webhook (docs/quality.md)
    this.sink =
        Sink.start(
            SinkConfig.load(
                ServiceProperties.sink(s, s.sinkPort()),
                WebhookConfig.environment(System.getenv())));
    running.push(this.sink);
    progress.println("[pipeline] starting the streams job ...");
    this.streams = StreamsApp.start(StreamsConfig.from(ServiceProperties.streams(s), Map.of()));
    running.push(streams);
    progress.println("[pipeline] starting the planner ...");
    planner =
        PlannerServer.start(PlannerConfig.load(ServiceProperties.planner(s, adminToken), Map.of()));
    running.push(planner);
    progress.println("[pipeline] starting the MQTT bridge ...");
    bridge = Bridge.start(BridgeConfig.from(ServiceProperties.ingest(s), Map.of()));
    running.push(bridge);
    progress.println("[pipeline] planner at " + plannerUrl());
  }

  public static Pipeline start(Settings settings, PrintStream progress) {
    try {
      return new Pipeline(settings, progress);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("the pipeline did not start: " + e.getMessage(), e);
    }
  }

  /**
   * When a wait for the pipeline ended ({@link System#nanoTime()} values).
   *
   * @param firstNanos the first check at which the streams job and the sink had no backlog: every
   *     reading and every window emitted by then was stored; windows still pending in the streams
   *     job follow at its next emissions (up to two {@code emit.interval}s: a sensor's, then its
   *     area's), which are timer-driven, not work still to do
   * @param settledNanos the start of the quiet period that ended the wait, after those emissions
   */
  public record CaughtUp(long firstNanos, long settledNanos) {}

  /**
   * Waits until the streams job has consumed every reading (no backlog on any readings partition)
   * and the sink every output of it, steadily for {@code quiet} (at least {@link #settle} of its
   * emit interval); prints the backlogs to {@code progress} every few seconds. The sink reads
   * transactional topics: when idle, its committed offset on a partition may stop one short of the
   * end (the commit marker), so a small backlog that does not change counts as caught up.
   *
   * @return when both had first caught up, and when the quiet period that ended the wait began
   */
  public CaughtUp awaitCaughtUp(Duration quiet, Duration timeout, PrintStream progress)
      throws InterruptedException {
    return CatchUpWait.await(settings, quiet, timeout, progress);
  }

  /** The sink, for its meters. */
  public Sink sink() {
    return sink;
  }

  /** The planner's admin token: writes through its API need it ({@code --token}). */
  public String adminToken() {
    return adminToken;
  }

  public String plannerUrl() {
    return "http://127.0.0.1:" + planner.port();
  }

  /**
   * Each service's base URL, under which it answers {@code /health} and {@code /metrics}: ingest,
   * streams, sink, planner.
   */
  public Map<String, String> serviceUrls() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (bridge.metricsPort() > 0) {
      m.put("ingest", "http://127.0.0.1:" + bridge.metricsPort());
    }
    if (streams.healthUrl() != null) {
      m.put("streams", streams.healthUrl().replaceFirst("/health$", ""));
    }
    if (sink.metricsPort() > 0) {
      m.put("sink", "http://127.0.0.1:" + sink.metricsPort());
    }
    m.put("planner", plannerUrl());
    return m;
  }

  @Override
  public void close() {
    while (!running.isEmpty()) {
      AutoCloseable s = running.pop();
      try {
        s.close();
      } catch (Exception e) {
        log.warn("stopping {} failed: {}", s.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
