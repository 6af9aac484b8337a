package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airq.core.config.ConfigSpec;
import io.airq.simulator.SimulatorCli;
import io.airq.simulator.publish.GatewayAccounts;
import io.airq.simulator.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so it is checked against the code (and
 * its accounts one-shot's script is run by sh, with mosquitto_passwd): it parses, has the services
 * issue 8 asks for with health checks, runs real {@code airq} commands, and every {@code AIRQ_*}
 * variable it sets is read by the command that receives it.
 */
class ComposeFileTest {
  static final Path ROOT = Path.of("..");
  static JsonNode compose;

  @BeforeAll
  static void parse() throws IOException {
    String yaml = Files.readString(ROOT.resolve("docker-compose.yml"));
    // Jackson YAML parses the file but does not apply merge keys (<<: *airq-service); SnakeYAML,
    // the engine under it, does, as Docker Compose does.
    assertThat(new YAMLMapper().readTree(yaml).path("services").size()).isGreaterThan(8);
    compose = new ObjectMapper().valueToTree(new Yaml().load(yaml));
  }

  private static JsonNode service(String name) {
    JsonNode s = compose.path("services").path(name);
    assertThat(s.isObject()).as("service %s in docker-compose.yml", name).isTrue();
    return s;
  }

  private static List<String> command(JsonNode service) {
    List<String> c = new ArrayList<>();
    service.path("command").forEach(n -> c.add(n.asText()));
    return c;
  }

  @Test
  void everyAirqVariableIsAKeyOfTheServiceItsCommandRuns() {
    Map<String, ConfigSpec> specs = ServiceConfigs.byCommand();
    List<String> checked = new ArrayList<>();
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            e -> {
              List<String> cmd = command(e.getValue());
              Set<String> vars = new TreeSet<>();
              e.getValue().path("environment").fieldNames().forEachRemaining(vars::add);
              vars.removeIf(v -> !v.startsWith("AIRQ_"));
              if (vars.isEmpty()) {
                return;
              }
              assertThat(cmd)
                  .as("%s sets AIRQ_* variables but runs no airq command", e.getKey())
                  .isNotEmpty();
              String command = cmd.get(0);
              for (String v : vars) {
                if (specs.containsKey(command)) {
                  assertThat(specs.get(command).readsEnv(v))
                      .as(
                          "%s sets %s, which `airq %s` does not read (docs/configuration.md)",
                          e.getKey(), v, command)
                      .isTrue();
                } else {
                  assertThat(simulatorVariables(command))
                      .as("%s sets %s for `airq %s`", e.getKey(), v, command)
                      .contains(v);
                }
                checked.add(e.getKey() + ":" + v);
              }
            });
    assertThat(checked)
        .contains(
            "ingest:AIRQ_KAFKA_BOOTSTRAP_SERVERS",
            "planner:AIRQ_HTTP_BIND",
            "sink:AIRQ_INFLUX_URL",
            "streams:AIRQ_STATE_DIR",
            "streams:AIRQ_DAY_ZONE",
            "topics:AIRQ_KAFKA_BOOTSTRAP_SERVERS",
            "simulator:AIRQ_MQTT_URL");
  }

  @Test
  void airqServicesRunRealCommandsOfTheImage() {
    CommandLine airq = AirqMain.commandLine();
    for (String s : List.of("ingest", "streams", "sink", "planner", "topics")) {
      assertThat(command(service(s))).containsExactly(s);
      assertThat(airq.getSubcommands()).containsKey(s);
      assertThat(service(s).path("build").asText()).isEqualTo(".");
    }
    List<String> sim = command(service("simulator"));
    assertThat(new CommandLine(new SimulatorCli()).getSubcommands()).containsKey(sim.get(0));
    assertThat(
            new CommandLine(new SimulatorCli())
                .parseArgs(sim.toArray(String[]::new))
                .hasSubcommand())
        .isTrue();
    assertThat(service("simulator").path("profiles").toString()).contains("simulator");
  }

  @Test
  void theServersAndGrafanaAreTheOnesTheIssueAsksFor() {
    assertThat(service("kafka").path("image").asText()).startsWith("apache/kafka:");
    assertThat(service("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .as("KRaft")
        .contains("controller");
    assertThat(service("influxdb").path("image").asText()).isEqualTo("influxdb:1.11");
    String mosquittoVolumes = service("mosquitto").path("volumes").toString();
    assertThat(mosquittoVolumes).contains("mosquitto.conf").contains("deploy/mosquitto/acl");
    assertThat(ROOT.resolve("deploy/mosquitto/mosquitto.conf")).exists();
    // no password file (nor its hashes) is committed: mosquitto-accounts writes it from .env
    assertThat(ROOT.resolve("deploy/mosquitto/passwords")).doesNotExist();
    String grafanaVolumes = service("grafana").path("volumes").toString();
    assertThat(grafanaVolumes)
        .contains("./deploy/grafana/provisioning")
        .contains("./deploy/grafana/dashboards");
    assertThat(ROOT.resolve("deploy/grafana/provisioning/datasources/influxdb.yml")).exists();
    assertThat(ROOT.resolve("deploy/grafana/dashboards/airq-overview.json")).exists();
  }

  @Test
  void longRunningServicesHaveHealthChecksAndDependOnlyOnHealthyOnes() {
    for (String s :
        List.of("mosquitto", "kafka", "influxdb", "grafana", "ingest", "sink", "planner")) {
      assertThat(service(s).path("healthcheck").path("test").isArray())
          .as("%s has a healthcheck", s)
          .isTrue();
    }
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .path("depends_on")
                    .fields()
                    .forEachRemaining(
                        d -> {
                          String condition = d.getValue().path("condition").asText();
                          if ("service_completed_successfully".equals(condition)) {
                            assertThat(service(d.getKey()).path("restart").asText())
                                .as("%s waits for one-shot %s", e.getKey(), d.getKey())
                                .isEqualTo("no");
                          }
                          if ("service_healthy".equals(condition)) {
                            assertThat(service(d.getKey()).path("healthcheck").isObject())
                                .as("%s waits for %s to be healthy", e.getKey(), d.getKey())
                                .isTrue();
                          }
                        }));
  }

  @Test
  void noServerIsOpenWithoutCredentialsAndEverySecretComesFromTheEnvironment() throws IOException {
    // InfluxDB: auth on, and no port published to the host
    JsonNode influx = service("influxdb");
    assertThat(influx.has("ports")).as("influxdb publishes no port").isFalse();
    assertThat(influx.path("environment").path("INFLUXDB_HTTP_AUTH_ENABLED").asText())
        .isEqualTo("true");
    // Grafana: an admin login, no anonymous access, no sign-up
    JsonNode grafana = service("grafana").path("environment");
    assertThat(grafana.path("GF_AUTH_ANONYMOUS_ENABLED").asText()).isEqualTo("false");
    assertThat(grafana.path("GF_USERS_ALLOW_SIGN_UP").asText()).isEqualTo("false");
    assertThat(grafana.path("GF_SECURITY_ADMIN_PASSWORD").asText()).startsWith("${");
    String datasource =
        Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/influxdb.yml"));
    assertThat(datasource)
        .contains("user: $INFLUXDB_READ_USER")
        .contains("$INFLUXDB_READ_PASSWORD");
    // Mosquitto: no anonymous client, the shipped ACL (a gateway publishes only as itself)
    String conf = Files.readString(ROOT.resolve("deploy/mosquitto/mosquitto.conf"));
    assertThat(conf).contains("allow_anonymous false").contains("acl_file /mosquitto/config/acl");
    assertThat(Files.readString(ROOT.resolve("deploy/mosquitto/acl")))
        .contains("pattern write airq/v1/%u/#");
    // no account may write every gateway's topic: the simulator logs in as each gateway
    // (its name is there only in the accounts script's refusal of it)
    assertThat(
            Files.readString(ROOT.resolve("docker-compose.yml"))
                .replace("airq-bridge|airq-simulator) fail", ""))
        .doesNotContain(Credentials.SIMULATOR_USER);
    assertThat(service("simulator").path("environment").has("AIRQ_MQTT_USERNAME")).isFalse();
    // no password on a command line: mosquitto_passwd hashes files (-U), never -b
    assertThat(command(service("mosquitto-accounts")).toString())
        .contains("mosquitto_passwd -U")
        .doesNotContain("mosquitto_passwd -b");
    // Kafka: SASL on the client listener, and every airq Kafka client logs in
    JsonNode kafka = service("kafka").path("environment");
    assertThat(kafka.path("KAFKA_LISTENERS").asText().split(","))
        .containsExactly("SASL_PLAINTEXT://:9092", "CONTROLLER://:9093");
    for (String s : List.of("topics", "ingest", "streams", "sink", "planner")) {
      JsonNode env = service(s).path("environment");
      assertThat(env.path("AIRQ_KAFKA_SECURITY_PROTOCOL").asText()).as(s).startsWith("SASL_");
      assertThat(env.path("AIRQ_KAFKA_SASL_JAAS_CONFIG").asText()).as(s).contains("${KAFKA_");
    }
    assertThat(service("planner").path("environment").path("AIRQ_AUTH_ADMIN_TOKEN").asText())
        .startsWith("${");
    // every secret a service is given is a required variable of .env, never a literal
    List<String> secrets = new ArrayList<>();
    compose
        .path("services")
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .path("environment")
                    .fields()
                    .forEachRemaining(
                        v -> {
                          if (v.getKey().matches(".*(PASSWORD|TOKEN|SECRET|JAAS).*")) {
                            assertThat(v.getValue().asText())
                                .as("%s %s comes from .env", e.getKey(), v.getKey())
                                .containsPattern("\\$\\{[A-Z_]+(:\\?[^}]*)?}");
                            secrets.add(e.getKey() + ":" + v.getKey());
                          }
                        }));
    assertThat(secrets).contains("sink:AIRQ_INFLUX_PASSWORD", "planner:AIRQ_INFLUX_PASSWORD");
    // and .env.example names every variable the file uses
    String raw = Files.readString(ROOT.resolve("docker-compose.yml"));
    String example = Files.readString(ROOT.resolve(".env.example"));
    Matcher m = Pattern.compile("\\$\\{([A-Z_]+)").matcher(raw);
    while (m.find()) {
      assertThat(example).as(".env.example names %s", m.group(1)).contains(m.group(1) + "=");
    }
    assertThat(raw).doesNotContain("airq-demo");
  }

  @Test
  void theSimulatorPublishesThroughTheAccountsTheAccountsServiceMadeForItsGateways()
      throws Exception {
    List<String> sim = command(service("simulator"));
    int at = sim.indexOf("--mqtt-gateway-accounts");
    assertThat(at).as("simulate --mqtt-gateway-accounts").isPositive();
    Path file = Path.of(sim.get(at + 1));
    String mount = "simulator-accounts:" + file.getParent() + ":ro";
    assertThat(service("simulator").path("volumes").toString()).contains(mount);
    assertThat(service("mosquitto-accounts").path("volumes").toString())
        .contains("simulator-accounts:/simulator");
    String script = command(service("mosquitto-accounts")).get(0);
    assertThat(script).contains("s=/simulator/" + file.getFileName() + ";");

    // .env.example's value for the simulator profile: the gateways of the scenario it runs
    Scenario scenario = Scenario.builtIn(sim.get(1));
    Set<String> gateways = new TreeSet<>();
    scenario.sensors().forEach(x -> gateways.add(x.gateway()));
    scenario.weather().stations().forEach(x -> gateways.add(x.gateway()));
    Matcher m =
        Pattern.compile("(?m)^# SIMULATOR_GATEWAYS=(.+)$")
            .matcher(Files.readString(ROOT.resolve(".env.example")));
    assertThat(m.find()).as(".env.example shows SIMULATOR_GATEWAYS for the simulator").isTrue();
    assertThat(new TreeSet<>(List.of(m.group(1).strip().split(" +")))).isEqualTo(gateways);

    // the one-shot's script, run by sh on this machine (its paths under a temporary directory)
    Run run =
        accountsScript(
            Map.of(
                "MQTT_BRIDGE_PASSWORD", "bridge secret",
                "MQTT_GATEWAYS", "gw-real-1:one-password gw-real-2:two\\back",
                "SIMULATOR_GATEWAYS", m.group(1).strip()));
    assertThat(run.code()).as("the script: %s", run.output()).isZero();
    Map<String, String> accounts =
        GatewayAccounts.read(scriptDir.resolve("simulator/gateways.properties"));
    assertThat(accounts.keySet()).isEqualTo(gateways);
    assertThat(accounts.values()).allMatch(pw -> pw.matches("[A-Za-z0-9]{32}"));
    Path passwords = scriptDir.resolve("mosquitto/accounts/passwords");
    List<String> users = MosquittoPasswordFile.users(Files.readAllLines(passwords));
    Set<String> expected = new TreeSet<>(gateways);
    expected.addAll(List.of(Credentials.BRIDGE_USER, "gw-real-1", "gw-real-2"));
    assertThat(new TreeSet<>(users)).isEqualTo(expected);
    assertThat(Files.readString(passwords))
        .doesNotContain("bridge secret")
        .doesNotContain("one-password");
    for (Path f : List.of(passwords, scriptDir.resolve("simulator/gateways.properties"))) {
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(f)))
          .as("%s is owner-only", f)
          .isEqualTo("rw-------");
    }
  }

  @Test
  void theAccountsScriptRefusesWhatMosquittoPasswdWouldMangleOrAnIdThatIsNoGateways()
      throws Exception {
    String script = command(service("mosquitto-accounts")).get(0);
    assertThat(script)
        .as("gateway ids checked with airq gateways' pattern")
        .contains("grep -Eqx '" + GatewaysCommand.ID.pattern() + "'")
        .startsWith("set -ef;");
    Map<String, String> ok =
        Map.of("MQTT_BRIDGE_PASSWORD", "bridge", "MQTT_GATEWAYS", "", "SIMULATOR_GATEWAYS", "");
    record Case(String variable, String value, String says) {}
    for (Case c :
        List.of(
            new Case("MQTT_BRIDGE_PASSWORD", "pa:ss", "MQTT_BRIDGE_PASSWORD contains ':'"),
            new Case(
                "MQTT_GATEWAYS",
                "gw-1:pa:ss",
                "the password of gateway gw-1 in MQTT_GATEWAYS contains ':'"),
            new Case("MQTT_GATEWAYS", "gw-1:", "the password of gateway gw-1 in MQTT_GATEWAYS is"),
            new Case("MQTT_GATEWAYS", "no-colon-secret", "an MQTT_GATEWAYS entry has no ':'"),
            new Case("MQTT_GATEWAYS", "gw/1:secret", "'gw/1' is not a gateway id"),
            new Case("MQTT_GATEWAYS", "airq-simulator:secret", "airq-simulator is an airq service"),
            new Case("SIMULATOR_GATEWAYS", "airq-bridge", "airq-bridge is an airq service account"),
            // unquoted in the loop: without set -f, '*' would be this directory's file names
            new Case("SIMULATOR_GATEWAYS", "*", "'*' is not a gateway id"))) {
      Map<String, String> env = new java.util.HashMap<>(ok);
      env.put(c.variable(), c.value());
      Run run = accountsScript(env);
      assertThat(run.code()).as("%s=%s: %s", c.variable(), c.value(), run.output()).isEqualTo(1);
      assertThat(run.output()).startsWith("mosquitto-accounts: ").contains(c.says());
      assertThat(run.output()).doesNotContain("secret");
      try (var left = Files.walk(scriptDir)) {
        assertThat(left.filter(Files::isRegularFile)).as("nothing left behind").isEmpty();
      }
    }
  }

  private record Run(int code, String output) {}

  @TempDir Path scriptDir;

  /** The accounts one-shot's script, run by sh with its paths under {@link #scriptDir}. */
  private Run accountsScript(Map<String, String> env) throws Exception {
    String script = command(service("mosquitto-accounts")).get(0);
    Files.createDirectories(scriptDir.resolve("mosquitto/accounts"));
    Files.createDirectories(scriptDir.resolve("simulator"));
    String local =
        script
            .replace("$$", "$")
            .replace("/mosquitto/accounts/", scriptDir + "/mosquitto/accounts/")
            .replace("=/simulator/", "=" + scriptDir + "/simulator/")
            .replaceAll("chown [^;]+(;|$)", "");
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", local)
            .directory(scriptDir.toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    return new Run(p.waitFor(), output);
  }

  /** The {@code ${env:AIRQ_…}} variables a simulator subcommand's options read. */
  private static Set<String> simulatorVariables(String subcommand) {
    CommandLine sub =
        new CommandLine(new SimulatorCli())
            .setInterpolateVariables(false)
            .getSubcommands()
            .get(subcommand);
    assertThat(sub).as("simulator subcommand %s", subcommand).isNotNull();
    Set<String> vars = new TreeSet<>();
    Pattern env = Pattern.compile("\\$\\{env:(AIRQ_[A-Z0-9_]+)");
    for (OptionSpec o : sub.getCommandSpec().options()) {
      String dflt = o.defaultValue();
      if (dflt != null) {
        Matcher m = env.matcher(dflt);
        while (m.find()) {
          vars.add(m.group(1));
        }
      }
    }
    return vars;
  }

  @Test
  void theImageRunsTheLauncherWithJavaAsPidOne() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
    assertThat(dockerfile).contains("ENTRYPOINT [\"java\"").contains("io.airq.app.AirqMain");
  }
}
