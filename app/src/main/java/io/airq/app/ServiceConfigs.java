package io.airq.app;

import io.airq.core.config.ConfigSpec;
import io.airq.ingest.BridgeConfig;
import io.airq.planner.PlannerConfig;
import io.airq.sink.SinkConfig;
import io.airq.streams.StreamsConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration keys of each service, by the {@code airq} command that runs it. */
public final class ServiceConfigs {
  private ServiceConfigs() {}

  /** ingest, streams, sink, planner in pipeline order, then the one-shot topic setup. */
  public static Map<String, ConfigSpec> byCommand() {
    Map<String, ConfigSpec> m = new LinkedHashMap<>();
    m.put("ingest", BridgeConfig.SPEC);
    m.put("streams", StreamsConfig.Keys.SPEC);
    m.put("sink", SinkConfig.Keys.SPEC);
    m.put("planner", PlannerConfig.Keys.SPEC);
    m.put("topics", TopicsCommand.SPEC);
    return m;
  }
}
