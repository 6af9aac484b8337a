package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's logback.xml: Kafka's warnings (the producer's CONCURRENT_TRANSACTIONS retries)
 * reach the log file only; airq's own warnings and every error reach the console too. A password in
 * a URL, in a message or an exception, is hidden in both.
 */
class LoggingConfigTest {
  @TempDir Path dir;

  @Test
  void kafkaClientWarningsGoToTheFileOnlyWhileAirqWarningsAndErrorsReachTheConsole()
      throws Exception {
    Path file = dir.resolve("logs").resolve("airq.log");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream err = System.err;
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new LogbackMDCAdapter());
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    try {
      ctx.putProperty("AIRQ_LOG_FILE", file.toString());
      JoranConfigurator c = new JoranConfigurator();
      c.setContext(ctx);
      c.doConfigure(getClass().getResource("/logback.xml"));
      ctx.getLogger("org.apache.kafka.clients.producer.internals.Sender")
          .warn("Got error produce response: CONCURRENT_TRANSACTIONS");
      ctx.getLogger("org.apache.kafka.clients.NetworkClient")
          .info("Error while fetching metadata: LEADER_NOT_AVAILABLE");
      ctx.getLogger("org.apache.kafka.streams.KafkaStreams").error("stream thread died");
      ctx.getLogger("io.airq.sink.Sink").warn("InfluxDB unreachable, retrying");
      ctx.getLogger("io.airq.app.Pipeline").info("starting the sink");
      ctx.getLogger("io.airq.sink.Sink")
          .error(
              "cannot reach http://airq:influx-s3cret@influxdb:8086",
              new IllegalStateException("mqtt://gw-1:mqtt-s3cret@broker refused"));
    } finally {
      ctx.stop();
      System.setErr(err);
    }
    String out = console.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .doesNotContain("CONCURRENT_TRANSACTIONS")
        .contains("stream thread died")
        .contains("InfluxDB unreachable")
        .contains("starting the sink");
    assertThat(Files.readString(file))
        .contains("CONCURRENT_TRANSACTIONS")
        .contains("stream thread died")
        .contains("InfluxDB unreachable")
        .doesNotContain("LEADER_NOT_AVAILABLE"); // Kafka below WARN is off everywhere
    // a credential in a message or an exception is hidden on the console and in the file
    for (String logged : List.of(out, Files.readString(file))) {
      assertThat(logged)
          .contains("http://airq:****@influxdb:8086")
          .contains("mqtt://gw-1:****@broker refused")
          .doesNotContain("s3cret");
    }
  }
}
