package io.airq.app;

import io.airq.simulator.Simulator;
import io.airq.simulator.SimulatorOptions;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./airq demo}: the local stack, a built-in scenario (confounded-closure by default: a
 * closure in a windy, rainy week, with a weather station) through every stage, and the
 * closure-impact report with its weather-adjusted result; then the planner page until Ctrl-C.
 */
@Command(
    name = "demo",
    description =
        "Run a built-in scenario (default confounded-closure) through the whole pipeline and print"
            + " the report, with its weather-adjusted result, beside the simulation's truth.",
    mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {
  /** How long streams and the sink must have no backlog before the report is read. */
  private static final Duration QUIET = Duration.ofSeconds(10);

  /**
   * The demo's {@code emit.interval}: it replays a finished scenario and then waits two intervals
   * for the last windows, so a short one ends it sooner; what is emitted does not change.
   */
  private static final Duration DEMO_EMIT_INTERVAL = Duration.ofSeconds(5);

  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(20);

  @Option(
      names = "--dir",
      description = "State directory (default: ${DEFAULT-VALUE}).",
      defaultValue = ".airq")
  Path dir;

  @Option(names = "--once", description = "Stop after the report (exit status 0).")
  boolean once;

  @Option(
      names = "--scenario",
      description =
          "Built-in scenario or scenario file (default: ${DEFAULT-VALUE}; nairobi-closure has no"
              + " weather station and a one-week baseline, too short for the weather model).",
      defaultValue = "confounded-closure")
  String scenario;

  @Option(
      names = "--interval-minutes",
      description = "Sensor reporting interval in the scenario (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  int intervalMinutes;

  @Override
  public Integer call() throws Exception {
    Path state = dir.toAbsolutePath().resolve("demo");
    deleteRecursively(state);
    Files.createDirectories(state);
    System.err.println(
        "[demo] 1/4 starting Mosquitto, Kafka, InfluxDB and the airq services under " + state);
    LogFile.path().ifPresent(f -> System.err.println("[demo] " + LogFile.hint()));
    // the servers are new, but the credentials those of .airq/: ./airq up's servers there use them
    Credentials secrets = Credentials.loadOrCreate(dir.toAbsolutePath());
    try (LocalStack stack =
        LocalStack.start(state, secrets, false, System.err, DEMO_EMIT_INTERVAL)) {
      Endpoints e = stack.endpoints();
      Path kafka = secrets.writeKafkaClient(dir.toAbsolutePath(), e.kafkaBootstrap());
      System.err.println(
          "[demo] credentials (owner-only; the CLI uses them): "
              + dir.toAbsolutePath().resolve(Credentials.FILE)
              + " and "
              + kafka);
      e.write(dir.toAbsolutePath());
      Scenario sc = Scenario.resolve(scenario);
      System.err.printf(
          "[demo] 2/4 simulating the %s scenario (%d days before, %d closed, %d after)%n",
          sc.name(), sc.daysBefore(), sc.daysDuring(), sc.daysAfter());
      SimulatorOptions o =
          new SimulatorOptions(
              e.mqttUrl(),
              Credentials.SIMULATOR_USER,
              secrets.simulatorPassword(),
              e.kafkaBootstrap(),
              "",
              0,
              0,
              1,
              50,
              true,
              state.resolve("ground-truth.json"),
              null,
              null,
              null,
              null,
              null,
              Duration.ofMinutes(intervalMinutes),
              secrets.kafkaSettings());
      GroundTruth truth = Simulator.run(sc, o);
      System.err.println(
          "[demo] 3/4 waiting for streams and the sink to work through every reading ...");
      stack.pipeline().orElseThrow().awaitCaughtUp(QUIET, CATCH_UP_TIMEOUT, System.err);
      System.err.println("[demo] 4/4 the closure-impact report:");
      int rc =
          DemoReport.print(
              e.plannerUrl(), truth, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
      if (rc != 0) {
        return rc;
      }
      System.out.println("\nPlanner page: " + e.plannerUrl() + "/");
      if (once) {
        return 0;
      }
      System.out.println("Press Ctrl-C to stop everything.");
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
      return 0;
    } finally {
      Files.deleteIfExists(dir.toAbsolutePath().resolve(Endpoints.FILE));
    }
  }

  private static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              f -> {
                try {
                  Files.delete(f);
                } catch (IOException ex) {
                  throw new UncheckedIOException(ex);
                }
              });
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
