package io.airq.app;

import io.airq.kit.Lifecycle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the local stack in the foreground until killed: what {@code ./airq up} starts in the
 * background. Writes the endpoints file once everything is ready.
 */
@Command(
    name = "stack",
    description =
        "Run the local servers and airq services in the foreground (./airq up runs this).",
    mixinStandardHelpOptions = true)
final class StackCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      description = "State directory (default: ${DEFAULT-VALUE}).",
      defaultValue = ".airq")
  Path dir;

  @Option(names = "--servers-only", description = "Start only Mosquitto, Kafka and InfluxDB.")
  boolean serversOnly;

  @Override
  public Integer call() throws Exception {
    Path state = dir.toAbsolutePath();
    LocalStack stack = LocalStack.start(state, serversOnly, System.err);
    stack.credentials().writeKafkaClient(state, stack.endpoints().kafkaBootstrap());
    System.err.println(
        "[stack] credentials (owner-only; the CLI and the simulator use them): "
            + state.resolve(Credentials.FILE)
            + " and "
            + state.resolve(Credentials.KAFKA_CLIENT_FILE));
    stack.endpoints().write(state);
    System.err.println("[stack] up: " + stack.endpoints());
    LogFile.path().ifPresent(f -> System.err.println("[stack] " + LogFile.hint()));
    return Lifecycle.runUntilStopped("stack", new Lifecycle.Running(stack, () -> true));
  }
}
