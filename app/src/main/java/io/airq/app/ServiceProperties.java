package io.airq.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Properties;

/**
 * The configuration files the in-process pipeline gives its four services: only what differs from
 * each service's own defaults (which live in its {@code ConfigKey}s and nowhere else). Each port
 * argument follows one rule: 0 = any free port.
 */
final class ServiceProperties {
  private ServiceProperties() {}

  /** Exactly-once commits every 100 ms by default; 2 s lets the caches absorb window updates. */
  static final long STREAMS_COMMIT_INTERVAL_MS = 2000;

  static Properties sink(Pipeline.Settings s, int port) {
    Properties p = kafka(s);
    p.setProperty("influx.url", s.influxUrl());
    p.setProperty("influx.database", s.influxDatabase());
    influxLogin(s, p);
    p.setProperty("kafka.group.id", s.sinkGroupId());
    // Keep raw readings as long as the replays and simulations they come from: InfluxDB refuses
    // points older than a retention policy's duration.
    p.setProperty("influx.raw.duration", "INF");
    // the sink's 0 means no endpoint
    p.setProperty("metrics.port", Integer.toString(port == 0 ? freePort() : port));
    return p;
  }

  static Properties streams(Pipeline.Settings s) {
    Properties p = kafka(s);
    // the streams job's 0 means no endpoint, -1 any free port
    p.setProperty("metrics.port", Integer.toString(s.streamsPort() == 0 ? -1 : s.streamsPort()));
    p.setProperty("application.id", s.streamsApplicationId());
    p.setProperty("state.dir", s.stateDir().toString());
    p.setProperty("emit.interval", s.emitInterval().toString());
    if (s.dayZone() != null) {
      p.setProperty("day.zone", s.dayZone());
    }
    p.setProperty("kafka.commit.interval.ms", Long.toString(STREAMS_COMMIT_INTERVAL_MS));
    p.setProperty("kafka.statestore.cache.max.bytes", Long.toString(64L << 20));
    return p;
  }

  static Properties planner(Pipeline.Settings s, String adminToken) {
    Properties p = kafka(s);
    p.setProperty("auth.admin.token", adminToken);
    p.setProperty("influx.url", s.influxUrl());
    p.setProperty("influx.database", s.influxDatabase());
    influxLogin(s, p);
    p.setProperty("http.port", Integer.toString(s.plannerPort()));
    return p;
  }

  static Properties ingest(Pipeline.Settings s) {
    Properties p = kafka(s);
    p.setProperty("mqtt.url", s.mqttUrl());
    p.setProperty("mqtt.client-id", "airq-ingest" + s.instance());
    p.setProperty("mqtt.share-group", "airq-ingest" + s.instance());
    if (!s.logins().mqttUser().isEmpty()) {
      p.setProperty("mqtt.username", s.logins().mqttUser());
      p.setProperty("mqtt.password", s.logins().mqttPassword());
    }
    // the bridge's 0 means no HTTP server, -1 any free port
    p.setProperty("http.port", Integer.toString(s.ingestHttpPort() == 0 ? -1 : s.ingestHttpPort()));
    // Replays of archives (the Nairobi 2021 data) and simulated weeks are legitimate old data
    // here; a field bridge keeps the tighter default.
    p.setProperty("ingest.max-age", Pipeline.REPLAY_MAX_AGE.toString());
    return p;
  }

  private static Properties kafka(Pipeline.Settings s) {
    Properties p = new Properties();
    p.setProperty("kafka.bootstrap.servers", s.kafkaBootstrap());
    p.setProperty("topic.prefix", s.topicPrefix());
    s.logins().kafka().forEach((k, v) -> p.setProperty("kafka." + k, v));
    return p;
  }

  private static void influxLogin(Pipeline.Settings s, Properties p) {
    if (!s.logins().influxUser().isEmpty()) {
      p.setProperty("influx.user", s.logins().influxUser());
      p.setProperty("influx.password", s.logins().influxPassword());
    }
  }

  /** A port free now, for a service whose 0 means "off". */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for a service endpoint", e);
    }
  }
}
