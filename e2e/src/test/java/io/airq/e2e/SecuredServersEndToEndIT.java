package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.app.AirqMain;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.InfluxServer;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.InfluxLogin;
import io.airq.kit.KafkaClients;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import io.airq.sink.Sink;
import io.airq.sink.SinkConfig;
import io.airq.streams.StreamsApp;
import io.airq.streams.StreamsConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * The services on secured servers, as production runs them: every Kafka client (airq topics, the
 * streams job, the sink, the planner) through the broker's SASL listener, and the sink and the
 * planner on an influxd with {@code auth-enabled = true} and a {@code shared-secret}, each with a
 * token (a JWT) that {@code airq influx token} minted. A reading goes readings -> streams -> clean
 * readings -> sink -> InfluxDB; the planner reads the registry over SASL, writes a closure over
 * SASL and queries InfluxDB with its token. A wrong Kafka password, a wrong InfluxDB password, a
 * token signed with another secret and an expired token each fail with a message that says so.
 */
@RealServers
class SecuredServersEndToEndIT {
  private static final String INFLUX_USER = "airq";
  private static final String INFLUX_PASSWORD = "influx-secret";
  private static final String INFLUX_SHARED_SECRET = "influx-shared-secret-of-40-bytes-or-so";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyServiceWorksThroughSaslAndInfluxAuthAndWrongSecretsFailClearly(Servers servers)
      throws Exception {
    KafkaBroker broker = servers.kafkaBroker();
    String bootstrap = broker.saslEndpoint();
    Map<String, String> sasl =
        KafkaBroker.saslClientSettings(broker.saslUser(), broker.saslPassword());
    Map<String, String> wrong = KafkaBroker.saslClientSettings(broker.saslUser(), "not-it");
    String prefix = servers.newPrefix("secured");
    String db = servers.newDatabase("secured");
    Path dir = servers.newDirectory("secured");
    InfluxServer influx =
        InfluxServer.startWithAuth(
            dir.resolve("influxdb"), 0, INFLUX_USER, INFLUX_PASSWORD, INFLUX_SHARED_SECRET);
    try {
      // the token the services use, minted through the CLI from influxd's shared secret
      Path secretFile =
          Files.writeString(dir.resolve("influx-secret"), INFLUX_SHARED_SECRET + "\n");
      Cli minted =
          airq(
              "influx",
              "token",
              "--user",
              INFLUX_USER,
              "--shared-secret-file",
              secretFile.toString(),
              "--valid",
              "1h");
      assertThat(minted.code).as(minted.err).isZero();
      String token = minted.out.strip();
      assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");

      // airq topics, through SASL; with a wrong password it fails and says why
      Cli topics = topics(dir, "topics.properties", props(bootstrap, prefix, sasl));
      assertThat(topics.code).as(topics.err).isZero();
      Cli refused = topics(dir, "wrong.properties", props(bootstrap, prefix + "x.", wrong));
      assertThat(refused.code).isNotZero();
      assertThat(refused.out + refused.err).contains("Authentication failed");

      Properties kafka = KafkaClients.properties(bootstrap, sasl);
      // on one broker: replication factor 1 and min.insync.replicas 1, as topics' defaults say
      try (Admin admin = KafkaClients.admin(bootstrap, sasl)) {
        String readings = Topics.READINGS.prefixed(prefix).name();
        TopicDescription d =
            admin.describeTopics(List.of(readings)).allTopicNames().get().get(readings);
        assertThat(d.partitions().get(0).replicas()).hasSize(1);
        ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, readings);
        Config c = admin.describeConfigs(List.of(res)).all().get().get(res);
        assertThat(c.get("min.insync.replicas").value()).isEqualTo("1");
      }
      Sensor sensor =
          Sensor.builder("sec-1")
              .position(-1.28, 36.82)
              .area("CBD")
              .county("Nairobi")
              .hostType(HostType.PUBLIC)
              .reportingInterval(Duration.ofMinutes(1))
              .model("PMS5003")
              .build();
      send(kafka, Topics.SENSORS.prefixed(prefix), sensor.id(), sensor);

      Properties sinkProps = props(bootstrap, prefix, sasl);
      sinkProps.setProperty("influx.url", influx.endpoint());
      sinkProps.setProperty("influx.database", db);
      sinkProps.setProperty("influx.token", token);
      sinkProps.setProperty("kafka.group.id", "airq-sink-" + prefix);
      sinkProps.setProperty("metrics.port", "0");
      Properties streamsProps = props(bootstrap, prefix, sasl);
      streamsProps.setProperty("application.id", "airq-streams-" + prefix.replace(".", ""));
      streamsProps.setProperty("state.dir", dir.resolve("streams-state").toString());
      streamsProps.setProperty("metrics.port", "0");
      PlannerConfig plannerCfg =
          PlannerConfig.load(
                  withToken(plannerProps(bootstrap, prefix, sasl, influx, db, ""), token), Map.of())
              .withAdminToken("secured-admin");
      // a planner with both a token and a password is refused at start, naming both settings
      Properties both = plannerProps(bootstrap, prefix, sasl, influx, db, INFLUX_PASSWORD);
      both.setProperty("influx.token", token);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlannerConfig.load(both, Map.of()))
          .hasMessageContaining("influx.token and influx.user are both set");
      try (Sink sink = Sink.start(SinkConfig.load(sinkProps, Map.of()));
          StreamsApp streams = StreamsApp.start(StreamsConfig.from(streamsProps, Map.of()));
          PlannerServer planner = PlannerServer.start(plannerCfg)) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        Reading r =
            new Reading(
                sensor.id(),
                t,
                t,
                "gw-1",
                SourceFormat.AIRQ_JSON,
                Map.of(Quantity.PM25, 12.5),
                null,
                null);
        send(kafka, Topics.READINGS.prefixed(prefix), sensor.id(), r);

