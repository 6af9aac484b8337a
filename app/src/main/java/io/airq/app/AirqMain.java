package io.airq.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point behind {@code ./airq}: every command of every module in one CLI. */
@Command(
    name = "airq",
    description =
        "Air-quality sensor pipeline: MQTT to Kafka to InfluxDB, with closure-impact reports.",
    mixinStandardHelpOptions = true,
    subcommands = {
      StackCommand.class,
      DemoCommand.class,
      IngestCommand.class,
      StreamsCommand.class,
      SinkCommand.class,
      PlannerCommand.class,
      TopicsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AirqMain {
  private static final java.util.Set<String> PLANNER =
      java.util.Set.of("closures", "impact", "series");
  private static final java.util.Set<String> SIMULATOR =
      java.util.Set.of("simulate", "replay", "load");

  public static void main(String[] args) {
    if (args.length > 0 && PLANNER.contains(args[0])) {
      // The planner CLI talks to the planner that ./airq up started, unless --api says otherwise.
      java.util.List<String> a = new java.util.ArrayList<>();
      if (!java.util.Arrays.asList(args).contains("--api")) {
        Endpoints.read(java.nio.file.Path.of(".airq"))
            .filter(e -> e.plannerUrl() != null && !e.plannerUrl().isBlank())
            .ifPresent(e -> a.addAll(java.util.List.of("--api", e.plannerUrl())));
      }
      a.addAll(java.util.Arrays.asList(args));
      System.exit(
          new CommandLine(new io.airq.planner.cli.PlannerCli()).execute(a.toArray(String[]::new)));
    }
    if (args.length > 0 && SIMULATOR.contains(args[0])) {
      System.exit(
          new CommandLine(new io.airq.simulator.SimulatorCli())
              .execute(
                  withLocalStack(
                      args, Endpoints.read(java.nio.file.Path.of(".airq")), System.getenv())));
    }
    System.exit(commandLine().execute(args));
  }

  /**
   * The simulator's arguments, aimed at the stack {@code ./airq up} started (its endpoints file)
   * for each of MQTT, Kafka and the topic prefix that neither an option nor its environment
   * variable sets; as given when no stack is up. {@code load} registers nothing, so it gets MQTT
   * only.
   */
  static String[] withLocalStack(
      String[] args, java.util.Optional<Endpoints> stack, java.util.Map<String, String> env) {
    if (stack.isEmpty() || args.length == 0) {
      return args;
    }
    Endpoints e = stack.get();
    java.util.List<String> given = java.util.Arrays.asList(args);
    java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(args[0]));
    addUnlessSet(out, given, env, "--mqtt", "AIRQ_MQTT_URL", e.mqttUrl());
    if (!args[0].equals("load")) {
      addUnlessSet(out, given, env, "--kafka", "AIRQ_KAFKA_BOOTSTRAP", e.kafkaBootstrap());
      addUnlessSet(out, given, env, "--topic-prefix", "AIRQ_TOPIC_PREFIX", e.topicPrefix());
    }
    out.addAll(given.subList(1, given.size()));
    return out.toArray(String[]::new);
  }

  private static void addUnlessSet(
      java.util.List<String> out,
      java.util.List<String> given,
      java.util.Map<String, String> env,
      String option,
      String variable,
      String value) {
    boolean set =
        given.stream().anyMatch(a -> a.equals(option) || a.startsWith(option + "="))
            || env.containsKey(variable);
    if (!set && value != null && !value.isBlank()) {
      out.add(option + "=" + value);
    }
  }

  public static CommandLine commandLine() {
    return new CommandLine(new AirqMain());
  }
}
