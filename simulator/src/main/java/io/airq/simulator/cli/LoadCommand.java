package io.airq.simulator.cli;

import io.airq.simulator.load.LoadGenerator;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code load}: benchmark load. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark load: N sensors publish ~200-byte airq JSON payloads at a target total rate;"
            + " reports the achieved rate and publish latencies.")
public final class LoadCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection = new ConnectionOptions();

  @Option(
      names = "--sensors",
      defaultValue = "1000",
      description = "Number of simulated sensors. Default: ${DEFAULT-VALUE}.")
  int sensors;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Target messages per second in total. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(
      names = "--duration",
      defaultValue = "PT30S",
      description = "How long to run, ISO-8601. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(
      names = "--max-in-flight",
      defaultValue = "20",
      description = "Unacknowledged publishes allowed at once. Default: ${DEFAULT-VALUE}.")
  int maxInFlight;

  @Override
  public Integer call() throws Exception {
    io.airq.simulator.publish.MqttTarget mqtt;
    try {
      mqtt = connection.mqtt(maxInFlight);
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      return 2;
    }
    LoadGenerator.LoadReport r = LoadGenerator.run(mqtt, sensors, rate, duration);
    System.out.println(r.summary());
    // the load competes with what it loads when both run on one machine: say what it took
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean unix) {
      System.out.printf(
          java.util.Locale.ROOT,
          "load generator CPU: %.1f s (this process)%n",
          unix.getProcessCpuTime() / 1e9);
    }
    return r.failed() == 0 ? 0 : 1;
  }
}
