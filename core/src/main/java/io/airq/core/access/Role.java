package io.airq.core.access;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * What a planner API token may change: {@code editor} registers, changes and withdraws closures;
 * {@code admin} may do that too, and changes sensors and tokens. Reads need no token.
 */
public enum Role {
  @JsonProperty("editor")
  EDITOR,
  @JsonProperty("admin")
  ADMIN;

  /** The name in JSON, the CLI and the docs: {@code editor} or {@code admin}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a caller with this role may do what needs {@code required}. */
  public boolean allows(Role required) {
    return this == ADMIN || this == required;
  }

  public static Optional<Role> byId(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
