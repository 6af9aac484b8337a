package io.airq.sink;

import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigValues;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The webhook sink's settings, read with the sink's ({@link SinkConfig}): where to POST each alert,
 * how long to wait for an answer, how long at most between retries, and the optional shared secret
 * the body is signed with ({@link WebhookPayload#signature}). No URL = no webhook.
 */
public record WebhookConfig(
    List<URI> urls,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration maxBackoff,
    String secret) {

  /** No webhook. */
  public static final WebhookConfig OFF =
      new WebhookConfig(
          List.of(), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), "");

  public WebhookConfig {
    urls = List.copyOf(urls);
    for (URI u : urls) {
      if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new IllegalArgumentException("webhook.urls must be http or https URLs: " + safe(u));
      }
    }
    for (Duration d : new Duration[] {connectTimeout, requestTimeout, maxBackoff}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("webhook timeouts and backoff must be positive: " + d);
      }
    }
    if (secret == null) {
      throw new IllegalArgumentException("webhook.secret needs a value (empty = no signature)");
    }
  }

  /**
   * The webhook variables ({@code AIRQ_WEBHOOK_*}) of an environment: what the local stack, whose
   * other sink settings are its own, takes from the environment.
   */
  public static Map<String, String> environment(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    env.forEach(
        (k, v) -> {
          if (k.startsWith("AIRQ_WEBHOOK_")) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Reads the keys of {@link Keys} from values the sink's loader checked. */
  static WebhookConfig from(ConfigValues v) {
    return new WebhookConfig(
        parseUrls(v.get(Keys.URLS)),
        Duration.ofMillis(v.get(Keys.CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(v.get(Keys.REQUEST_TIMEOUT_MS)),
        Duration.ofMillis(v.get(Keys.MAX_BACKOFF_MS)),
        v.get(Keys.SECRET));
  }

  /** The comma-separated URLs; blanks between commas are ignored. */
  static List<URI> parseUrls(String text) {
    List<URI> out = new ArrayList<>();
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        try {
          out.add(new URI(s.trim()));
        } catch (java.net.URISyntaxException e) {
          throw new IllegalArgumentException("webhook.urls: not a URL: " + e.getMessage());
        }
      }
    }
    return out;
  }

  /** Whether any URL is set. */
  public boolean enabled() {
    return !urls.isEmpty();
  }

  /** A URL without user info, query or fragment (which may hold tokens), for logs and reasons. */
  static String safe(URI u) {
    String port = u.getPort() < 0 ? "" : ":" + u.getPort();
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    return u.getScheme() + "://" + u.getHost() + port + path;
  }

  @Override
  public String toString() {
    return "WebhookConfig[urls=%s, connectTimeout=%s, requestTimeout=%s, maxBackoff=%s, secret=%s]"
        .formatted(
            urls.stream().map(WebhookConfig::safe).toList(),
            connectTimeout,
            requestTimeout,
            maxBackoff,
            secret.isEmpty() ? "" : "***");
  }

  /** The webhook keys; part of the sink's {@link SinkConfig.Keys#SPEC}. */
  static final class Keys {
    private Keys() {}

    static final ConfigKey<String> URLS =
        ConfigKey.text(
            "webhook.urls",
            "",
            "Comma-separated http(s) URLs each alert is POSTed to as JSON, each by its own consumer"
                + " group; empty = no webhook. See docs/quality.md, \"Alerts to a webhook\".");
    static final ConfigKey<Long> CONNECT_TIMEOUT_MS =
        ConfigKey.longInteger(
            "webhook.connect.timeout.ms",
            5000,
            1,
            Integer.MAX_VALUE,
            "How long a connection to a webhook receiver may take, in milliseconds.");
    static final ConfigKey<Long> REQUEST_TIMEOUT_MS =
        ConfigKey.longInteger(
            "webhook.request.timeout.ms",
            10000,
            1,
            Integer.MAX_VALUE,
            "How long a webhook receiver may take to answer, in milliseconds; then it is retried.");
    static final ConfigKey<Long> MAX_BACKOFF_MS =
        ConfigKey.longInteger(
            "webhook.retry.max.backoff.ms",
            5000,
            1,
            Integer.MAX_VALUE,
            "Longest wait between retries while a webhook receiver is down, in milliseconds.");
    static final ConfigKey<String> SECRET =
        ConfigKey.text(
                "webhook.secret",
                "",
                "Shared secret: each body is signed with HMAC-SHA256 in `X-Airq-Signature:"
                    + " sha256=<hex>`; empty = unsigned.")
            .asSecret();

    static final List<ConfigKey<?>> ALL =
        List.of(URLS, CONNECT_TIMEOUT_MS, REQUEST_TIMEOUT_MS, MAX_BACKOFF_MS, SECRET);
  }
}
