package io.airq.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the local stack's servers and services listen. {@code ./airq up} writes them to {@code
 * .airq/endpoints.properties}; the other commands read them from there.
 */
public record Endpoints(
    String mqttUrl,
    String kafkaBootstrap,
    String influxUrl,
    String plannerUrl,
    String topicPrefix) {
  public static final String FILE = "endpoints.properties";

  public void write(Path dir) {
    Properties p = new Properties();
    p.setProperty("mqtt.url", mqttUrl);
    p.setProperty("kafka.bootstrap", kafkaBootstrap);
    p.setProperty("influx.url", influxUrl);
    p.setProperty("planner.url", plannerUrl == null ? "" : plannerUrl);
    p.setProperty("topic.prefix", topicPrefix);
    try {
      Path tmp = dir.resolve(FILE + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp)) {
        p.store(w, "airq local stack");
      }
      Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  public static Optional<Endpoints> read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(f)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
    return Optional.of(
        new Endpoints(
            p.getProperty("mqtt.url"),
            p.getProperty("kafka.bootstrap"),
            p.getProperty("influx.url"),
            p.getProperty("planner.url"),
            p.getProperty("topic.prefix", "")));
  }
}
