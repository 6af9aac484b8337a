package io.airq.core.config;

import java.util.List;

/**
 * A service's configuration cannot be used; the message lists every problem, each naming its key.
 */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;

  public ConfigException(String service, List<String> problems) {
    super(
        "the "
            + service
            + " configuration is not valid:\n  - "
            + String.join("\n  - ", problems)
            + "\n(docs/configuration.md lists every key)");
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each naming its key. */
  public List<String> problems() {
    return problems;
  }
}
