package io.airq.simulator;

import io.airq.simulator.load.LoadGenerator;
import io.airq.simulator.replay.Replayer;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code simulate}, {@code replay} and {@code load} commands. */
@Command(
    name = "airq-simulator",
    mixinStandardHelpOptions = true,
    description = "Simulated and replayed sensor traffic over MQTT.",
    subcommands = {SimulatorCli.Simulate.class, SimulatorCli.Replay.class, SimulatorCli.Load.class})
public final class SimulatorCli implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.err);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulatorCli()).execute(args));
  }

  /** Options every command shares. */
  static class Connection {
    @Option(
        names = "--mqtt",
        defaultValue = "${env:AIRQ_MQTT_URL:-tcp://localhost:1883}",
        description = "MQTT broker URL (env AIRQ_MQTT_URL). Default: ${DEFAULT-VALUE}.")
    String mqttUrl;

    @Option(
        names = "--mqtt-user",
        defaultValue = "${env:AIRQ_MQTT_USERNAME}",
        description = "MQTT user name (env AIRQ_MQTT_USERNAME); none by default.")
    String mqttUser;

    @Option(
        names = "--mqtt-password",
        defaultValue = "${env:AIRQ_MQTT_PASSWORD}",
        description = "MQTT password (env AIRQ_MQTT_PASSWORD); none by default.")
    String mqttPassword;

    @Option(
        names = "--qos",
        defaultValue = "1",
        description = "MQTT QoS level 0, 1 or 2. Default: ${DEFAULT-VALUE}.")
    int qos;

    @Option(
        names = "--rate-cap",
        defaultValue = "0",
        description =
            "At most this many messages per second; 0 = no cap. Default: ${DEFAULT-VALUE}.")
    double rateCap;

    @Option(
        names = "--progress",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description =
            "Draw a progress bar (simulated time, messages, rate) on stderr; --no-progress turns"
                + " it off. Default: on.")
    boolean progress;
  }

  /** Registration options. */
  static class Registration {
    @Option(
        names = "--kafka",
        defaultValue = "${env:AIRQ_KAFKA_BOOTSTRAP}",
        description =
            "Kafka bootstrap servers for registering sensors and closures (env"
                + " AIRQ_KAFKA_BOOTSTRAP); without it nothing is registered.")
    String kafka;

    @Option(
        names = "--topic-prefix",
        defaultValue = "${env:AIRQ_TOPIC_PREFIX:-}",
        description = "Prefix of the Kafka topic names (env AIRQ_TOPIC_PREFIX). Default: none.")
    String topicPrefix;
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a scenario: registers its sensors and closure, publishes every reading over MQTT with"
            + " the simulated device time, and writes the ground truth.",
        "Example: simulate nairobi-closure --speed 10000 --truth ground-truth.json"
      })
  static final class Simulate implements Callable<Integer> {
    @Parameters(
        index = "0",
        defaultValue = "nairobi-closure",
        description =
            "A built-in scenario name or a YAML/JSON scenario file. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @CommandLine.Mixin Connection connection = new Connection();
    @CommandLine.Mixin Registration registration = new Registration();

    @Option(
        names = "--speed",
        defaultValue = "20000",
        description =
            "Simulated seconds per real second: 1 = real time, 0 = as fast as possible."
                + " Default: ${DEFAULT-VALUE} (17 days in about 73 s).")
    double speed;

    @Option(
        names = "--truth",
        defaultValue = "ground-truth.json",
        description = "Where to write the ground-truth JSON. Default: ${DEFAULT-VALUE}.")
    Path truth;

    @Option(names = "--seed", description = "Overrides the scenario's random seed.")
    Long seed;

    @Option(names = "--days-before", description = "Overrides the days before the closure.")
    Integer daysBefore;

    @Option(names = "--days-during", description = "Overrides the closure's length in days.")
    Integer daysDuring;

    @Option(names = "--days-after", description = "Overrides the days after the closure.")
    Integer daysAfter;

    @Option(names = "--sensors", description = "Keeps only the first N sensors of the scenario.")
    Integer sensors;

    @Option(
        names = "--interval",
        description = "Overrides the reporting interval, ISO-8601, e.g. PT1M.")
    Duration interval;

    @Option(
        names = "--max-in-flight",
        defaultValue = "20",
        description = "Unacknowledged publishes allowed at once. Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--print-scenario", description = "Prints the scenario as YAML and exits.")
    boolean printScenario;

    @Override
    public Integer call() throws Exception {
      Scenario s = Scenario.resolve(scenario);
      SimulatorOptions o =
          new SimulatorOptions(
              connection.mqttUrl,
              connection.mqttUser,
              connection.mqttPassword,
              registration.kafka,
              registration.topicPrefix,
              speed,
              connection.rateCap,
              connection.qos,
              maxInFlight,
              connection.progress,
              truth,
              seed,
              daysBefore,
              daysDuring,
              daysAfter,
              sensors,
              interval);
      if (printScenario) {
        System.out.println(Simulator.scaled(s, o).toYaml());
        return 0;
      }
      GroundTruth t = Simulator.run(s, o);
      System.out.printf(
          "published %d messages; ground truth in %s%n", t.messagesPublished(), truth);
      return t.messagesPublished() == t.messagesGenerated() ? 0 : 1;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Replays real archives with the original timestamps, accelerated: a sensors.AFRICA"
            + " archive CSV (';'-separated, one row per value type, plain or gzip) or"
            + " Sensor.Community per-sensor daily CSVs (as sensors.AFRICA push payloads by default;"
            + " the co-located DHT22/BME280 humidity and temperature is joined into the PM"
            + " sensor's payload), and the Cork hourly NO2 files <SITE>_combined.csv (as airq JSON"
            + " by default, with the airport temperature and humidity; NA rows are not sent). The"
            + " sensors found are registered, and for Cork the Car-Free Day 2023 closure.",
        "Examples: replay ../shared/data/cork/",
        "          replay ../shared/data/aberdeen/ --format airq --speed 0",
      })
  static final class Replay implements Callable<Integer> {
    @Parameters(
        arity = "1..*",
        description =
            "Archive CSV files (.csv or .csv.gz) or directories of them: the sensors.AFRICA archive"
                + " or Sensor.Community per-sensor daily files. Files read together are paired"
                + " together. Cork hourly files are recognised by their header; other files whose"
                + " header is not an archive's are skipped.")
    List<Path> files;

    @Option(
        names = "--format",
        description =
            "Payload format of every reading: airq, sensor-community, airgradient, purpleair or"
                + " senml. Default: sensor-community (the sensors.AFRICA push body with the"
                + " archive's value strings) for the archive files, airq for the Cork files. A"
                + " format that cannot carry a quantity is refused: NO2 only fits airq and senml,"
                + " pressure not airgradient.")
    String format;

    @Option(
        names = "--county",
        defaultValue = "Nairobi",
        description =
            "County of the registered archive sensors (the Cork sites are in Cork)."
                + " Default: ${DEFAULT-VALUE}.")
    String county;

    @Option(
        names = "--interval",
        defaultValue = "PT155S",
        description =
            "Reporting interval of the registered archive sensors, ISO-8601 (the Cork sites"
                + " report hourly). Default: ${DEFAULT-VALUE}.")
    Duration interval;

    @CommandLine.Mixin Connection connection = new Connection();
    @CommandLine.Mixin Registration registration = new Registration();

    @Option(
        names = "--speed",
        defaultValue = "10000",
        description =
            "Archive seconds per real second: 1 = real time, 0 = as fast as possible."
                + " Default: ${DEFAULT-VALUE}.")
    double speed;

    @Override
    public Integer call() throws Exception {
      Replayer.ReplayReport r;
      try {
        r = run();
      } catch (IllegalArgumentException e) {
        System.err.println("replay: " + e.getMessage());
        return 2;
      }
      System.out.println(r);
      return r.published() == r.readings() ? 0 : 1;
    }

    private Replayer.ReplayReport run() throws InterruptedException {
      return Replayer.run(
          files,
          format,
          county,
          interval,
          connection.mqttUrl,
          connection.mqttUser,
          connection.mqttPassword,
          registration.kafka,
          registration.topicPrefix,
          speed,
          connection.rateCap,
          connection.qos,
          connection.progress);
    }
  }

  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description =
          "Benchmark load: N sensors publish ~200-byte airq JSON payloads at a target total rate;"
              + " reports the achieved rate and publish latencies.")
  static final class Load implements Callable<Integer> {
    @CommandLine.Mixin Connection connection = new Connection();

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
      LoadGenerator.LoadReport r =
          LoadGenerator.run(
              connection.mqttUrl,
              connection.mqttUser,
              connection.mqttPassword,
              sensors,
              rate,
              duration,
              connection.qos,
              maxInFlight);
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
}
