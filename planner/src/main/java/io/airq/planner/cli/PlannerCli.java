package io.airq.planner.cli;

import picocli.CommandLine.Command;

/**
 * The planner's command line, a client of the planner REST API: {@code closures}, {@code impact},
 * {@code series}, {@code sensors}, {@code weather}, {@code calibrate}, {@code tokens} and {@code
 * audit}, each with {@code --api URL} and {@code --token}. {@code ./airq} puts these commands at
 * its top level.
 */
@Command(
    name = "airq-planner",
    mixinStandardHelpOptions = true,
    description = "Register sensors and street closures; read impact reports and series.",
    subcommands = {
      ClosuresCommand.class,
      ImpactCommand.class,
      SeriesCommand.class,
      SensorsCommand.class,
      WeatherCommand.class,
      CalibrateCommand.class,
      TokensCommand.class,
      AuditCommand.class
    })
public final class PlannerCli {}
