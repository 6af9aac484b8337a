package io.airq.kit;

import java.util.Objects;

/**
 * One dependency's state in a health answer: whether it is usable, and a short plain-language
 * detail (never a stack trace or a secret).
 *
 * @param up whether the dependency is usable now
 * @param detail what was seen, e.g. {@code "connected to tcp://127.0.0.1:1883"}
 */
public record Check(boolean up, String detail) {
  public Check {
    Objects.requireNonNull(detail, "detail");
  }

  public static Check up(String detail) {
    return new Check(true, detail);
  }

  public static Check down(String detail) {
    return new Check(false, detail);
  }
}
