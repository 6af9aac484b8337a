package io.airq.app;

import io.airq.ingest.Bridge;
import io.airq.ingest.BridgeConfig;
import io.airq.kit.Lifecycle;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Command;

/** {@code airq ingest [--config FILE]}: the MQTT and HTTP-push bridge to Kafka. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Run the MQTT and Sensor.Community HTTP-push bridge to Kafka until SIGTERM.")
final class IngestCommand extends ServiceCommand {
  @Override
  String service() {
    return "ingest";
  }

  @Override
  Lifecycle.Running start(Properties file, Map<String, String> env) throws Exception {
    BridgeConfig cfg = BridgeConfig.from(file, env);
    Bridge bridge = Bridge.start(cfg);
    return new Lifecycle.Running(bridge, () -> true);
  }
}
