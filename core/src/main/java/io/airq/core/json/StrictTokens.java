package io.airq.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;

/**
 * The token-level rules of {@link CleanReadingDecoder}'s strict parse: each accepts exactly the
 * shape the shared mapper writes and throws {@link Unsure} at anything else, so the caller hands
 * the document to the mapper.
 */
final class StrictTokens {
  /** The shape is not one this decoder is sure of; decode with the full mapper. */
  static final class Unsure extends Exception {
    static final Unsure INSTANCE = new Unsure();

    private Unsure() {
      super(null, null, false, false);
    }
  }

  private StrictTokens() {}

  /**
   * An instant written as {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (what the mapper writes); null for JSON
   * null.
   */
  static Instant instant(JsonParser p, JsonToken v) throws IOException, Unsure {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_STRING) {
      throw Unsure.INSTANCE;
    }
    return parseInstant(p.getText());
  }

  /**
   * The instant of a plain UTC ISO-8601 text ({@link IsoInstants#utc}), or Unsure for any other.
   */
  static Instant parseInstant(String s) throws Unsure {
    Instant t = IsoInstants.utc(s);
    if (t == null) {
      throw Unsure.INSTANCE;
    }
    return t;
  }

  static String string(JsonParser p, JsonToken v) throws IOException, Unsure {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.VALUE_STRING) {
      throw Unsure.INSTANCE;
    }
    return p.getText();
  }

  static double number(JsonParser p, JsonToken v) throws IOException, Unsure {
    if (v != JsonToken.VALUE_NUMBER_FLOAT && v != JsonToken.VALUE_NUMBER_INT) {
      throw Unsure.INSTANCE;
    }
    return p.getDoubleValue();
  }

  static <E extends Enum<E>> E byId(E[] all, String id) throws Unsure {
    if (id != null) {
      for (E e : all) {
        if (e.toString().equals(id)) {
          return e;
        }
      }
    }
    throw Unsure.INSTANCE;
  }

  static void unknown(JsonParser p, JsonToken v) throws IOException {
    // the mapper ignores unknown fields
    p.skipChildren();
  }

  static int once(int seen, int bit) throws Unsure {
    if ((seen & bit) != 0) {
      throw Unsure.INSTANCE;
    }
    return seen | bit;
  }

  static void expect(JsonToken t, JsonToken wanted) throws Unsure {
    if (t != wanted) {
      throw Unsure.INSTANCE;
    }
  }
}
