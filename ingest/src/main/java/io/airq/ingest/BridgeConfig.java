package io.airq.ingest;

import io.airq.core.reading.SourceFormat;
import io.airq.ingest.payload.ParseLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The bridge's configuration, read once from a properties file and {@code AIRQ_*} environment
 * variables (the environment wins; {@code AIRQ_MQTT_SHARE_GROUP} sets {@code mqtt.share-group},
 * {@code AIRQ_KAFKA_SASL_MECHANISM} sets {@code kafka.sasl.mechanism}). {@code kafka.*} keys go to
 * the Kafka producer as they are. docs/ingest.md lists every key.
 *
 * @param mqttUrl broker URL, {@code tcp://host:1883} or {@code ssl://host:8883} (TLS)
 * @param mqttClientId the client id; keep it stable, the persistent session is bound to it
 * @param mqttUsername user name, empty for none
 * @param mqttPassword password, empty for none (redacted in {@link #toString()})
 * @param shareGroup shared-subscription group; empty subscribes to the plain filter
 * @param topicFilter the topic filter, {@code airq/v1/#}
 * @param sessionExpiry how long the broker keeps the session (and its queued messages) offline
 * @param receiveMaximum how many unacknowledged messages the broker may send at once
 * @param kafka producer properties, including {@code bootstrap.servers}
 * @param topicPrefix prefix of the airq topic names
 * @param httpPort port of /health, /metrics and the HTTP push; 0 = no HTTP server, -1 = any port
 * @param defaultFormat a format forced for topics without a format segment; empty = detect
 * @param limits payload limits
 * @param pushTimeout how long an HTTP push waits for Kafka before answering 503
 * @param strictGateways strict gateway mode: a gateway may publish only sensors registered to it
 */
public record BridgeConfig(
    String mqttUrl,
    String mqttClientId,
    String mqttUsername,
    String mqttPassword,
    String shareGroup,
    String topicFilter,
    Duration sessionExpiry,
    int receiveMaximum,
    Map<String, String> kafka,
    String topicPrefix,
    int httpPort,
    Optional<SourceFormat> defaultFormat,
    ParseLimits limits,
    Duration pushTimeout,
    boolean strictGateways) {

  public BridgeConfig {
    Objects.requireNonNull(mqttUrl, "mqtt.url");
    Objects.requireNonNull(mqttClientId, "mqtt.client-id");
    kafka = Map.copyOf(kafka);
    if (!kafka.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is required");
    }
    if (mqttClientId.isBlank()) {
      throw new IllegalArgumentException("mqtt.client-id must not be blank");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65535) {
      throw new IllegalArgumentException("mqtt.receive-maximum must be 1..65535");
    }
    if (httpPort < -1 || httpPort > 65535) {
      throw new IllegalArgumentException("http.port must be -1..65535");
    }
    mqttUsername = mqttUsername == null ? "" : mqttUsername;
    mqttPassword = mqttPassword == null ? "" : mqttPassword;
    shareGroup = shareGroup == null ? "" : shareGroup;
    topicPrefix = topicPrefix == null ? "" : topicPrefix;
  }

  /** Defaults for everything but the two endpoints and the topic prefix. */
  public static BridgeConfig defaults(String mqttUrl, String kafkaBootstrap, String topicPrefix) {
    return new BridgeConfig(
        mqttUrl,
        "airq-ingest-" + hostName(),
        "",
        "",
        "airq-ingest",
        "airq/v1/#",
        Duration.ofHours(1),
        1000,
        Map.of("bootstrap.servers", kafkaBootstrap),
        topicPrefix,
        8081,
        Optional.empty(),
        ParseLimits.DEFAULTS,
        Duration.ofSeconds(30),
        false);
  }

  /** The subscription filter: {@code $share/<group>/<filter>}, or the filter alone. */
  public String subscription() {
    return shareGroup.isEmpty() ? topicFilter : "$share/" + shareGroup + "/" + topicFilter;
  }

  public BridgeConfig withClientId(String id) {
    return new BridgeConfig(
        mqttUrl,
        id,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways);
  }

  public BridgeConfig withShareGroup(String group) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        group,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways);
  }

  public BridgeConfig withTopicFilter(String filter) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        filter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways);
  }

  public BridgeConfig withHttpPort(int port) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        port,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways);
  }

  public BridgeConfig withCredentials(String username, String password) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        username,
        password,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways);
  }

  public BridgeConfig withKafka(String key, String value) {
    Map<String, String> k = new TreeMap<>(kafka);
    k.put(key, value);
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        k,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strictGateways);
  }

  public BridgeConfig withLimits(ParseLimits newLimits) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        newLimits,
        pushTimeout,
        strictGateways);
  }

  /** Reads a properties file (may be null) and overlays the environment. */
  public static BridgeConfig load(Path file, Map<String, String> env) throws IOException {
    Properties p = new Properties();
    if (file != null) {
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
    }
    return from(p, env);
  }

  /** Builds the config from properties overlaid with {@code AIRQ_*} environment variables. */
  public static BridgeConfig from(Properties props, Map<String, String> env) {
    Map<String, String> all = new TreeMap<>();
    props.stringPropertyNames().forEach(k -> all.put(k, props.getProperty(k)));
    env.forEach(
        (name, value) -> {
          if (name.startsWith("AIRQ_KAFKA_")) {
            all.put(
                "kafka." + name.substring(11).toLowerCase(Locale.ROOT).replace('_', '.'), value);
          }
        });
    for (String key : KEYS) {
      String envName = "AIRQ_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      if (env.containsKey(envName)) {
        all.put(key, env.get(envName));
      }
    }
    String mqttUrl = required(all, "mqtt.url");
    String bootstrap = required(all, "kafka.bootstrap.servers");
    BridgeConfig d = defaults(mqttUrl, bootstrap, all.getOrDefault("topic.prefix", ""));
    Map<String, String> kafka =
        all.entrySet().stream()
            .filter(e -> e.getKey().startsWith("kafka."))
            .collect(Collectors.toMap(e -> e.getKey().substring(6), Map.Entry::getValue));
    ParseLimits l = d.limits();
    return new BridgeConfig(
        mqttUrl,
        all.getOrDefault("mqtt.client-id", d.mqttClientId()),
        all.getOrDefault("mqtt.username", ""),
        all.getOrDefault("mqtt.password", ""),
        all.getOrDefault("mqtt.share-group", d.shareGroup()),
        all.getOrDefault("mqtt.topic-filter", d.topicFilter()),
        duration(all, "mqtt.session-expiry", d.sessionExpiry()),
        integer(all, "mqtt.receive-maximum", d.receiveMaximum()),
        kafka,
        d.topicPrefix(),
        integer(all, "http.port", d.httpPort()),
        Optional.ofNullable(all.get("ingest.default-format"))
            .filter(s -> !s.isBlank())
            .map(
                s ->
                    SourceFormat.byId(s)
                        .orElseThrow(
                            () -> new IllegalArgumentException("ingest.default-format: " + s))),
        new ParseLimits(
            integer(all, "ingest.max-bytes", l.maxBytes()),
            integer(all, "ingest.max-readings", l.maxReadings()),
            duration(all, "ingest.future-skew", l.futureSkew()),
            duration(all, "ingest.max-age", l.maxAge())),
        duration(all, "ingest.push-timeout", d.pushTimeout()),
        gatewayMode(all.getOrDefault("ingest.gateway-mode", "open")));
  }

  static final java.util.List<String> KEYS =
      java.util.List.of(
          "mqtt.url",
          "mqtt.client-id",
          "mqtt.username",
          "mqtt.password",
          "mqtt.share-group",
          "mqtt.topic-filter",
          "mqtt.session-expiry",
          "mqtt.receive-maximum",
          "kafka.bootstrap.servers",
          "topic.prefix",
          "http.port",
          "ingest.default-format",
          "ingest.max-bytes",
          "ingest.max-readings",
          "ingest.future-skew",
          "ingest.max-age",
          "ingest.push-timeout",
          "ingest.gateway-mode");

  private static boolean gatewayMode(String mode) {
    return switch (mode.trim()) {
      case "open" -> false;
      case "strict" -> true;
      default ->
          throw new IllegalArgumentException(
              "ingest.gateway-mode must be open or strict, was " + mode);
    };
  }

  /** Strict gateway mode on or off. */
  public BridgeConfig withStrictGateways(boolean strict) {
    return new BridgeConfig(
        mqttUrl,
        mqttClientId,
        mqttUsername,
        mqttPassword,
        shareGroup,
        topicFilter,
        sessionExpiry,
        receiveMaximum,
        kafka,
        topicPrefix,
        httpPort,
        defaultFormat,
        limits,
        pushTimeout,
        strict);
  }

  private static String required(Map<String, String> all, String key) {
    String v = all.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v;
  }

  private static int integer(Map<String, String> all, String key, int dflt) {
    String v = all.get(key);
    try {
      return v == null ? dflt : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was " + v, e);
    }
  }

  /** ISO-8601 ({@code PT5M}, {@code P30D}) or plain seconds. */
  private static Duration duration(Map<String, String> all, String key, Duration dflt) {
    String v = all.get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return v.trim().matches("\\d+")
          ? Duration.ofSeconds(Long.parseLong(v.trim()))
          : Duration.parse(v.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + " must be a duration like PT5M, was " + v, e);
    }
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        h = "local";
      }
    }
    return h;
  }

  private static boolean secret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("secret")
        || k.contains("jaas")
        || k.contains("key");
  }

  @Override
  public String toString() {
    Map<String, String> shownKafka = new TreeMap<>();
    kafka.forEach((k, v) -> shownKafka.put(k, secret(k) && !k.endsWith("serializer") ? "****" : v));
    return "BridgeConfig[mqttUrl="
        + mqttUrl
        + ", mqttClientId="
        + mqttClientId
        + ", mqttUsername="
        + mqttUsername
        + ", mqttPassword="
        + (mqttPassword.isEmpty() ? "" : "****")
        + ", subscription="
        + subscription()
        + ", sessionExpiry="
        + sessionExpiry
        + ", receiveMaximum="
        + receiveMaximum
        + ", kafka="
        + shownKafka
        + ", topicPrefix="
        + topicPrefix
        + ", httpPort="
        + httpPort
        + ", defaultFormat="
        + defaultFormat.map(SourceFormat::id).orElse("detect")
        + ", limits="
        + limits
        + ", pushTimeout="
        + pushTimeout
        + ", gatewayMode="
        + (strictGateways ? "strict" : "open")
        + "]";
  }
}
