package io.airq.planner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code weather import}: a weather station's hourly history (docs/weather.md). */
@Command(
    name = "weather",
    mixinStandardHelpOptions = true,
    description = "Import a weather station's hourly history (docs/weather.md).",
    subcommands = {ImportWeatherCommand.class})
public final class WeatherCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: says which one there is. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("weather needs a subcommand: import");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
