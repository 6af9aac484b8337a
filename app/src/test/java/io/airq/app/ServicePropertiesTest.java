package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.planner.PlannerConfig;
import io.airq.sink.SinkConfig;
import io.airq.streams.StreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The in-process pipeline configures each service through the service's own keys: every property it
 * sets is a key the service declares (no warning, no error), so the defaults stay in one place.
 */
class ServicePropertiesTest {
  private static final Pipeline.Settings S =
      Pipeline.Settings.builder()
          .mqttUrl("tcp://127.0.0.1:1883")
          .kafkaBootstrap("127.0.0.1:9092")
          .influxUrl("http://127.0.0.1:8086")
          .influxDatabase("airq")
          .topicPrefix("t.")
          .stateDir(Path.of("state"))
          .emitInterval(Duration.ofSeconds(5))
          .dayZone("Africa/Nairobi")
          // the local stack's logins: each service gets them through its own keys
          .logins(
              new ServerLogins(
                  io.airq.devstack.KafkaBroker.saslClientSettings("airq", "k"),
                  "airq-bridge",
                  "m",
                  "airq",
                  "i",
                  "t"))
          .build();

  @Test
  void everyPropertyIsAKeyOfTheServiceThatReadsIt() {
    Map<String, ConfigSpec> specs = ServiceConfigs.byCommand();
    Map<String, Properties> given =
        Map.of(
            "ingest", ServiceProperties.ingest(S),
            "streams", ServiceProperties.streams(S),
            "sink", ServiceProperties.sink(S, 0),
            "planner", ServiceProperties.planner(S, "t"));
    given.forEach(
        (service, props) ->
            assertThat(ConfigLoader.load(specs.get(service), props, Map.of()).warnings())
                .as(service)
                .isEmpty());
  }

  @Test
  void aZeroPortMeansAnyFreePortForEveryService() {
    StreamsConfig streams = StreamsConfig.from(ServiceProperties.streams(S), Map.of());
    assertThat(streams.settings().dayZone()).isEqualTo(java.time.ZoneId.of("Africa/Nairobi"));
    assertThat(streams.settings().emitInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(streams.settings().topicPrefix()).isEqualTo("t.");
    assertThat(streams.applicationId()).isEqualTo("airq-streams-t");
    assertThat(PlannerConfig.load(ServiceProperties.planner(S, "t"), Map.of()).httpPort()).isZero();
    // the bridge's 0 would mean "no HTTP server" (-1 = any free port), the sink's "no endpoint"
    assertThat(ServiceProperties.ingest(S).getProperty("http.port")).isEqualTo("-1");
    assertThat(streams.metricsPort()).isEqualTo(-1);
    assertThat(SinkConfig.load(ServiceProperties.sink(S, 0), Map.of()).metricsPort()).isPositive();
  }
}
