package io.airq.app;

import io.airq.kit.Lifecycle;
import io.airq.sink.Sink;
import io.airq.sink.SinkConfig;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code airq sink [--config FILE]}: Kafka to InfluxDB. */
@Command(
    name = "sink",
    mixinStandardHelpOptions = true,
    description = "Run the Kafka to InfluxDB sink until SIGTERM.")
final class SinkCommand extends ServiceCommand {
  @Override
  String service() {
    return "sink";
  }

  @Override
  Lifecycle.Running start(Properties file, Map<String, String> env) {
    SinkConfig cfg = SinkConfig.load(file, env);
    Sink sink = Sink.start(cfg);
    return new Lifecycle.Running(sink, sink::isRunning);
  }
}
