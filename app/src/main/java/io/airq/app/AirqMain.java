package io.airq.app;

import io.airq.planner.cli.PlannerCli;
import io.airq.simulator.SimulatorCli;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point behind {@code ./airq}: every command of every module in one picocli tree. The
 * planner's commands ({@code sensors}, {@code closures}, {@code impact}, {@code series}) and the
 * simulator's ({@code simulate}, {@code replay}, {@code load}) sit at its top level; while {@code
 * ./airq up} runs, their defaults point at its stack ({@link LocalStackDefaults}).
 */
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
      DevicesCommand.class,
      GatewaysCommand.class,
      RecomputeCommand.class,
      InfluxCommand.class,
      CommandLine.HelpCommand.class
    })
public final class AirqMain {
  /** Where {@code ./airq up} writes its endpoints (the launcher runs from the project root). */
  static final Path STATE = Path.of(".airq");

  public static void main(String[] args) {
    System.exit(
        commandLine(
                new LocalStackDefaults(
                    Endpoints.read(STATE),
                    Credentials.read(STATE),
                    kafkaClientFile(STATE),
                    System.getenv()))
            .execute(args));
  }

  /** The stack's Kafka login file, when it wrote one. */
  static java.util.Optional<Path> kafkaClientFile(Path state) {
    Path f = state.resolve(Credentials.KAFKA_CLIENT_FILE);
    return java.nio.file.Files.isReadable(f)
        ? java.util.Optional.of(f.toAbsolutePath())
        : java.util.Optional.empty();
  }

  /** The whole command tree, with the annotations' defaults. */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /** The whole command tree; {@code defaults} (may be null) overrides the annotations' defaults. */
  static CommandLine commandLine(CommandLine.IDefaultValueProvider defaults) {
    CommandLine airq = new CommandLine(new AirqMain());
    for (Object module : new Object[] {new PlannerCli(), new SimulatorCli()}) {
      new CommandLine(module).getSubcommands().forEach(airq::addSubcommand);
    }
    versionEverywhere(airq, new AirqVersion());
    if (defaults != null) {
      airq.setDefaultValueProvider(defaults); // after the subcommands: it reaches only those
    }
    return airq;
  }

  /** One {@code --version} answer on every command, the modules' commands included. */
  private static void versionEverywhere(CommandLine c, CommandLine.IVersionProvider version) {
    c.getCommandSpec().versionProvider(version);
    c.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
  }
}
