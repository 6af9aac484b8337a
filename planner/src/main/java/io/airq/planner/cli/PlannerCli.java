package io.airq.planner.cli;

import picocli.CommandLine.Command;

/**
 * The planner's command line, a client of the planner REST API: {@code closures}, {@code impact}
 * and {@code series}, each with {@code --api URL}. {@code ./airq} puts these commands at its top
 * level.
 */
@Command(
    name = "airq-planner",
    mixinStandardHelpOptions = true,
    description = "Register street closures and read their impact reports and series.",
    subcommands = {ClosuresCommand.class, ImpactCommand.class, SeriesCommand.class})
public final class PlannerCli {}
