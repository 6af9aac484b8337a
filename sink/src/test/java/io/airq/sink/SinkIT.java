package io.airq.sink;

import static io.airq.sink.SinkTestKit.await;
import static io.airq.sink.SinkTestKit.count;
import static io.airq.sink.SinkTestKit.reading;
import static io.airq.sink.SinkTestKit.rows;
import static io.airq.sink.SinkTestKit.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.index.IndexValue;
import io.airq.core.json.Json;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.Test;

@RealServers
class SinkIT {
  static final List<String> HOSTILE =
      List.of(
          "x,evil=1 pm25=999", "quote\"d 'single' \\back\\slash", "ünï cödé 🌍 = , ;", "tab\there");

  @Test
  void everyMessageIsWrittenExactlyHostileIdsRoundTripAndWindowUpdatesOverwrite(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("sink");
    String db = servers.newDatabase("sink");
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    Instant tNanos = t0.plusNanos(123_456_789);

    try (KafkaProducer<byte[], byte[]> p = SinkTestKit.producer(servers.kafkaBootstrap());
        InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      var readings = Topics.CLEAN_READINGS.prefixed(prefix);
      for (int i = 0; i < HOSTILE.size(); i++) {
        send(
            p,
            readings,
            HOSTILE.get(i),
            reading(HOSTILE.get(i), tNanos, 10.25 + i, 20.5 + i, List.of()));
      }
      send(
          p,
          readings,
          "flagged",
          reading(
              "flagged",
              t0,
              12345678.5,
              1.25e-4,
              List.of(new QaFlag(QaRule.OUT_OF_RANGE, Quantity.PM25, "too high"))));
      send(p, readings, "line\nbreak", reading("line\nbreak", t0, 1, 1, List.of()));
      send(p, readings, "trailing\\", reading("trailing\\", t0, 1, 1, List.of()));
      SinkTestKit.sendRaw(p, readings.name(), "garbage", "{not json".getBytes());

      var averages = Topics.AVERAGES.prefixed(prefix);
      // as written before a window's quantities were grouped in one record (an upgrade)
      SinkTestKit.sendRaw(
          p,
          averages.name(),
          "a",
          Json.mapper().writeValueAsBytes(average(t0, Quantity.PM25, 30, 50, 12.5, null)));
      // late data updated the window: both quantities in one record, PM2.5 overwrites its point
      send(
          p,
          averages,
          "a",
          WindowAverages.of(
              List.of(
                  average(t0, Quantity.PM25, 45, 75, 14.75, 55),
                  average(t0, Quantity.PM10, 44, 75, 21.5, null))));

      var closures = Topics.CLOSURES.prefixed(prefix);
      Closure closure =
          Closure.builder("moi-ave")
              .name("Moi Avenue")
              .period(
                  LocalDateTime.ofInstant(
                      t0.minus(Duration.ofDays(1)), ZoneId.of("Africa/Nairobi")),
                  LocalDateTime.ofInstant(t0.plus(Duration.ofDays(1)), ZoneId.of("Africa/Nairobi")))
              .zone(ZoneId.of("Africa/Nairobi"))
              .build();
      send(p, closures, closure.id(), closure);
      send(
          p,
          Topics.CLOSURE_IMPACT.prefixed(prefix),
          "moi-ave/treated/during/pm25",
          new PhaseAggregate(
              "moi-ave",
              Group.TREATED,
              Phase.DURING,
              Quantity.PM25,
              Map.of(
                  LocalDate.of(2026, 3, 1), new Moments(3, 45, 700),
                  LocalDate.of(2026, 3, 2), new Moments(1, 20, 400)),
              2,
              t0));

      var alerts = Topics.ALERTS.prefixed(prefix);
      send(p, alerts, "ok", alert("Nairobi CBD", t0, 31.5));
      // 100 days old: beyond the raw policy, InfluxDB refuses this one point with a 400.
      Instant old = t0.minus(Duration.ofDays(100));
      send(p, readings, "ancient", reading("ancient", old, 5, 5, List.of()));

      SinkConfig cfg =
          SinkTestKit.withBatch(
              SinkConfig.load(new Properties(), Map.of()),
              "sink-it-" + prefix,
              5000,
              Duration.ofMillis(300));
      cfg = copy(cfg, servers, db, prefix);
      try (Sink sink = Sink.start(cfg)) {
        await(
            Duration.ofSeconds(60), () -> count(influx, db, "SELECT count(mean) FROM alert") == 1);
        await(
            Duration.ofSeconds(10),
            () -> count(influx, db, "SELECT count(hours) FROM closure_phase") == 1);
        await(
            Duration.ofSeconds(10),
            () ->
                count(influx, db, "SELECT count(pm25) FROM raw_90d.reading") == HOSTILE.size() + 1);
        await(
            Duration.ofSeconds(10),
            () ->
                sink.registry().counter("airq.sink.points", "outcome", "dead-lettered").count()
                    == 4);

        Map<String, Map<String, Object>> bySensor =
            rows(influx, db, "SELECT * FROM raw_90d.reading").stream()
                .collect(Collectors.toMap(r -> (String) r.get("sensor"), r -> r));
        assertThat(bySensor.keySet()).containsExactlyInAnyOrderElementsOf(withFlagged());
        for (int i = 0; i < HOSTILE.size(); i++) {
          Map<String, Object> r = bySensor.get(HOSTILE.get(i));
          assertThat(r.get("pm25")).isEqualTo(10.25 + i);
          assertThat(r.get("pm25_raw")).isEqualTo(20.5 + i);
          assertThat(r.get("flags")).isEqualTo("");
          assertThat(r.get("time")).isEqualTo(tNanos.toString());
          assertThat(r.get("area")).isEqualTo("Nairobi CBD");
          assertThat(r.get("format")).isEqualTo("airq");
        }
        assertThat(bySensor.get("flagged").get("flags")).isEqualTo("pm25:out-of-range");
        assertThat(bySensor.get("flagged").get("pm25")).isEqualTo(12345678.5);
        assertThat(bySensor.get("flagged").get("pm25_raw")).isEqualTo(1.25e-4);
        assertThat(rows(influx, db, "SHOW FIELD KEYS FROM raw_90d.reading"))
            .extracting(r -> r.get("fieldKey"))
            .containsExactlyInAnyOrder("pm25", "pm25_raw", "flags");

        List<Map<String, Object>> avg =
            rows(influx, db, "SELECT * FROM average WHERE quantity = 'pm25'");
        assertThat(avg).hasSize(1);
        assertThat(avg.get(0))
            .containsEntry("time", t0.toString())
            .containsEntry("count", 45.0)
            .containsEntry("expected", 75.0)
            .containsEntry("mean", 14.75)
            .containsEntry("aqi_us_nowcast", 55.0)
            .containsEntry("aqi_us_nowcast_category", "Moderate")
            .containsEntry("aqi_us_nowcast_pollutant", "pm25")
            .containsEntry("aqi_us_nowcast_averaging", "nowcast-12h")
            .containsEntry("aqi_us_nowcast_id", "us-epa-2024")
            .containsEntry("coverage", 60.0)
            .containsEntry("key", "nbo-cbd-01")
            .containsEntry("window", "1h");
        List<Map<String, Object>> pm10 =
            rows(influx, db, "SELECT * FROM average WHERE quantity = 'pm10'");
        assertThat(pm10).hasSize(1);
        assertThat(pm10.get(0))
            .containsEntry("time", t0.toString())
            .containsEntry("count", 44.0)
            .containsEntry("mean", 21.5)
            .containsEntry("key", "nbo-cbd-01")
            .doesNotContainKey("aqi_us_nowcast");

        List<Map<String, Object>> phase = rows(influx, db, "SELECT * FROM closure_phase");
        assertThat(phase.get(0))
            .containsEntry("time", closure.startInstant().toString())
            .containsEntry("hours", 4.0)
            .containsEntry("mean", 65.0 / 4)
            .containsEntry("sum_squares", 1100.0)
            .containsEntry("invalid_hours", 2.0)
            .containsEntry(
                "days",
                "{\"2026-03-01\":{\"count\":3,\"sum\":45.0,\"sumSquares\":700.0},"
                    + "\"2026-03-02\":{\"count\":1,\"sum\":20.0,\"sumSquares\":400.0}}");

        List<Map<String, Object>> alertRows = rows(influx, db, "SELECT * FROM alert");
        assertThat(alertRows).hasSize(1);
        assertThat(alertRows.get(0))
            .containsEntry("time", t0.toString())
            .containsEntry("key", "Nairobi CBD")
            .containsEntry("scope", "area")
            .containsEntry("window", "24h")
            .containsEntry("mean", 31.5)
            .containsEntry("threshold", 15.0)
            .containsEntry("guideline", "who-2021")
            .containsEntry("status", "raised")
            .containsEntry("level", "guideline")
            .containsEntry("averaging", "24h-rolling");

        List<ConsumerRecord<byte[], byte[]>> dead =
            SinkTestKit.readAll(
                servers.kafkaBootstrap(), Topics.SINK_DEAD_LETTER.prefixed(prefix).name(), 4);
        Map<String, String> codes = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
          codes.put(
              new String(d.key(), StandardCharsets.UTF_8), header(d, RecordHeaders.REASON_CODE));
          assertThat(header(d, RecordHeaders.ORIGIN)).isEqualTo("sink");
          assertThat(header(d, RecordHeaders.REASON)).isNotBlank();
        }
        assertThat(codes)
            .containsOnly(
                Map.entry("line\nbreak", "unrepresentable-tag"),
                Map.entry("trailing\\", "unrepresentable-tag"),
                Map.entry("garbage", "malformed-json"),
                Map.entry("ancient", "influx-rejected"));

        await(
            Duration.ofSeconds(10),
            () -> sink.registry().get("airq.sink.consumer.lag").gauge().value() == 0);
        assertThat(sink.registry().counter("airq.sink.points", "outcome", "written").count())
            .isGreaterThanOrEqualTo(HOSTILE.size() + 1 + 2 + 1 + 1);
      }

      // Restarting with the same group writes nothing twice: offsets were committed.
      try (Sink again = Sink.start(cfg)) {
        Thread.sleep(2000);
        assertThat(again.registry().counter("airq.sink.points", "outcome", "written").count())
            .isZero();
      }
    }
  }

  @Test
  void metricsAndHealthAreServedOverHttp(Servers servers) throws Exception {
    String prefix = servers.newPrefix("sink-http");
    Properties props = new Properties();
    props.setProperty("influx.url", servers.influxUrl());
    props.setProperty("influx.database", servers.newDatabase("h"));
    props.setProperty("influx.token", "secret-token");
    props.setProperty("kafka.bootstrap.servers", servers.kafkaBootstrap());
    props.setProperty("kafka.group.id", "sink-http");
    props.setProperty("topic.prefix", prefix);
    props.setProperty("batch.points", "100");
    props.setProperty("metrics.port", Integer.toString(freePort()));
    SinkConfig cfg = SinkConfig.load(props, Map.of());
    assertThat(cfg.toString()).doesNotContain("secret-token");
    try (Sink sink = Sink.start(cfg)) {
      SinkTestKit.Health health = SinkTestKit.health(sink);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("service").asText()).isEqualTo("sink");
      assertThat(health.json().path("status").asText()).isEqualTo("UP");
      for (String check : List.of("kafka", "influxdb", "closures", "sink")) {
        assertThat(health.check(check)).as(check).isEqualTo("UP");
      }
      assertThat(health.detail("influxdb")).contains("answers /ping");
      assertThat(health.detail("sink")).startsWith("running");
      HttpClient http = HttpClient.newHttpClient();
      String base2 = "http://127.0.0.1:" + sink.metricsPort();
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(base2 + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .contains("airq_sink_points_total{outcome=\"written\"}")
          .contains("airq_sink_batch_latency_seconds")
          .contains("airq_sink_retries_total")
          .contains("airq_sink_consumer_lag");
    }
  }

  static int freePort() throws Exception {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static SinkConfig copy(SinkConfig c, Servers servers, String db, String prefix) {
    return SinkTestKit.config(
        servers.influxUrl(),
        db,
        servers.kafkaBootstrap(),
        c.groupId(),
        prefix,
        c.batchPoints(),
        c.linger(),
        Duration.ofSeconds(2),
        null);
  }

  static List<String> withFlagged() {
    List<String> all = new java.util.ArrayList<>(HOSTILE);
    all.add("flagged");
    return all;
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static WindowAverage average(
      Instant start, Quantity quantity, long count, long expected, double mean, Integer aqi) {
    return new WindowAverage(
        Scope.SENSOR,
        "nbo-cbd-01",
        "Nairobi CBD",
        "Nairobi",
        AverageWindow.HOUR,
        start,
        start.plus(Duration.ofHours(1)),
        quantity,
        count,
        expected,
        100.0 * count / expected,
        2.5,
        30.5,
        mean + 4,
        mean,
        "us-epa-2021-ext2022",
        aqi == null
            ? null
            : List.of(
                new IndexValue(
                    "aqi_us_nowcast",
                    "us-epa-2024",
                    aqi,
                    "Moderate",
                    quantity,
                    IndexValue.NOWCAST_12H)));
  }

  static Alert alert(String key, Instant start, double mean) {
    return new Alert(
        Scope.AREA,
        key,
        Quantity.PM25,
        AverageWindow.DAY_ROLLING,
        start,
        start.plus(Duration.ofHours(24)),
        mean,
        15,
        "who-2021",
        "guideline",
        Alert.RAISED,
        "24h-rolling");
  }
}
