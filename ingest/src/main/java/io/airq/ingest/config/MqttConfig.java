package io.airq.ingest.config;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import io.airq.core.reading.SourceFormat;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the bridge reads from the MQTT broker, and how it parses what it reads.
 *
 * @param url broker URL, {@code tcp://host:1883} or {@code ssl://host:8883} (TLS)
 * @param clientId the client id; keep it stable, the persistent session is bound to it
 * @param username user name, empty for none
 * @param password password, empty for none (redacted in {@link #toString()})
 * @param tls trust store and client key store for {@code ssl://} broker URLs
 * @param shareGroup shared-subscription group; empty subscribes to the plain filter
 * @param topicFilter the topic filter, {@code airq/v1/#}
 * @param sessionExpiry how long the broker keeps the session (and its queued messages) offline
 * @param receiveMaximum how many unacknowledged messages the broker may send at once
 * @param workers threads that parse MQTT messages and hand them to Kafka; 0 = one per available
 *     processor. A topic is always handled by the same thread, so its messages keep their order.
 * @param defaultFormat a format forced for topics without a format segment; empty = detect
 */
public record MqttConfig(
    String url,
    String clientId,
    String username,
    String password,
    MqttTls tls,
    String shareGroup,
    String topicFilter,
    Duration sessionExpiry,
    int receiveMaximum,
    int workers,
    Optional<SourceFormat> defaultFormat) {

  public static final ConfigKey<String> URL =
      ConfigKey.text(
              "mqtt.url", null, "Broker URL: `tcp://host:1883`, or `ssl://host:8883` for TLS.")
          .asRequired();
  public static final ConfigKey<String> CLIENT_ID =
      ConfigKey.text(
              "mqtt.client-id",
              null,
              "MQTT client id; keep it stable, the persistent session is bound to it.")
          .withComputedDefault("airq-ingest-<host name>");
  public static final ConfigKey<String> USERNAME =
      ConfigKey.text("mqtt.username", "", "Broker user name; empty for none.");
  public static final ConfigKey<String> PASSWORD =
      ConfigKey.text("mqtt.password", "", "Broker password; empty for none.").asSecret();
  public static final ConfigKey<String> SHARE_GROUP =
      ConfigKey.text(
          "mqtt.share-group",
          "airq-ingest",
          "Shared-subscription group (`$share/<group>/<filter>`), so several bridges split the"
              + " load; empty subscribes to the plain filter.");
  public static final ConfigKey<String> TOPIC_FILTER =
      ConfigKey.text("mqtt.topic-filter", "airq/v1/#", "The MQTT topic filter subscribed to.");
  public static final ConfigKey<Duration> SESSION_EXPIRY =
      ConfigKey.duration(
          "mqtt.session-expiry",
          Duration.ofHours(1),
          "How long the broker keeps the session and its queued messages while the bridge is"
              + " away.");
  public static final ConfigKey<Integer> RECEIVE_MAXIMUM =
      ConfigKey.integer(
          "mqtt.receive-maximum",
          1000,
          1,
          65535,
          "How many unacknowledged messages the broker may send at once; the bridge holds no"
              + " more (it pauses reading while that many wait for Kafka), so its memory is"
              + " bounded by this times the payload size limit.");
  public static final ConfigKey<Integer> WORKERS =
      ConfigKey.integer(
          "ingest.workers",
          0,
          0,
          1024,
          "Threads that parse MQTT messages and send them to Kafka; 0 = one per available"
              + " processor. Each topic stays on one thread, so its messages keep their order.");
  public static final ConfigKey<String> DEFAULT_FORMAT =
      ConfigKey.oneOf(
              "ingest.default-format",
              null,
              Arrays.stream(SourceFormat.values()).map(SourceFormat::id).toList(),
              "Payload format forced for MQTT topics without a format segment; unset = detect"
                  + " from the payload's shape.")
          .withComputedDefault("(detect)");

  /** The MQTT keys, in the order the configuration reference lists them. */
  public static final List<ConfigKey<?>> KEYS =
      Stream.of(
              List.<ConfigKey<?>>of(URL, CLIENT_ID, USERNAME, PASSWORD),
              MqttTls.KEYS,
              List.<ConfigKey<?>>of(
                  SHARE_GROUP,
                  TOPIC_FILTER,
                  SESSION_EXPIRY,
                  RECEIVE_MAXIMUM,
                  WORKERS,
                  DEFAULT_FORMAT))
          .flatMap(List::stream)
          .toList();

  public MqttConfig {
    Objects.requireNonNull(url, URL.name());
    Objects.requireNonNull(clientId, CLIENT_ID.name());
    if (clientId.isBlank()) {
      throw new IllegalArgumentException(CLIENT_ID.name() + " must not be blank");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65535) {
      throw new IllegalArgumentException(RECEIVE_MAXIMUM.name() + " must be 1..65535");
    }
    if (workers < 0) {
      throw new IllegalArgumentException(WORKERS.name() + " must be 0 (one per processor) or more");
    }
    tls = tls == null ? MqttTls.NONE : tls;
    if (tls.isCustom() && !url.startsWith("ssl://")) {
      throw new IllegalArgumentException(
          MqttTls.TRUST_STORE.name()
              + " and "
              + MqttTls.KEY_STORE.name()
              + " need an ssl:// "
              + URL.name()
              + ", not "
              + url);
    }
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    shareGroup = shareGroup == null ? "" : shareGroup;
    defaultFormat = defaultFormat == null ? Optional.empty() : defaultFormat;
  }

  /** The MQTT side of the loaded configuration; the client id defaults to one per host. */
  public static MqttConfig from(ConfigValues v) {
    String clientId = v.get(CLIENT_ID);
    return new MqttConfig(
        v.get(URL),
        clientId == null ? "airq-ingest-" + hostName() : clientId,
        v.get(USERNAME),
        v.get(PASSWORD),
        MqttTls.from(v),
        v.get(SHARE_GROUP),
        v.get(TOPIC_FILTER),
        v.get(SESSION_EXPIRY),
        v.get(RECEIVE_MAXIMUM),
        v.get(WORKERS),
        Optional.ofNullable(v.get(DEFAULT_FORMAT)).flatMap(SourceFormat::byId));
  }

  /** The number of worker threads: {@link #workers}, or one per available processor. */
  public int workerThreads() {
    return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
  }

  /** The subscription filter: {@code $share/<group>/<filter>}, or the filter alone. */
  public String subscription() {
    return shareGroup.isEmpty() ? topicFilter : "$share/" + shareGroup + "/" + topicFilter;
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        h = "local";
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return "MqttConfig[url="
        + url
        + ", clientId="
        + clientId
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "" : "****")
        + ", tls="
        + tls
        + ", subscription="
        + subscription()
        + ", sessionExpiry="
        + sessionExpiry
        + ", receiveMaximum="
        + receiveMaximum
        + ", workers="
        + workerThreads()
        + ", defaultFormat="
        + defaultFormat.map(SourceFormat::id).orElse("detect")
        + "]";
  }
}
