package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.app.Pipeline;
import io.airq.core.correction.EpaPurpleAirCorrection;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.simulator.Simulator;
import io.airq.simulator.SimulatorOptions;
import io.airq.simulator.generate.DeviceTimes;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimReading;
import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

/**
 * An airrohr / sensors.AFRICA device with a PMS5003 on pin 1 and a DHT22 on pin 7 pushes each pin
 * in its own request, one after the other, to the whole pipeline's bridge: the clean reading has
 * PM2.5 and humidity together and its PM2.5 is EPA-corrected, on {@code airq.readings.clean} and in
 * InfluxDB's {@code reading}.
 */
@RealServers
class PerPinPushEndToEndIT {
  private static final String DHT22 =
      "{\"software_version\":\"NRZ-2020-129\",\"sensordatavalues\":["
          + "{\"value_type\":\"temperature\",\"value\":\"24.10\"},"
          + "{\"value_type\":\"humidity\",\"value\":\"61.30\"}]}";

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void pinOneAndPinSevenOfAnAirrohrDeviceAreStoredTogetherAndEpaCorrected(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("e2e-pins");
    String database = servers.newDatabase("e2e-pins");
    int port = freePort();
    Pipeline.Settings settings =
        Pipeline.Settings.builder()
            .mqttUrl(servers.mqttUrl())
            .kafkaBootstrap(servers.kafkaBootstrap())
            .influxUrl(servers.influxUrl())
            .influxDatabase(database)
            .topicPrefix(prefix)
            .ingestHttpPort(port)
            .stateDir(servers.newDirectory("e2e-pins-streams-state"))
            .emitInterval(PipelineHarness.SUITE_EMIT_INTERVAL)
            .build();
    String sensor = "esp8266-" + UUID.randomUUID().toString().substring(0, 8);
    try (Pipeline pipeline = Pipeline.start(settings, System.err);
        InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      io.airq.simulator.publish.Registrar.register(
          servers.kafkaBootstrap(),
          prefix,
          List.of(
              Sensor.builder(sensor)
                  .position(-1.2864, 36.8172)
                  .area("nairobi-cbd")
                  .county("Nairobi")
                  .reportingInterval(Duration.ofSeconds(145))
                  .model("PMS5003+DHT22")
                  .build()),
          List.of());
      HttpClient http = HttpClient.newHttpClient();
      PipelineHarness.awaitSettled(
          () -> {
            try {
              String body =
                  http.send(
                          HttpRequest.newBuilder(URI.create(pipeline.plannerUrl() + "/api/sensors"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              return body.contains(sensor) ? 1 : 0;
            } catch (Exception e) {
              return 0;
            }
          },
          Duration.ofSeconds(2),
          Duration.ofSeconds(60));

      byte[] pm =
          Files.readAllBytes(
              Path.of(
                  System.getProperty("airq.shared.data"),
                  "payloads",
                  "sensors_africa_push_example.json"));
      for (Object[] push : new Object[][] {{"1", pm}, {"7", DHT22.getBytes()}}) {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/push-sensor-data/"))
                    .header("Content-Type", "application/json")
                    .header("X-Sensor", sensor)
                    .header("X-PIN", (String) push[0])
                    .POST(HttpRequest.BodyPublishers.ofByteArray((byte[]) push[1]))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
      }

      List<CleanReading> clean = new ArrayList<>();
      Properties p = new Properties();
      p.put("bootstrap.servers", servers.kafkaBootstrap());
      p.put("group.id", "e2e-pins-" + UUID.randomUUID());
      p.put("auto.offset.reset", "earliest");
      p.put("isolation.level", "read_committed");
      try (KafkaConsumer<byte[], byte[]> c =
          new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        c.subscribe(List.of(Topics.CLEAN_READINGS.prefixed(prefix).name()));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (clean.isEmpty() && System.nanoTime() < deadline) {
          c.poll(Duration.ofMillis(500))
              .forEach(r -> clean.add(Topics.CLEAN_READINGS.deserializeValue(r.value())));
        }
        c.poll(Duration.ofSeconds(2))
            .forEach(r -> clean.add(Topics.CLEAN_READINGS.deserializeValue(r.value())));
      }
      // Barkjohn et al. 2021 below 30 ug/m3: 0.524 x - 0.0862 RH + 5.75
      double epa = 0.524 * 13.40 - 0.0862 * 61.30 + 5.75;
      assertThat(clean).hasSize(1);
      CorrectedValue pm25 = clean.get(0).values().get(Quantity.PM25);
      assertThat(pm25.raw()).isEqualTo(13.40);
      assertThat(pm25.correction()).isEqualTo("us-epa-2021-ext2022");
      assertThat(pm25.value()).isCloseTo(epa, within(1e-9));
      assertThat(clean.get(0).values().get(Quantity.HUMIDITY).raw()).isEqualTo(61.30);

      PipelineHarness.awaitSettled(
          () -> {
            QueryResult r =
                influx.query(
                    new Query("SELECT count(pm25_raw) FROM \"raw_90d\".\"reading\"", database));
            return r.getResults().get(0).getSeries() == null ? 0 : 1;
          },
          Duration.ofSeconds(3),
          Duration.ofSeconds(60));
      List<List<Object>> rows =
          influx
              .query(
                  new Query(
                      "SELECT pm25, pm25_raw, humidity FROM \"raw_90d\".\"reading\"", database))
              .getResults()
              .get(0)
              .getSeries()
              .get(0)
              .getValues();
      assertThat(rows).hasSize(1);
      assertThat(((Number) rows.get(0).get(1)).doubleValue()).isCloseTo(epa, within(1e-9));
      assertThat(((Number) rows.get(0).get(2)).doubleValue()).isEqualTo(13.40);
      assertThat(((Number) rows.get(0).get(3)).doubleValue()).isEqualTo(61.30);

      simulatedAirrohrFleetPushesPerPin(servers, prefix, port, influx, database);
    }
  }

  /**
   * The simulator's airrohr sensors push per pin to the same bridge (its other sensors publish over
   * MQTT): every generated reading of theirs is in InfluxDB once, at its device time, with PM2.5
   * and humidity together and PM2.5 corrected.
   */
  private static void simulatedAirrohrFleetPushesPerPin(
      Servers servers, String prefix, int port, InfluxDB influx, String database) throws Exception {
    SimulatorOptions o =
        SimulatorOptions.defaults(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
            .withSpeed(0)
            .withScale(1, 1, 1, 3, Duration.ofHours(2));
    Scenario scenario =
        Scenario.builtIn("nairobi-closure").with(null, null, null, null, null, 7L, FaultSpec.NONE);
    URI push = URI.create("http://127.0.0.1:" + port + "/v1/push-sensor-data/");
    GroundTruth truth = Simulator.run(scenario, o, DeviceTimes.AUTO, push);
    assertThat(truth.messagesPublished()).isEqualTo(truth.messagesGenerated());
    Generation g = Generator.generate(Simulator.scaled(scenario, o), DeviceTimes.ALWAYS);
    Map<String, Map<Long, SimReading>> expected = new java.util.TreeMap<>();
    g.readings().stream()
        .filter(
            r -> g.scenario().sensors().get(r.sensorIndex()).format().equals("sensor-community"))
        .forEach(
            r ->
                expected
                    .computeIfAbsent(r.sensorId(), k -> new java.util.HashMap<>())
                    .put(r.time().toEpochMilli(), r));
    assertThat(expected).hasSize(1);
    int want = expected.values().stream().mapToInt(Map::size).sum();
    String query =
        "SELECT pm25, pm25_raw, humidity_raw FROM \"raw_90d\".\"reading\" WHERE "
            + String.join(
                " OR ", expected.keySet().stream().map(id -> "sensor = '" + id + "'").toList())
            + " GROUP BY sensor";
    // each device's last reading is merged when its pin window (10 s) ends
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<Object[]> stored = rows(influx, database, query);
    while (stored.size() < want && System.nanoTime() < deadline) {
      Thread.sleep(500);
      stored = rows(influx, database, query);
    }
    Thread.sleep(1000); // nothing more arrives
    stored = rows(influx, database, query);
    System.err.printf(
        "e2e: %d readings of %d airrohr sensors pushed per pin, %d stored%n",
        want, expected.size(), stored.size());
    assertThat(stored).hasSize(want);
    for (Object[] row : stored) {
      SimReading r = expected.get((String) row[0]).get((Long) row[1]);
      assertThat(r).as("a stored reading at a generated device time").isNotNull();
      assertThat((Double) row[3]).as("pm25_raw").isEqualTo(r.pm25());
      assertThat((Double) row[4]).as("humidity_raw from pin 7").isEqualTo(r.humidity());
      assertThat((Double) row[2])
          .as("pm25 corrected with the reading's humidity")
          .isCloseTo(EpaPurpleAirCorrection.apply(r.pm25(), r.humidity()), within(1e-9));
    }
  }

  /** Rows of {sensor, epoch ms, columns...} of a query grouped by sensor. */
  private static List<Object[]> rows(InfluxDB influx, String database, String query) {
    QueryResult r =
        influx.query(new Query(query, database), java.util.concurrent.TimeUnit.MILLISECONDS);
    List<Object[]> out = new ArrayList<>();
    if (r.getResults().get(0).getSeries() == null) {
      return out;
    }
    for (QueryResult.Series s : r.getResults().get(0).getSeries()) {
      for (List<Object> v : s.getValues()) {
        Object[] row = new Object[v.size() + 1];
        row[0] = s.getTags().get("sensor");
        row[1] = ((Number) v.get(0)).longValue();
        for (int i = 1; i < v.size(); i++) {
          row[i + 1] = v.get(i) == null ? null : ((Number) v.get(i)).doubleValue();
        }
        out.add(row);
      }
    }
    return out;
  }
}
