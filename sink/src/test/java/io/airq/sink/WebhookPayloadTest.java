package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {
  static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
    return new ConsumerRecord<>(
        "p.airq.alerts",
        2,
        offset,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theBodyCarriesAStableIdTheKeyAndTheAlertAsStored() throws Exception {
    var r = record(41, "sensor-7", "{\"quantity\":\"PM25\",\"mean\":38.5,\"level\":\"guideline\"}");
    JsonNode body = new ObjectMapper().readTree(WebhookPayload.body(r));
    assertThat(body.get("id").asText()).isEqualTo("p.airq.alerts-2-41");
    assertThat(body.get("key").asText()).isEqualTo("sensor-7");
    assertThat(body.get("alert").get("mean").asDouble()).isEqualTo(38.5);
    assertThat(body.get("alert").get("level").asText()).isEqualTo("guideline");
    // a redelivery of the same record carries the same id; the next record another
    assertThat(WebhookPayload.id(record(41, "x", "{}"))).isEqualTo(body.get("id").asText());
    assertThat(WebhookPayload.id(record(42, "x", "{}"))).isNotEqualTo(body.get("id").asText());
  }

  @Test
  void aValueThatIsNotAJsonObjectIsRefusedWithTheReason() {
    assertThatThrownBy(() -> WebhookPayload.body(record(1, "k", "not json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> WebhookPayload.body(record(1, "k", "[1]")))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> WebhookPayload.body(record(1, "k", null)))
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void theSignatureIsTheHmacSha256OfTheBody() {
    // RFC 4231, test case 2
    assertThat(
            WebhookPayload.signature(
                "Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }
}
