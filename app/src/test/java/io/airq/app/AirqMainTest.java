package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class AirqMainTest {
  private static final Endpoints STACK =
      new Endpoints(
          "tcp://127.0.0.1:18830",
          "127.0.0.1:19092",
          "http://127.0.0.1:18086",
          "http://127.0.0.1:8080",
          "");

  @Test
  void everyCommandAndSubcommandAnswersHelpWithItsUsage() {
    List<List<String>> paths = new ArrayList<>();
    collect(AirqMain.commandLine(), new ArrayList<>(), paths);
    // the service commands, the planner's nested closures commands, the simulator's commands
    assertThat(paths)
        .contains(
            List.of("sink"),
            List.of("closures"),
            List.of("closures", "add"),
            List.of("closures", "show"),
            List.of("impact"),
            List.of("replay"),
            List.of("load"),
            List.of("topics"));
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          AirqMain.commandLine()
              .setOut(new PrintWriter(out))
              .setErr(new PrintWriter(err))
              .execute(args.toArray(String[]::new));
      assertThat(code).as("exit status of airq %s; stderr: %s", args, err).isZero();
      String usage = ("Usage: airq " + String.join(" ", path)).trim();
      assertThat(out.toString()).as("airq %s", args).contains(usage).contains("--help");
      assertThat(err.toString()).as("airq %s", args).isEmpty();
    }
  }

  @Test
  void everyCommandWithVersionOptionPrintsAirqsVersion() {
    List<List<String>> paths = new ArrayList<>();
    collect(AirqMain.commandLine(), new ArrayList<>(), paths);
    int checked = 0;
    for (List<String> path : paths) {
      CommandLine cl = AirqMain.commandLine();
      CommandLine leaf = cl;
      for (String name : path) {
        leaf = leaf.getSubcommands().get(name);
      }
      if (leaf.getCommandSpec().findOption("--version") == null) {
        continue;
      }
      List<String> args = new ArrayList<>(path);
      args.add("--version");
      StringWriter out = new StringWriter();
      int code = cl.setOut(new PrintWriter(out)).execute(args.toArray(String[]::new));
      assertThat(code).as("airq %s", args).isZero();
      assertThat(out.toString().trim()).as("airq %s", args).matches("airq \\d+\\.\\d+\\.\\d+.*");
      checked++;
    }
    assertThat(checked).as("commands with --version").isGreaterThan(10);
  }

  private static void collect(CommandLine c, List<String> path, List<List<String>> into) {
    into.add(List.copyOf(path));
    c.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (sub.getCommandName().equals(name)) { // aliases would repeat a command
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, into);
              }
            });
  }

  @Test
  void clientCommandsGoToTheLocalStackUnlessToldOtherwise() {
    LocalStackDefaults up = new LocalStackDefaults(Optional.of(STACK), Map.of());
    ParseResult replay = AirqMain.commandLine(up).parseArgs("replay", "../shared/data/cork/");
    assertThat(option(replay, "--mqtt")).isEqualTo("tcp://127.0.0.1:18830");
    assertThat(option(replay, "--kafka")).isEqualTo("127.0.0.1:19092");
    ParseResult list = AirqMain.commandLine(up).parseArgs("closures", "list");
    assertThat(option(list, "--api")).isEqualTo("http://127.0.0.1:8080");

    // an option given wins, and so does the environment variable an option's default reads
    LocalStackDefaults withEnv =
        new LocalStackDefaults(Optional.of(STACK), Map.of("AIRQ_KAFKA_BOOTSTRAP", "kafka:9092"));
    ParseResult simulate =
        AirqMain.commandLine(withEnv)
            .parseArgs("simulate", "--mqtt", "tcp://broker:1883", "nairobi-closure");
    assertThat(option(simulate, "--mqtt")).isEqualTo("tcp://broker:1883");
    assertThat(option(simulate, "--kafka")).isNotEqualTo("127.0.0.1:19092");
    ParseResult api =
        AirqMain.commandLine(up).parseArgs("impact", "--closure", "x", "--api", "http://h:1");
    assertThat(option(api, "--api")).isEqualTo("http://h:1");
  }

  @Test
  void theSimulatorAndAirqTopicsLogInWithTheStacksCredentials() {
    Credentials secrets = Credentials.generate();
    java.nio.file.Path kafka = java.nio.file.Path.of("/state/kafka-client.properties");
    LocalStackDefaults up =
        new LocalStackDefaults(
            Optional.of(STACK), Optional.of(secrets), Optional.of(kafka), Map.of());
    ParseResult simulate = AirqMain.commandLine(up).parseArgs("simulate", "nairobi-closure");
    assertThat(option(simulate, "--mqtt-user")).isEqualTo(Credentials.SIMULATOR_USER);
    assertThat(option(simulate, "--mqtt-password")).isEqualTo(secrets.simulatorPassword());
    assertThat(option(simulate, "--kafka-config")).isEqualTo(kafka);
    assertThat(option(AirqMain.commandLine(up).parseArgs("topics"), "--config")).isEqualTo(kafka);
    // a service's --config is its own file, never the stack's Kafka login
    assertThat(option(AirqMain.commandLine(up).parseArgs("ingest"), "--config")).isNull();
    ParseResult closures = AirqMain.commandLine(up).parseArgs("closures", "list");
    assertThat(option(closures, "--token")).isEqualTo(secrets.plannerToken());
    // the environment's account wins over the stack's
    LocalStackDefaults env =
        new LocalStackDefaults(
            Optional.of(STACK),
            Optional.of(secrets),
            Optional.of(kafka),
            Map.of("AIRQ_MQTT_USERNAME", "gw-9"));
    assertThat(option(AirqMain.commandLine(env).parseArgs("load"), "--mqtt-user"))
        .isNotEqualTo(Credentials.SIMULATOR_USER);
  }

  @Test
  void withoutAStackEveryOptionKeepsItsOwnDefault() {
    LocalStackDefaults down = new LocalStackDefaults(Optional.empty(), Map.of());
    assertThat(option(AirqMain.commandLine(down).parseArgs("closures", "list"), "--api"))
        .isEqualTo("http://127.0.0.1:8080");
    assertThat(option(AirqMain.commandLine(down).parseArgs("load"), "--mqtt"))
        .isEqualTo("tcp://localhost:1883");
  }

  private static Object option(ParseResult r, String name) {
    ParseResult leaf = r;
    while (leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    return leaf.commandSpec().findOption(name).getValue();
  }
}
