package io.airq.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The JSON body POSTed for one alert record: {@code id} (topic-partition-offset: the same on every
 * redelivery of that record, so a receiver dedupes on it), {@code key} (the record key), and {@code
 * alert} (the alert as the alerts topic holds it). {@link #signature} signs it.
 */
final class WebhookPayload {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  /** The idempotency key of a record. */
  static String id(ConsumerRecord<byte[], byte[]> r) {
    return r.topic() + "-" + r.partition() + "-" + r.offset();
  }

  /**
   * The body of a record.
   *
   * @throws IllegalArgumentException when the record's value is not JSON (it is dead-lettered)
   */
  static byte[] body(ConsumerRecord<byte[], byte[]> r) {
    JsonNode alert;
    try {
      alert = r.value() == null ? null : JSON.readTree(r.value());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the alert is not JSON: " + e.getMessage(), e);
    }
    if (alert == null || !alert.isObject()) {
      throw new IllegalArgumentException("the alert is not a JSON object");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("id", id(r));
    out.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
    out.set("alert", alert);
    try {
      return JSON.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** {@code sha256=} and the hex HMAC-SHA256 of the body with the shared secret. */
  static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
