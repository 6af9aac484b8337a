package io.airq.sink;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code airq-sink [--config sink.properties]}: runs the sink until Ctrl-C. */
@Command(
    name = "airq-sink",
    mixinStandardHelpOptions = true,
    description = "Kafka to InfluxDB: clean readings, averages, closure impact and alerts.")
public final class SinkMain implements Callable<Integer> {

  @Option(
      names = {"-c", "--config"},
      description = "properties file (keys in SinkConfig); AIRQ_* environment variables win")
  Path config;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Properties props = new Properties();
    if (config != null) {
      try (Reader r = Files.newBufferedReader(config)) {
        props.load(r);
      }
    }
    SinkConfig cfg = SinkConfig.load(props, System.getenv());
    Sink sink = Sink.start(cfg);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sink.close();
                  stopped.countDown();
                },
                "airq-sink-shutdown"));
    while (sink.isRunning()) {
      Thread.sleep(1000);
    }
    return stopped.getCount() == 0 ? 0 : 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SinkMain()).execute(args));
  }
}
