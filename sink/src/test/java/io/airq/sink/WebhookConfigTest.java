package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  @Test
  void noUrlMeansNoWebhook() {
    assertThat(SinkConfig.load(new Properties(), Map.of()).webhook().enabled()).isFalse();
  }

  @Test
  void urlsTimeoutsAndSecretAreRead() {
    Properties p = new Properties();
    p.setProperty("webhook.urls", " http://a.example/hook?token=t1 , ,https://b.example:8443/x");
    p.setProperty("webhook.request.timeout.ms", "3000");
    p.setProperty("webhook.retry.max.backoff.ms", "2000");
    SinkConfig c = SinkConfig.load(p, Map.of("AIRQ_WEBHOOK_SECRET", "s3cret"));
    WebhookConfig w = c.webhook();
    assertThat(w.urls())
        .containsExactly(
            URI.create("http://a.example/hook?token=t1"), URI.create("https://b.example:8443/x"));
    assertThat(w.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(w.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(w.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(w.secret()).isEqualTo("s3cret");
    // neither the secret nor a token in a URL's query is logged
    assertThat(c.toString())
        .contains("http://a.example/hook", "https://b.example:8443/x")
        .doesNotContain("s3cret")
        .doesNotContain("token=t1");
  }

  @Test
  void aUrlThatIsNotHttpIsRefusedNamingTheKey() {
    Properties p = new Properties();
    p.setProperty("webhook.urls", "ftp://a.example/x");
    assertThatThrownBy(() -> SinkConfig.load(p, Map.of()))
        .hasMessageContaining("webhook.urls")
        .hasMessageContaining("ftp://a.example/x");
  }

  @Test
  void eachUrlHasItsOwnStableConsumerGroup() {
    URI a = URI.create("http://a.example/hook");
    URI b = URI.create("http://b.example/hook");
    assertThat(Webhooks.groupId("airq-sink", a)).matches("airq-sink-webhook-[0-9a-f]{12}");
    assertThat(Webhooks.groupId("airq-sink", a)).isEqualTo(Webhooks.groupId("airq-sink", a));
    assertThat(Webhooks.groupId("airq-sink", a)).isNotEqualTo(Webhooks.groupId("airq-sink", b));
  }

  @Test
  void theLocalStackTakesOnlyTheWebhookVariablesFromTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "AIRQ_WEBHOOK_URLS", "http://127.0.0.1:9/hook",
            "AIRQ_INFLUX_URL", "http://elsewhere:8086",
            "PATH", "/bin");
    assertThat(WebhookConfig.environment(env))
        .containsExactly(Map.entry("AIRQ_WEBHOOK_URLS", "http://127.0.0.1:9/hook"));
    SinkConfig c = SinkConfig.load(new Properties(), WebhookConfig.environment(env));
    assertThat(c.webhook().urls()).containsExactly(URI.create("http://127.0.0.1:9/hook"));
    assertThat(c.influxUrl()).isEqualTo("http://127.0.0.1:8086");
  }
}
