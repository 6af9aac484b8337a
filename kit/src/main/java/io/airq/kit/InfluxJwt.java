package io.airq.kit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token for InfluxDB 1.x's shared-secret authentication: with {@code [http] auth-enabled = true}
 * and {@code shared-secret = "..."}, influxd takes {@code Authorization: Bearer <JWT>}, a JWT
 * signed with HS256 by that secret whose claims are {@code username} (an existing InfluxDB user,
 * whose privileges the token carries) and {@code exp} (when it expires, in Unix seconds; required).
 */
public final class InfluxJwt {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private InfluxJwt() {}

  /**
   * The token of {@code user}, valid until {@code expires}, signed with {@code secret}.
   *
   * @throws IllegalArgumentException on an empty user or secret
   */
  public static String mint(String user, byte[] secret, Instant expires) {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("the InfluxDB user must not be empty");
    }
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("the shared secret must not be empty");
    }
    String header = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String claims =
        part(
            "{\"username\":\""
                + user.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"exp\":"
                + expires.getEpochSecond()
                + "}");
    String signed = header + "." + claims;
    return signed + "." + B64.encodeToString(hmac(secret, signed));
  }

  private static String part(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
