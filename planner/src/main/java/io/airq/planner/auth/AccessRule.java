package io.airq.planner.auth;

import io.airq.core.access.Role;
import java.util.Optional;

/**
 * Which role a request needs, by method and path alone, so that every write route (those added
 * later included) is covered without the route saying so:
 *
 * <ul>
 *   <li>reads ({@code GET}, {@code HEAD}) are public, except the tokens and the audit log: admin;
 *   <li>writes under {@code /api/closures}: editor (admin may too);
 *   <li>every other write: admin.
 * </ul>
 */
public final class AccessRule {
  private AccessRule() {}

  /** The role needed; empty when the request is public. */
  public static Optional<Role> required(String method, String path) {
    String p = path.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1");
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (read) {
      return under(p, "/api/tokens") || under(p, "/api/audit")
          ? Optional.of(Role.ADMIN)
          : Optional.empty();
    }
    return under(p, "/api/closures") ? Optional.of(Role.EDITOR) : Optional.of(Role.ADMIN);
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
