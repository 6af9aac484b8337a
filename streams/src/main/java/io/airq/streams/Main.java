package io.airq.streams;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airq-streams [--config file]}: loads the config, starts the topology, runs until stopped.
 */
@Command(
    name = "airq-streams",
    mixinStandardHelpOptions = true,
    description = "Kafka Streams: clean, correct, average, AQI, alerts, live closure tracking.")
public final class Main implements Callable<Integer> {
  @Option(
      names = "--config",
      description = "properties file; AIRQ_* environment variables override it")
  Path config;

  @Override
  public Integer call() throws Exception {
    StreamsConfig cfg = StreamsConfig.load(config, System.getenv());
    StreamsApp app = StreamsApp.start(cfg);
    Thread hook = new Thread(app::close, "airq-streams-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean failed = app.awaitStop();
    return failed ? 1 : 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
