package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.CompactedTable;
import io.airq.kit.KafkaClients;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import io.airq.planner.cli.PlannerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The sensor registry as an operator uses it: {@code airq sensors add|import|list|show|retire}
 * against a real planner on real Kafka, the entries read back from the compacted sensors topic.
 */
@RealServers
class SensorRegistryIT {
  private static final String ADMIN = "test-admin-token";

  private record Run(int code, String out, String err) {}

  @Test
  void anOperatorRegistersImportsListsAndRetiresSensorsThroughTheCli(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("registry");
    String db = servers.newDatabase("registry");
    Topic<String, Sensor> topic = Topics.SENSORS.prefixed(prefix);
    Properties kafka = KafkaClients.properties(servers.kafkaBootstrap(), Map.of());
    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(ADMIN))) {
      String api = "http://127.0.0.1:" + planner.port();

      Run anonymous =
          cli(
              "sensors", "add", "--api", api, "--token", "", "--id", "x1", "--lat", "1", "--lon",
              "2");
      assertThat(anonymous.code()).isEqualTo(1);
      assertThat(anonymous.err()).contains("HTTP 401");

      Run bad =
          cli(
              "sensors", "add", "--api", api, "--id", "nbo 1", "--lat", "95", "--kind", "sea",
              "--zone", "Nairobi");
      assertThat(bad.code()).isEqualTo(1);
      assertThat(bad.err())
          .contains("HTTP 422")
          .contains("id must be")
          .contains("lat must be a number from -90 to 90: 95")
          .contains("lon is required")
          .contains("kind must be air or weather: sea")
          .contains(
              "zone is not an IANA time zone id (e.g. Africa/Nairobi, Europe/Dublin, UTC): Nairobi");

      Run added =
          cli(
              "sensors",
              "add",
              "--api",
              api,
              "--id",
              "nbo-cbd-01",
              "--lat",
              "-1.2841",
              "--lon",
              "36.8233",
              "--area",
              "CBD",
              "--model",
              "PMS5003",
              "--installed",
              "2021-05-01",
              "--licence",
              "ODbL-1.0",
              "--reporting-interval",
              "PT2M",
              "--zone",
              "Africa/Nairobi");
      assertThat(added.code()).as(added.err()).isZero();
      assertThat(added.out())
          .contains("\"id\":\"nbo-cbd-01\"")
          .contains("\"kind\":\"air\"")
          .contains("\"zone\":\"Africa/Nairobi\"");
      assertThat(
              cli("sensors", "add", "--api", api, "--id", "nbo-cbd-01", "--lat", "1", "--lon", "2")
                  .err())
          .contains("HTTP 409");

      Path listing =
          Path.of(
              System.getProperty("airq.shared.data", System.getenv("AIRQ_SHARED_DATA")),
              "payloads",
              "sensors_africa_api_v1_node_2021-06.json");
      Run first = cli("sensors", "import", "--api", api, listing.toString());
      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.out()).startsWith("10 created, 0 updated, 0 unchanged");
      long records = records(kafka, topic);
      Run second = cli("sensors", "import", "--api", api, listing.toString());
      assertThat(second.code()).isZero();
      assertThat(second.out())
          .contains("nothing changed: all 10 sensor(s) of " + listing.getFileName());
      assertThat(records(kafka, topic)).as("a second import writes nothing").isEqualTo(records);

      Path csv = servers.newDirectory("registry").resolve("sensors.csv");
      Files.writeString(
          csv,
          """
          id,lat,lon,area,model,installed,attribution
          esp8266-11639153,-1.383,36.939,Nairobi,pms5003,,sensors.AFRICA
          nbo-wl-01,-1.2676,36.8108,Westlands,SDS011,2021-06-01,
          """);
      Run viaCsv = cli("sensors", "import", "--api", api, csv.toString());
      assertThat(viaCsv.code()).as(viaCsv.err()).isZero();
      assertThat(viaCsv.out())
          .startsWith("1 created, 1 updated, 0 unchanged")
          .contains("created\tnbo-wl-01")
          .contains("updated\tesp8266-11639153");
      Path broken = csv.resolveSibling("broken.csv");
      Files.writeString(broken, "id,lat,lon\nx1,north,2\nx2,1\n");
      Run refused = cli("sensors", "import", "--api", api, broken.toString());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err())
          .contains("nothing imported, 2 problem(s)")
          .contains("line 2: lat is not a number: north")
          .contains("line 3: 2 fields, the header has 3");

      Run retired = cli("sensors", "retire", "--api", api, "nbo-cbd-01", "--at", "2021-06-15");
      assertThat(retired.code()).as(retired.err()).isZero();
      assertThat(cli("sensors", "retire", "--api", api, "nbo-cbd-01").err())
          .contains("HTTP 409")
          .contains("already retired at 2021-06-15T00:00:00Z");

      Run list = cli("sensors", "list", "--api", api);
      List<String> lines = list.out().lines().toList();
      assertThat(lines).hasSize(12);
      assertThat(lines.stream().map(l -> l.split("\t")[0]).toList())
          .contains("nbo-cbd-01", "nbo-wl-01", "esp8266-11639153", "esp8266-13910628");
      assertThat(lines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("nbo-cbd-01\tair\tretired 2021-06-15T00:00:00Z\t-1.2841"));
      Run show = cli("sensors", "show", "--api", api, "esp8266-11639153");
      JsonNode shown = Json.mapper().readTree(show.out());
      assertThat(shown.get("attribution").asText()).isEqualTo("sensors.AFRICA");
      assertThat(shown.get("street").asText()).isEqualTo("GreatWall Apartments");
      assertThat(shown.get("reportingInterval").asText()).isEqualTo("PT2M25S");
      assertThat(cli("sensors", "show", "--api", api, "nope").err())
          .contains("HTTP 404")
          .contains("no sensor nope");

      // what the other services read: the compacted topic, retired kept, never deleted
      try (CompactedTable<Sensor> table = CompactedTable.start(kafka, topic)) {
        assertThat(table.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        Map<String, Sensor> registry = table.snapshot();
        assertThat(registry).hasSize(12);
        Sensor cbd = registry.get("nbo-cbd-01");
        assertThat(cbd.retired()).isEqualTo(Instant.parse("2021-06-15T00:00:00Z"));
        assertThat(cbd.installed()).isEqualTo(Instant.parse("2021-05-01T00:00:00Z"));
        assertThat(cbd.licence()).isEqualTo("ODbL-1.0");
        assertThat(cbd.reportingInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(registry.get("esp8266-11639153").installed())
            .as("an import keeps the installation date of the first registration")
            .isEqualTo(registry.get("esp8266-11640212").installed());
      }
    }
  }

  private static long records(Properties kafka, Topic<String, Sensor> topic) {
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(kafka, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toList());
      return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Runs a planner command; writes (add, import, retire) carry the admin token unless given one.
   */
  private static Run cli(String... args) {
    List<String> a = new java.util.ArrayList<>(List.of(args));
    if (List.of("add", "import", "retire").contains(a.get(1)) && !a.contains("--token")) {
      a.add("--token");
      a.add(ADMIN);
    }
    args = a.toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new PlannerCli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
