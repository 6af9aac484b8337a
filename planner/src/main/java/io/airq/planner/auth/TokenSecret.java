package io.airq.planner.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API tokens: {@code airq_<id>_<secret>}, the id public (it names the token in lists and the audit
 * log), the secret 256 random bits. Only the SHA-256 of the whole token is stored: with that much
 * entropy a fast hash is enough (no password-style stretching is needed to resist guessing).
 */
public final class TokenSecret {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "airq_";

  private TokenSecret() {}

  /** A new token with a new id. */
  public static String generate() {
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return PREFIX
        + HexFormat.of().formatHex(id)
        + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** The id part of a token; empty when it is not shaped like one. */
  public static Optional<String> id(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = token.indexOf('_', PREFIX.length());
    return end <= PREFIX.length()
        ? Optional.empty()
        : Optional.of(token.substring(PREFIX.length(), end));
  }

  /** The hex SHA-256 of a token, as stored. */
  public static String sha256(String token) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Compares a token with a stored hash in constant time. */
  public static boolean matches(String token, String sha256) {
    return MessageDigest.isEqual(
        sha256(token).getBytes(StandardCharsets.US_ASCII),
        sha256.getBytes(StandardCharsets.US_ASCII));
  }
}
