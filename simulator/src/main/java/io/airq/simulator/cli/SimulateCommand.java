package io.airq.simulator.cli;

import io.airq.simulator.Simulator;
import io.airq.simulator.SimulatorOptions;
import io.airq.simulator.generate.DeviceTimes;
import io.airq.simulator.publish.KafkaTarget;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simulate}: runs a scenario. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a scenario: registers its sensors and closure, publishes every reading over MQTT with"
          + " the simulated device time, and writes the ground truth.",
      "Example: simulate nairobi-closure --speed 10000 --truth ground-truth.json"
    })
public final class SimulateCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      defaultValue = "nairobi-closure",
      description =
          "A built-in scenario name or a YAML/JSON scenario file. Default: ${DEFAULT-VALUE}.")
  String scenario;

  @Mixin ConnectionOptions connection = new ConnectionOptions();
  @Mixin RegistrationOptions registration = new RegistrationOptions();

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
      names = "--traffic-factor",
      description =
          "Overrides the closure's traffic factor on the closed streets: 1 = the closure changes"
              + " nothing (a no-effect run), 0.4 = 60 % less traffic.")
  Double trafficFactor;

  @Option(
      names = "--interval",
      description = "Overrides the reporting interval, ISO-8601, e.g. PT1M.")
  Duration interval;

  @Option(
      names = "--max-in-flight",
      defaultValue = "20",
      description = "Unacknowledged publishes allowed at once. Default: ${DEFAULT-VALUE}.")
  int maxInFlight;

  @Option(
      names = "--device-times",
      defaultValue = "auto",
      description =
          "Whether AirGradient and sensor-community payloads carry the device time: firmware"
              + " (none, as the real firmware: the bridge stamps the receive time), always (an"
              + " extra timestamp field, as a buffering gateway adds; needed when the run is"
              + " accelerated), auto (firmware at --speed 1, else always)."
              + " Default: ${DEFAULT-VALUE}.")
  String deviceTimes;

  @Option(
      names = "--http-push",
      description =
          "The bridge's push URL, e.g. http://localhost:8081/v1/push-sensor-data/: the"
              + " sensor-community sensors then push each reading per pin over HTTP (X-PIN 1 PM,"
              + " 7 DHT22) as the airrohr firmware does; without it they publish over MQTT.")
  java.net.URI httpPush;

  @Option(names = "--print-scenario", description = "Prints the scenario as YAML and exits.")
  boolean printScenario;

  @Override
  public Integer call() throws Exception {
    Scenario s = Scenario.resolve(scenario);
    if (trafficFactor != null) {
      if (!(trafficFactor >= 0)) {
        System.err.println("simulate: --traffic-factor must be 0 or more, not " + trafficFactor);
        return 2;
      }
      s = s.withClosure(s.closure().withTrafficFactor(trafficFactor));
    }
    KafkaTarget kafka;
    java.util.Map<String, String> accounts;
    try {
      kafka = registration.target();
      accounts = connection.gatewayAccounts();
    } catch (IllegalArgumentException e) {
      System.err.println("simulate: " + e.getMessage());
      return 2;
    }
    SimulatorOptions o =
        new SimulatorOptions(
            connection.mqttUrl,
            connection.mqttUser,
            connection.mqttPassword,
            kafka.bootstrap(),
            kafka.topicPrefix(),
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
            interval,
            kafka.settings());
    if (printScenario) {
      System.out.println(Simulator.scaled(s, o).toYaml());
      return 0;
    }
    DeviceTimes times;
    try {
      times = DeviceTimes.valueOf(deviceTimes.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println(
          "simulate: --device-times must be auto, firmware or always, not " + deviceTimes);
      return 2;
    }
    GroundTruth t;
    try {
      t = Simulator.run(s, o, times, httpPush, accounts);
    } catch (IllegalStateException e) {
      System.err.println("simulate: " + Failures.describe(e));
      return 1;
    }
    System.out.printf("published %d messages; ground truth in %s%n", t.messagesPublished(), truth);
    return t.messagesPublished() == t.messagesGenerated() ? 0 : 1;
  }
}
