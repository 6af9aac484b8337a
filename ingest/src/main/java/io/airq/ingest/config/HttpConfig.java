package io.airq.ingest.config;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import java.time.Duration;
import java.util.List;

/**
 * The bridge's HTTP server: {@code /health}, {@code /metrics} and the Sensor.Community push.
 *
 * @param port the port; 0 = no HTTP server, -1 = any free port
 * @param pushTimeout how long an HTTP push waits for Kafka before answering 503
 * @param pinWindow how long after a device's first per-pin push ({@code X-PIN}) its later pins join
 *     the same reading; zero: every push is a reading of its own
 * @param bind the address the server listens on
 * @param deviceSecrets the file of per-device push secrets; empty: pushes are not authenticated
 * @param metricsPort the port of /health and /metrics; 0 = on {@code port}, -1 = any free port
 * @param metricsBind the address of /health and /metrics when they have their own port
 */
public record HttpConfig(
    int port,
    Duration pushTimeout,
    Duration pinWindow,
    String bind,
    String deviceSecrets,
    int metricsPort,
    String metricsBind) {

  public static final ConfigKey<Integer> PORT =
      ConfigKey.integer(
          "http.port",
          8081,
          -1,
          65535,
          "Port of /health, /metrics and the Sensor.Community HTTP push; 0 = no HTTP server,"
              + " -1 = any free port.");
  public static final ConfigKey<Duration> PUSH_TIMEOUT =
      ConfigKey.duration(
          "ingest.push-timeout",
          Duration.ofSeconds(30),
          "How long an HTTP push waits for Kafka before answering 503.");

  public static final ConfigKey<Duration> PIN_WINDOW =
      ConfigKey.duration(
          "ingest.pin-window",
          Duration.ofSeconds(10),
          "Per-pin pushes (`X-PIN`) of one device (`X-Sensor`) within this time after its first"
              + " become one reading; 0 = each push is its own reading.");

  public static final ConfigKey<String> BIND =
      ConfigKey.text(
          "http.bind",
          "0.0.0.0",
          "Address the HTTP server listens on: every interface by default, since devices push to"
              + " it; 127.0.0.1 behind a reverse proxy.");

  public static final ConfigKey<String> DEVICE_SECRETS =
      ConfigKey.text(
          "http.device-secrets",
          "",
          "File of per-device push secrets (`airq devices add`); when set, a push must carry"
              + " `Authorization: Basic` with its `X-Sensor` id and secret (401/403 otherwise)."
              + " Empty: pushes are not authenticated.");

  public static final ConfigKey<Integer> METRICS_PORT =
      ConfigKey.integer(
          "metrics.port",
          0,
          -1,
          65535,
          "Port of `/health` and `/metrics` on their own server (on `metrics.bind`), so the push"
              + " port exposes only the push; 0 = on `http.port`, -1 = any free port.");

  public static final ConfigKey<String> METRICS_BIND =
      ConfigKey.text(
          "metrics.bind",
          "127.0.0.1",
          "Address of `/health` and `/metrics` when `metrics.port` gives them their own port.");

  /** The HTTP keys, in the order the configuration reference lists them. */
  public static final List<ConfigKey<?>> KEYS =
      List.of(PORT, BIND, PUSH_TIMEOUT, PIN_WINDOW, DEVICE_SECRETS, METRICS_PORT, METRICS_BIND);

  public HttpConfig {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException(PORT.name() + " must be -1..65535");
    }
    if (pushTimeout == null || pushTimeout.isNegative() || pushTimeout.isZero()) {
      throw new IllegalArgumentException(PUSH_TIMEOUT.name() + " must be positive");
    }
    if (pinWindow == null || pinWindow.isNegative()) {
      throw new IllegalArgumentException(PIN_WINDOW.name() + " must be 0 or positive");
    }
    bind = bind == null || bind.isBlank() ? "0.0.0.0" : bind.strip();
    deviceSecrets = deviceSecrets == null ? "" : deviceSecrets.strip();
    if (metricsPort < -1 || metricsPort > 65535) {
      throw new IllegalArgumentException(METRICS_PORT.name() + " must be -1..65535");
    }
    metricsBind = metricsBind == null || metricsBind.isBlank() ? "127.0.0.1" : metricsBind.strip();
  }

  /** The HTTP side of the loaded configuration. */
  public static HttpConfig from(ConfigValues v) {
    return new HttpConfig(
        v.get(PORT),
        v.get(PUSH_TIMEOUT),
        v.get(PIN_WINDOW),
        v.get(BIND),
        v.get(DEVICE_SECRETS),
        v.get(METRICS_PORT),
        v.get(METRICS_BIND));
  }

  /** Whether the bridge serves HTTP at all. */
  public boolean enabled() {
    return port != 0;
  }

  /** Whether /health and /metrics have a server of their own. */
  public boolean separateMetrics() {
    return metricsPort != 0;
  }

  /** The port to bind: 0 (any free port) for -1. */
  public int bindPort() {
    return Math.max(port, 0);
  }
}
