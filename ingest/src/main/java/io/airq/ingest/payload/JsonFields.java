package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Typed access to payload fields; a field of the wrong type refuses the message. */
final class JsonFields {
  private JsonFields() {}

  /** A JSON number (NaN and infinities are refused). */
  static double number(JsonNode node, String what) throws Refusal {
    if (node == null || !node.isNumber()) {
      throw new Refusal(
          RejectionCode.WRONG_TYPE, what + " must be a number, was " + describe(node));
    }
    return finite(node.doubleValue(), what);
  }

  /** A number sent as a string, as the Sensor.Community firmware does ({@code "13.40"}). */
  static double numberOrNumericString(JsonNode node, String what) throws Refusal {
    if (node != null && node.isTextual()) {
      String s = node.asText().trim();
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new Refusal(RejectionCode.WRONG_TYPE, what + " is not a number: \"" + s + "\"");
      }
      return finite(v, what);
    }
    return number(node, what);
  }

  static double finite(double v, String what) throws Refusal {
    if (!Double.isFinite(v)) {
      throw new Refusal(RejectionCode.NON_FINITE, what + " is not a finite number: " + v);
    }
    return v;
  }

  static Optional<String> optionalText(JsonNode parent, String field) throws Refusal {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new Refusal(RejectionCode.WRONG_TYPE, field + " must be a string, was " + describe(n));
    }
    return Optional.of(n.asText());
  }

  /** An ISO-8601 instant, with {@code Z} or an offset. */
  static Optional<Instant> optionalIsoTime(JsonNode parent, String field) throws Refusal {
    Optional<String> text = optionalText(parent, field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(IsoTimes.parse(text.get()));
    } catch (DateTimeParseException e) {
      throw new Refusal(
          RejectionCode.BAD_TIMESTAMP,
          field + " is not an ISO-8601 time with offset: \"" + text.get() + "\"");
    }
  }

  static String describe(JsonNode node) {
    return node == null || node.isMissingNode() ? "missing" : node.getNodeType().toString();
  }
}