        // streams (SASL) cleaned it, the sink (SASL + its token) stored it; read back with the
        // user and password, through the same login code as the services'
        try (InfluxDB admin =
            new InfluxLogin(INFLUX_USER, INFLUX_PASSWORD, "").connect(influx.endpoint())) {
          await(
              "the reading in InfluxDB",
              () -> count(admin, db, "SELECT count(pm25) FROM \"raw_90d\".\"reading\"") >= 1);
        }

        // the planner read the registry, writes a closure and queries InfluxDB, all secured
        String base = "http://127.0.0.1:" + planner.port();
        await("the planner's /health UP", () -> status(base + "/health") == 200);
        await("the sensor in the planner", () -> body(base + "/api/sensors").contains("sec-1"));
        String closure =
            "{\"id\":\"sec-closure\",\"treated\":{\"sensors\":[\"sec-1\"]},"
                + "\"start\":\"2024-01-03T00:00:00\",\"end\":\"2024-01-04T00:00:00\"}";
        HttpResponse<String> created =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/closures"))
                    .header("Authorization", "Bearer secured-admin")
                    .POST(HttpRequest.BodyPublishers.ofString(closure))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String series =
            base
                + "/api/series?sensor=sec-1&window=1h&from="
                + t.minus(Duration.ofHours(2))
                + "&to="
                + t.plus(Duration.ofHours(1));
        assertThat(status(series)).isEqualTo(200);
      }

      // a planner with a wrong InfluxDB password: health says so, a query answers 503
      // without InfluxDB's words
      try (PlannerServer planner =
          PlannerServer.start(
              PlannerConfig.load(
                  plannerProps(bootstrap, prefix, sasl, influx, db, "wrong"), Map.of()))) {
        String base = "http://127.0.0.1:" + planner.port();
        await(
            "the planner's health to name the InfluxDB credentials",
            () -> body(base + "/health").contains("refused the planner's credentials"));
        HttpResponse<String> q =
            get(
                base
                    + "/api/series?sensor=sec-1&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z");
        assertThat(q.statusCode()).isEqualTo(503);
        assertThat(q.body()).contains("requestId").doesNotContain("authorization");
      }

      // a token signed with another secret: the sink's health names the refusal, and it waits
      // (no point written, none dead-lettered, the reading left unconsumed for later)
      Properties forged = new Properties();
      forged.putAll(sinkProps);
      forged.setProperty("influx.token", jwt(INFLUX_USER, "not-the-secret", 3600));
      forged.setProperty("kafka.group.id", "airq-sink-forged-" + prefix);
      forged.setProperty("metrics.port", Integer.toString(ServiceJvm.freePort()));
      try (Sink sink = Sink.start(SinkConfig.load(forged, Map.of()))) {
        String health = "http://127.0.0.1:" + sink.metricsPort() + "/health";
        await(
            "the sink's health to name the refused token",
            () ->
                body(health)
                    .contains(
                        "refused the sink's credentials (influx.token, a JWT sent as Bearer):"
                            + " signature is invalid"));
        assertThat(status(health)).isEqualTo(503);
        await(
            "the sink to hold the reading and retry",
            () -> sink.registry().counter("airq.sink.retries").count() >= 1);
        assertThat(sink.registry().counter("airq.sink.points", "outcome", "written").count())
            .isZero();
        assertThat(sink.registry().counter("airq.sink.points", "outcome", "dead-lettered").count())
            .isZero();
      }

      // an expired token: the planner's health says InfluxDB refused it and why
      try (PlannerServer planner =
          PlannerServer.start(
              PlannerConfig.load(
                  withToken(
                      plannerProps(bootstrap, prefix, sasl, influx, db, ""),
                      jwt(INFLUX_USER, INFLUX_SHARED_SECRET, -60)),
                  Map.of()))) {
        String base = "http://127.0.0.1:" + planner.port();
        await(
            "the planner's health to name the expired token",
            () ->
                body(base + "/health").contains("refused the planner's credentials (influx.token")
                    && body(base + "/health").contains("expired"));
      }

      // a planner with a wrong Kafka password: health says the SASL login failed
      try (PlannerServer planner =
          PlannerServer.start(
              PlannerConfig.load(
                  plannerProps(bootstrap, prefix, wrong, influx, db, INFLUX_PASSWORD), Map.of()))) {
        String base = "http://127.0.0.1:" + planner.port();
        await(
            "the planner's health to name the Kafka login",
            () -> body(base + "/health").contains("SaslAuthenticationException"));
      }
    } finally {
      influx.stop();
    }
  }

  private record Cli(int code, String out, String err) {}

  private static Cli topics(Path dir, String name, Properties p) throws Exception {
    Path f = dir.resolve(name);
    try (var w = Files.newBufferedWriter(f)) {
      p.store(w, null);
    }
    return airq("topics", "--config", f.toString());
  }

  private static Cli airq(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AirqMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  /** The planner's settings with a token instead of a user and password. */
  private static Properties withToken(Properties p, String token) {
    p.remove("influx.user");
    p.remove("influx.password");
    p.setProperty("influx.token", token);
    return p;
  }

  /**
   * A JWT as influxd's shared-secret auth reads it, minted here apart from airq's code: HS256 over
   * base64url header and claims ({@code username}, {@code exp} = now + {@code validSeconds}).
   */
  private static String jwt(String user, String secret, long validSeconds) throws Exception {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
    long exp = Instant.now().getEpochSecond() + validSeconds;
    String signed =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(utf8))
            + "."
            + b64.encodeToString(
                ("{\"username\":\"" + user + "\",\"exp\":" + exp + "}").getBytes(utf8));
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(utf8), "HmacSHA256"));
    return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(utf8)));
  }

  private static Properties props(String bootstrap, String prefix, Map<String, String> kafka) {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", bootstrap);
    p.setProperty("topic.prefix", prefix);
    kafka.forEach((k, v) -> p.setProperty("kafka." + k, v));
    return p;
  }

  private static Properties plannerProps(
      String bootstrap,
      String prefix,
      Map<String, String> kafka,
      InfluxServer influx,
      String db,
      String password) {
    Properties p = props(bootstrap, prefix, kafka);
    p.setProperty("http.port", "0");
    p.setProperty("influx.url", influx.endpoint());
    p.setProperty("influx.database", db);
    p.setProperty("influx.user", INFLUX_USER);
    p.setProperty("influx.password", password);
    return p;
  }

  private static <V> void send(Properties kafka, Topic<String, V> topic, String key, V value)
      throws Exception {
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(kafka, new ByteArraySerializer(), new ByteArraySerializer())) {
      p.send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(key), topic.serializeValue(value)))
          .get();
    }
  }

  private static long count(InfluxDB influx, String db, String q) {
    QueryResult r = influx.query(new Query(q, db));
    if (r.getResults() == null
        || r.getResults().isEmpty()
        || r.getResults().get(0).getSeries() == null) {
      return 0;
    }
    return ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
        .longValue();
  }

  private static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(what + " within 90 s");
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private int status(String url) {
    return get(url).statusCode();
  }

  private String body(String url) {
    return get(url).body();
  }
}
