package io.airq.app;

import io.airq.planner.cli.PlannerApi;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default values that aim the client commands at the stack {@code ./airq up} started: the planner
 * commands' {@code --api} and {@code --token} (from the stack's {@link Credentials}), the
 * simulator's {@code --mqtt}, {@code --kafka} and {@code --topic-prefix} (when the stack has one),
 * its MQTT login ({@code --mqtt-user}, {@code --mqtt-password}: the simulator's account) and Kafka
 * login ({@code --kafka-config}), and {@code airq topics --config} (the Kafka login file). An
 * option given on the command line wins, and so does the environment variable the simulator reads
 * for it; with no stack up, every option keeps its own default.
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
    this(stack, credentials, Optional.empty(), env);
  }

  /**
   * @param kafkaClient the stack's Kafka login file ({@link Credentials#KAFKA_CLIENT_FILE}), when
   *     it wrote one
   */
  LocalStackDefaults(
      Optional<Endpoints> stack,
      Optional<Credentials> credentials,
      Optional<Path> kafkaClient,
      Map<String, String> env) {
    this.env = env;
    String token = credentials.map(Credentials::plannerToken).orElse(null);
    String simulator = credentials.map(Credentials::simulatorPassword).orElse("");
    String kafkaFile = kafkaClient.map(Path::toString).orElse(null);
    // the stack writes its credentials file beside the Kafka login file
    String credentialsFile =
        credentials.isPresent()
            ? kafkaClient.map(k -> k.resolveSibling(Credentials.FILE).toString()).orElse(null)
            : null;
    this.byOption =
        stack
            .map(
                e ->
                    Map.ofEntries(
                        Map.entry(PlannerApi.OPTION, new Default(null, e.plannerUrl())),
                        Map.entry(
                            PlannerApi.TOKEN_OPTION, new Default(PlannerApi.TOKEN_VARIABLE, token)),
                        Map.entry("--mqtt", new Default("AIRQ_MQTT_URL", e.mqttUrl())),
                        Map.entry(
                            "--mqtt-user",
                            new Default(
                                "AIRQ_MQTT_USERNAME",
                                simulator.isEmpty() ? null : Credentials.SIMULATOR_USER)),
                        Map.entry("--mqtt-password", new Default("AIRQ_MQTT_PASSWORD", simulator)),
                        Map.entry(
                            "--kafka", new Default("AIRQ_KAFKA_BOOTSTRAP", e.kafkaBootstrap())),
                        Map.entry("--kafka-config", new Default(null, kafkaFile)),
                        Map.entry(
                            "--topic-prefix", new Default("AIRQ_TOPIC_PREFIX", e.topicPrefix())),
                        Map.entry(TOPICS_CONFIG, new Default(null, kafkaFile)),
                        Map.entry("--influx", new Default("AIRQ_INFLUX_URL", e.influxUrl())),
                        Map.entry(INFLUX_CONFIG, new Default(null, credentialsFile))))
            .orElse(Map.of());
  }

  /** {@code airq topics --config}: the other commands' {@code --config} keep theirs. */
  private static final String TOPICS_CONFIG = "topics --config";

  /** {@code airq recompute --influx-config}: the stack's InfluxDB login. */
  private static final String INFLUX_CONFIG = "--influx-config";

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o)) {
      return null;
    }
    boolean topics = o.command() != null && "topics".equals(o.command().name());
    Default d = byOption.get(topics ? "topics " + o.longestName() : o.longestName());
    if (d == null || d.value() == null || d.value().isBlank()) {
      return null;
    }
    if (d.variable() != null && env.containsKey(d.variable())) {
      return null; // the option's own default reads this variable, and it is set
    }
    return d.value();
  }
}
