package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code airq ingest|streams|sink|planner}, each in its own JVM as a container runs it, configured
 * only through {@code AIRQ_*} variables, against real Mosquitto, Kafka and InfluxDB: each becomes
 * ready (after {@code airq topics} created the topics) and stops cleanly on SIGTERM.
 */
@RealServers
class ServiceCommandsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void eachServiceRunsFromEnvironmentVariablesAndStopsCleanlyOnSigterm(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("svc");
    String db = servers.newDatabase("svc");
    Path logs = servers.newDirectory("svc-logs");
    int ingestPort = freePort();
    int sinkPort = freePort();
    int plannerPort = freePort();
    int streamsPort = freePort();
    Map<String, String> common =
        Map.of(
            "AIRQ_KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrap(), "AIRQ_TOPIC_PREFIX", prefix);

    Process topics = start("topics", logs, common, Map.of("AIRQ_TOPICS_PARTITIONS", "2"));
    assertThat(topics.waitFor(90, TimeUnit.SECONDS)).as("airq topics ends").isTrue();
    assertThat(topics.exitValue())
        .as("airq topics; log:%n%s", Files.readString(logs.resolve("topics.log")))
        .isZero();

    Process ingest =
        start(
            "ingest",
            logs,
            common,
            Map.of(
                "AIRQ_MQTT_URL",
                servers.mqttUrl(),
                "AIRQ_MQTT_CLIENT_ID",
                "svc-it-" + prefix,
                "AIRQ_MQTT_SHARE_GROUP",
                "svc-it-" + prefix.replace(".", ""),
                "AIRQ_HTTP_PORT",
                Integer.toString(ingestPort)));
    Process sink =
        start(
            "sink",
            logs,
            common,
            Map.of(
                "AIRQ_INFLUX_URL",
                servers.influxUrl(),
                "AIRQ_INFLUX_DATABASE",
                db,
                "AIRQ_KAFKA_GROUP_ID",
                "svc-it-sink-" + prefix,
                "AIRQ_METRICS_PORT",
                Integer.toString(sinkPort)));
    Process planner =
        start(
            "planner",
            logs,
            common,
            Map.of(
                "AIRQ_INFLUX_URL", servers.influxUrl(),
                "AIRQ_INFLUX_DATABASE", db,
                "AIRQ_HTTP_PORT", Integer.toString(plannerPort)));
    Process streams =
        start(
            "streams",
            logs,
            common,
            Map.of(
                "AIRQ_APPLICATION_ID",
                "svc-it-streams-" + prefix.replace(".", ""),
                "AIRQ_STATE_DIR",
                servers.newDirectory("svc-state").toString(),
                "AIRQ_METRICS_PORT",
                Integer.toString(streamsPort)));
    try {
      awaitOk("http://127.0.0.1:" + ingestPort + "/health", ingest, logs.resolve("ingest.log"));
      awaitOk("http://127.0.0.1:" + sinkPort + "/health", sink, logs.resolve("sink.log"));
      awaitOk("http://127.0.0.1:" + plannerPort + "/health", planner, logs.resolve("planner.log"));
      awaitLog(logs.resolve("streams.log"), "-> RUNNING", streams);
      awaitOk("http://127.0.0.1:" + streamsPort + "/health", streams, logs.resolve("streams.log"));
      for (Map.Entry<String, Process> e :
          Map.of("ingest", ingest, "sink", sink, "planner", planner, "streams", streams)
              .entrySet()) {
        Process p = e.getValue();
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s stops within 60 s", e.getKey()).isTrue();
        String log = Files.readString(logs.resolve(e.getKey() + ".log"));
        assertThat(p.exitValue())
            .as("%s exit status after SIGTERM (128 + 15); log:%n%s", e.getKey(), log)
            .isEqualTo(143);
        assertThat(log).contains(e.getKey() + ": stopping").doesNotContain(" ERROR ");
      }
    } finally {
      for (Process p : List.of(ingest, sink, planner, streams)) {
        p.destroyForcibly();
      }
    }
  }

  private static Process start(
      String command, Path logs, Map<String, String> common, Map<String, String> env)
      throws IOException {
    String cp =
        Path.of("target", "classes").toAbsolutePath()
            + java.io.File.pathSeparator
            + Files.readString(Path.of("target", "classpath.txt")).trim();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                cp,
                "io.airq.app.AirqMain",
                command)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(command + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AIRQ_"));
    pb.environment().putAll(common);
    pb.environment().putAll(env);
    return pb.start();
  }

  private static void awaitOk(String url, Process p, Path log) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    int status = -1;
    while (Instant.now().isBefore(deadline) && p.isAlive()) {
      try {
        status =
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return;
        }
      } catch (IOException notYet) {
        status = -1;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        url + " did not answer 200 (last " + status + "); log:\n" + Files.readString(log));
  }

  private static void awaitLog(Path log, String text, Process p) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline) && p.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no '" + text + "' in the log:\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
