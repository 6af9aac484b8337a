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
      System.exit(new CommandLine(new io.airq.simulator.SimulatorCli()).execute(args));
    }
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new AirqMain());
  }
}
