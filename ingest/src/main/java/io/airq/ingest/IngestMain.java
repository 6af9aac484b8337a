package io.airq.ingest;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airq-ingest --config ingest.properties}: runs the bridge until the JVM is stopped. */
@Command(
    name = "airq-ingest",
    mixinStandardHelpOptions = true,
    description = "MQTT and Sensor.Community HTTP-push bridge to Kafka.")
public final class IngestMain implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      description = "properties file; AIRQ_* environment variables override it")
  Path config;

  @Override
  public Integer call() throws Exception {
    BridgeConfig cfg = BridgeConfig.load(config, System.getenv());
    Bridge bridge = Bridge.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  bridge.close();
                  stopped.countDown();
                },
                "airq-ingest-shutdown"));
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestMain()).execute(args));
  }
}
