package io.airq.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * The fewest bytes of a shared secret: HS256's key must be at least as long as its 256-bit hash
   * (RFC 7518, section 3.2); a shorter one can be guessed offline from any token.
   */
  public static final int MIN_SECRET_BYTES = 32;

  private static final ObjectMapper JSON = new ObjectMapper();

  private InfluxJwt() {}

  /**
   * The token of {@code user}, valid until {@code expires}, signed with {@code secret}.
   *
   * @throws IllegalArgumentException on an empty user or one with control characters or surrounding
   *     whitespace, or a secret shorter than {@link #MIN_SECRET_BYTES}
   */
  public static String mint(String user, byte[] secret, Instant expires) {
    if (user == null || user.isEmpty() || !user.strip().equals(user)) {
      throw new IllegalArgumentException(
          "the InfluxDB user must not be empty nor have surrounding whitespace");
    }
    if (user.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the InfluxDB user has a control character");
    }
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the shared secret has "
              + (secret == null ? 0 : secret.length)
              + " bytes; HS256 needs at least "
              + MIN_SECRET_BYTES
              + " (a shorter one can be guessed from any token): set influxd's [http]"
              + " shared-secret to a longer one, e.g. openssl rand -base64 32");
    }
    ObjectNode claims = JSON.createObjectNode();
    claims.put("username", user);
    claims.put("exp", expires.getEpochSecond());
    String signed = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(claims.toString());
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
