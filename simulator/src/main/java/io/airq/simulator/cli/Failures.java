package io.airq.simulator.cli;

/** A failure as one line for the console: its message and its causes'. */
final class Failures {
  private Failures() {}

  /** E.g. "registering sensors and closures failed: SaslAuthenticationException: ...". */
  static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      b.append(": ").append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        b.append(": ").append(c.getMessage());
      }
    }
    return b.toString();
  }
}
