package io.airq.ingest;

import io.airq.core.reading.Reading;
import io.airq.ingest.payload.ParseResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest that lets a redelivered copy of a timestamp-less payload be recognised: its readings'
 * time is the receive time, which a redelivery does not share, so the copy is known by its channel
 * and bytes instead. Computed only for payloads that have no time of their own, so the usual
 * timestamped message costs nothing.
 */
final class Redelivery {
  private Redelivery() {}

  /**
   * The digest of {@code channel} and {@code body} when some reading of {@code result} took the
   * receive time (the adapters give such a reading the receive time as its time); null otherwise.
   */
  static String digestIfTimeless(ParseResult result, String channel, byte[] body) {
    if (!(result instanceof ParseResult.Accepted a) || !isTimeless(a)) {
      return null;
    }
    return digest(channel, body);
  }

  static boolean isTimeless(ParseResult.Accepted a) {
    for (Reading r : a.readings()) {
      if (r.time().equals(r.receivedAt())) {
        return true;
      }
    }
    return false;
  }

  /** SHA-256 of the channel, a 0 byte and the body, first 16 bytes in hex. */
  static String digest(String channel, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(channel.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body);
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
