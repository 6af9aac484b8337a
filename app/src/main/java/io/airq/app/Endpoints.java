package io.airq.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the local stack's servers and services listen. {@code ./airq up} writes them to {@code
 * .airq/endpoints.properties}; the other commands read them from there, and {@code ./airq status}
 * prints them.
 *
 * @param services each airq service's base URL, under which it answers {@code /health} and {@code
 *     /metrics}, in pipeline order (ingest, streams, sink, planner)
 */
public record Endpoints(
    String mqttUrl,
    String kafkaBootstrap,
    String influxUrl,
    String plannerUrl,
    String topicPrefix,
    Map<String, String> services) {
  public static final String FILE = "endpoints.properties";

  /** The services in the order they are written and printed. */
  static final List<String> SERVICES = List.of("ingest", "streams", "sink", "planner");

  public Endpoints {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String s : SERVICES) {
      if (services != null && services.get(s) != null) {
        ordered.put(s, services.get(s));
      }
    }
    services = java.util.Collections.unmodifiableMap(ordered);
  }

  /** Servers only: no service endpoints. */
  public Endpoints(
      String mqttUrl,
      String kafkaBootstrap,
      String influxUrl,
      String plannerUrl,
      String topicPrefix) {
    this(mqttUrl, kafkaBootstrap, influxUrl, plannerUrl, topicPrefix, Map.of());
  }

  public void write(Path dir) {
    StringBuilder text = new StringBuilder("# airq local stack (./airq status prints this)\n");
    line(text, "mqtt.url", mqttUrl);
    line(text, "kafka.bootstrap", kafkaBootstrap);
    line(text, "influx.url", influxUrl);
    line(text, "topic.prefix", topicPrefix);
    line(text, "planner.url", plannerUrl == null ? "" : plannerUrl);
    services.forEach(
        (service, url) -> {
          line(text, service + ".health", url + "/health");
          line(text, service + ".metrics", url + "/metrics");
        });
    try {
      OwnerOnlyFiles.replace(dir.resolve(FILE), text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE), e);
    }
  }

  /**
   * One {@code key=value} line, unescaped so a person reads it as it is: the values are URLs and
   * host:port lists, in which {@link Properties#load} needs no escape.
   */
  private static void line(StringBuilder out, String key, String value) {
    out.append(key).append('=').append(value == null ? "" : value).append('\n');
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
    Map<String, String> services = new LinkedHashMap<>();
    for (String s : SERVICES) {
      String health = p.getProperty(s + ".health");
      if (health != null && health.endsWith("/health")) {
        services.put(s, health.substring(0, health.length() - "/health".length()));
      }
    }
    return Optional.of(
        new Endpoints(
            p.getProperty("mqtt.url"),
            p.getProperty("kafka.bootstrap"),
            p.getProperty("influx.url"),
            p.getProperty("planner.url"),
            p.getProperty("topic.prefix", ""),
            services));
  }
}
