package io.airq.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point behind {@code ./airq}: every command of every module in one CLI. */
@Command(
    name = "airq",
    description =
        "Air-quality sensor pipeline: MQTT to Kafka to InfluxDB, with closure-impact reports.",
    mixinStandardHelpOptions = true,
    subcommands = {StackCommand.class, CommandLine.HelpCommand.class})
public final class AirqMain {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return new CommandLine(new AirqMain());
  }
}
