package io.airq.app;

import io.airq.kit.Lifecycle;
import io.airq.planner.PlannerConfig;
import io.airq.planner.PlannerServer;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code airq planner [--config FILE]}: the planner's REST API and web page. */
@Command(
    name = "planner",
    mixinStandardHelpOptions = true,
    description = "Run the planner (REST API, web page) until SIGTERM.")
final class PlannerCommand extends ServiceCommand {
  @Override
  String service() {
    return "planner";
  }

  @Override
  Lifecycle.Running start(Properties file, Map<String, String> env) {
    PlannerConfig cfg = PlannerConfig.load(file, env);
    return new Lifecycle.Running(PlannerServer.start(cfg), () -> true);
  }
}
