package io.airq.simulator;

import io.airq.simulator.cli.LoadCommand;
import io.airq.simulator.cli.ReplayCommand;
import io.airq.simulator.cli.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code simulate}, {@code replay} and {@code load} commands. */
@Command(
    name = "airq-simulator",
    mixinStandardHelpOptions = true,
    description = "Simulated and replayed sensor traffic over MQTT.",
    subcommands = {SimulateCommand.class, ReplayCommand.class, LoadCommand.class})
public final class SimulatorCli implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorCli()).execute(args));
  }
}
