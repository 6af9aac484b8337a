package io.airq.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a configuration value is read from its text. {@link #parse} throws {@link
 * IllegalArgumentException} with a reason ("must be an integer"); the loader adds the key's name
 * and where the value came from.
 *
 * @param <T> the value's type
 * @param name what the docs call the type ("integer 1..65535")
 * @param parser text to value, throwing with a reason when the text does not fit
 */
public record ValueType<T>(String name, Function<String, T> parser) {

  /** Any text, kept as it is (empty included). */
  public static final ValueType<String> TEXT = new ValueType<>("text", s -> s);

  /** {@code true} or {@code false}, nothing else (a typo must not silently mean false). */
  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>(
          "true or false",
          s ->
              switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
              });

  /**
   * A duration: ISO-8601 ({@code PT5M}, {@code P30D}), a whole number of seconds ({@code 30}), or a
   * whole number with a unit {@code ms}, {@code s}, {@code m}, {@code h}, {@code d} ({@code 26h}).
   */
  public static final ValueType<Duration> DURATION =
      new ValueType<>("duration (PT5M, 90s, 26h, 2d)", ValueType::duration);

  public ValueType {
    if (name == null || name.isBlank() || parser == null) {
      throw new IllegalArgumentException("a value type needs a name and a parser");
    }
  }

  /** Parses the text; throws {@link IllegalArgumentException} with a reason. */
  public T parse(String text) {
    return parser.apply(text);
  }

  /** Whether empty text means "not set" (every type but text). */
  boolean blankIsUnset() {
    return this != TEXT;
  }

  /** A whole number between {@code min} and {@code max} inclusive. */
  public static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>(
        "integer " + min + ".." + max,
        s -> {
          int v;
          try {
            v = Integer.parseInt(s.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer", e);
          }
          if (v < min || v > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
          }
          return v;
        });
  }

  /** A whole number between {@code min} and {@code max} inclusive. */
  public static ValueType<Long> longInteger(long min, long max) {
    return new ValueType<>(
        "integer " + min + ".." + (max == Long.MAX_VALUE ? "" : Long.toString(max)),
        s -> {
          long v;
          try {
            v = Long.parseLong(s.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be an integer", e);
          }
          if (v < min || v > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max);
          }
          return v;
        });
  }

  /** A decimal number between {@code min} and {@code max} inclusive. */
  public static ValueType<Double> decimal(double min, double max) {
    String range = max == Double.MAX_VALUE ? ">= " + plain(min) : plain(min) + ".." + plain(max);
    return new ValueType<>(
        "number " + range,
        s -> {
          double v;
          try {
            v = Double.parseDouble(s.trim());
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number", e);
          }
          if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("must be " + range);
          }
          return v;
        });
  }

  /** One of a fixed set of words, compared exactly after trimming. */
  public static ValueType<String> oneOf(List<String> choices) {
    List<String> allowed = List.copyOf(choices);
    String shown = String.join(" | ", allowed);
    return new ValueType<>(
        shown,
        s -> {
          String v = s.trim();
          if (!allowed.contains(v)) {
            throw new IllegalArgumentException("must be one of " + shown);
          }
          return v;
        });
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static Duration duration(String text) {
    String v = text.trim();
    try {
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      if (v.matches("\\d+ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.matches("\\d+[smhd]")) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("must be a duration like PT5M, 90s, 26h or 2d", e);
    }
    throw new IllegalArgumentException("must be a duration like PT5M, 90s, 26h or 2d");
  }
}
