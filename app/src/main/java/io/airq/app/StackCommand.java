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
    LocalStack stack = LocalStack.start(dir.toAbsolutePath(), serversOnly, System.err);
    stack.endpoints().write(dir.toAbsolutePath());
    System.err.println("[stack] up: " + stack.endpoints());
    LogFile.path().ifPresent(f -> System.err.println("[stack] " + LogFile.hint()));
    return Lifecycle.runUntilStopped("stack", new Lifecycle.Running(stack, () -> true));
  }
}
