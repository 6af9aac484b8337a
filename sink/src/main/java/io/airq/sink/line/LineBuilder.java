package io.airq.sink.line;

import java.time.Instant;
import java.util.Optional;

/**
 * Builds one InfluxDB line-protocol point into a {@link StringBuilder}, escaping as InfluxDB 1.x
 * parses it. Names and values that line protocol cannot carry make the point fail with a reason
 * instead of a broken or injected line.
 *
 * <p>InfluxDB 1.x tag rules: a backslash before {@code ,}, space or {@code =} escapes it; any other
 * backslash is kept literally, and the scanner always skips the character after a backslash. So a
 * tag value containing a line break, or a backslash directly before another backslash, a special
 * character or its end, has no line-protocol form that reads back exactly (checked against influxd
 * 1.x); such points are rejected with a reason rather than written wrongly.
 */
public final class LineBuilder {
  private final StringBuilder sb = new StringBuilder(256);
  private boolean anyField;
  private String problem;

  private LineBuilder(String measurement) {
    String p = unrepresentable(measurement);
    if (p != null) {
      problem = "measurement " + p;
    }
    escape(measurement, false);
  }

  /** Starts a point. */
  public static LineBuilder measurement(String name) {
    return new LineBuilder(name);
  }

  /** Adds a tag; a null or empty value is left out (InfluxDB has no empty tag values). */
  public LineBuilder tag(String key, String value) {
    if (value == null || value.isEmpty()) {
      return this;
    }
    if (anyField) {
      throw new IllegalStateException("tags must come before fields");
    }
    checkTag(key, "tag key");
    checkTag(value, "tag value of " + key);
    sb.append(',');
    escape(key, true);
    sb.append('=');
    escape(value, true);
    return this;
  }

  /** Adds a float field; NaN and infinities are left out (line protocol cannot carry them). */
  public LineBuilder field(String key, double value) {
    if (!Double.isFinite(value)) {
      return this;
    }
    fieldKey(key);
    number(value);
    return this;
  }

  private void number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      sb.append((long) value);
    } else {
      String d = Double.toString(value);
      // Double.toString switches to 1.5E-5 below 1e-3 and above 1e7; write plain decimals.
      sb.append(d.indexOf('E') < 0 ? d : new java.math.BigDecimal(d).toPlainString());
    }
  }

  /**
   * A field key checked and escaped once, for the keys a mapper writes on every point (a quantity's
   * value and raw value): {@link #field(Key, double)} then copies it instead of checking and
   * escaping it again.
   */
  public static final class Key {
    private final String escaped;

    private Key(String escaped) {
      this.escaped = escaped;
    }

    /** The key; an IllegalArgumentException when line protocol cannot carry it. */
    public static Key of(String name) {
      String p = unrepresentable(name);
      if (p != null) {
        throw new IllegalArgumentException("field key " + p);
      }
      StringBuilder escaped = new StringBuilder(name.length() + 4);
      escape(escaped, name, true);
      return new Key(escaped.toString());
    }
  }

  /** {@link #field(String, double)} with a key checked and escaped before. */
  public LineBuilder field(Key key, double value) {
    if (!Double.isFinite(value)) {
      return this;
    }
    separator();
    sb.append(key.escaped).append('=');
    number(value);
    return this;
  }

  /** Adds an integer field. */
  public LineBuilder field(String key, long value) {
    fieldKey(key);
    sb.append(value).append('i');
    return this;
  }

  /** Adds a string field; {@code "} and {@code \} are escaped, newlines are kept as they are. */
  public LineBuilder field(String key, String value) {
    if (value == null) {
      return this;
    }
    fieldKey(key);
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
    return this;
  }

  /** Ends the point with its time in nanoseconds; empty with the reason as a rejection. */
  public LineResult time(Instant t) {
    if (problem != null) {
      return new LineResult.Rejected("unrepresentable-tag", problem);
    }
    if (!anyField) {
      return new LineResult.Rejected("no-fields", "the point has no finite field value");
    }
    sb.append(' ').append(nanos(t));
    return LineResult.of(sb.toString());
  }

  /** Ends the point; the line, or empty when it cannot be written. */
  public Optional<String> line(Instant t) {
    return time(t) instanceof LineResult.Lines l ? Optional.of(l.lines().get(0)) : Optional.empty();
  }

  /** Nanoseconds since the epoch. */
  public static long nanos(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
  }

  private void separator() {
    sb.append(anyField ? ',' : ' ');
    anyField = true;
  }

  private void fieldKey(String key) {
    separator();
    checkTag(key, "field key");
    escape(key, true);
    sb.append('=');
  }

  private void checkTag(String s, String what) {
    String p = unrepresentable(s);
    if (p != null && problem == null) {
      problem = what + " " + p;
    }
  }

  private void escape(String s, boolean equalsToo) {
    escape(sb, s, equalsToo);
  }

  private static void escape(StringBuilder sb, String s, boolean equalsToo) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == ' ' || (equalsToo && c == '=')) {
        sb.append('\\');
      }
      sb.append(c);
    }
  }

  /**
   * Why a measurement, tag key, tag value or field key cannot be written exactly, or null when it
   * can.
   */
  static String unrepresentable(String s) {
    if (s.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        return quote(s) + " contains a line break, which InfluxDB line protocol cannot carry";
      }
      if (c == '\\') {
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        if (next == '\\' || next == ',' || next == ' ' || next == '=') {
          return quote(s)
              + " has a backslash before a backslash, comma, space, '=' or its end, which"
              + " InfluxDB 1.x cannot read back exactly";
        }
      }
    }
    return null;
  }

  private static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
  }
}
