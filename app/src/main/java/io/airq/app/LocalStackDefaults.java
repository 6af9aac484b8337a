package io.airq.app;

import io.airq.planner.cli.PlannerApi;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values that aim the client commands at the stack {@code ./airq up} started: the planner
 * commands' {@code --api} and {@code --token} (from the stack's {@link Credentials}), the
 * simulator's {@code --mqtt}, {@code --kafka} and {@code --topic-prefix} (when the stack has one).
 * An option given on the command line wins, and so does the environment variable the simulator
 * reads for it; with no stack up, every option keeps its own default.
 */
final class LocalStackDefaults implements IDefaultValueProvider {
  /** A stack value for an option, unless the environment variable (may be null) is set. */
  private record Default(String variable, String value) {}

  private final Map<String, Default> byOption;
  private final Map<String, String> env;

  LocalStackDefaults(Optional<Endpoints> stack, Map<String, String> env) {
    this(stack, Optional.empty(), env);
  }

  LocalStackDefaults(
      Optional<Endpoints> stack, Optional<Credentials> credentials, Map<String, String> env) {
    this.env = env;
    String token = credentials.map(Credentials::plannerToken).orElse(null);
    this.byOption =
        stack
            .map(
                e ->
                    Map.of(
                        PlannerApi.OPTION,
                        new Default(null, e.plannerUrl()),
                        PlannerApi.TOKEN_OPTION,
                        new Default(PlannerApi.TOKEN_VARIABLE, token),
                        "--mqtt",
                        new Default("AIRQ_MQTT_URL", e.mqttUrl()),
                        "--kafka",
                        new Default("AIRQ_KAFKA_BOOTSTRAP", e.kafkaBootstrap()),
                        "--topic-prefix",
                        new Default("AIRQ_TOPIC_PREFIX", e.topicPrefix()),
                        "--influx",
                        new Default("AIRQ_INFLUX_URL", e.influxUrl())))
            .orElse(Map.of());
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o)) {
      return null;
    }
    Default d = byOption.get(o.longestName());
    if (d == null || d.value() == null || d.value().isBlank()) {
      return null;
    }
    if (d.variable() != null && env.containsKey(d.variable())) {
      return null; // the option's own default reads this variable, and it is set
    }
    return d.value();
  }
}
