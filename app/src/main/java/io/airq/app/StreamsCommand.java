package io.airq.app;

import io.airq.kit.Lifecycle;
import io.airq.streams.StreamsApp;
import io.airq.streams.StreamsConfig;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;

/** {@code airq streams [--config FILE]}: the Kafka Streams job. */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Run the Kafka Streams job (clean, correct, average, AQI, alerts, closures) until"
            + " SIGTERM.")
final class StreamsCommand extends ServiceCommand {
  @Override
  String service() {
    return "streams";
  }

  @Override
  Lifecycle.Running start(Properties file, Map<String, String> env) {
    StreamsConfig cfg = StreamsConfig.from(file, env);
    StreamsApp app = StreamsApp.start(cfg);
    return new Lifecycle.Running(
        app,
        () -> {
          KafkaStreams.State s = app.state();
          return s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING;
        });
  }
}
