package io.airq.core.access;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * A planner API token as stored on the compacted tokens topic: never the token itself, only its
 * SHA-256 hash. Key = {@link #id()}, which is also the token's readable prefix.
 *
 * @param id the token's id (public; part of the token)
 * @param name who or what holds it, as its creator wrote
 * @param role what it may change
 * @param sha256 the hex SHA-256 of the whole token
 * @param created when it was created
 * @param createdBy the name of the token that created it
 * @param revokedAt when it was revoked; null while it is valid
 */
public record AccessToken(
    String id,
    String name,
    Role role,
    String sha256,
    Instant created,
    String createdBy,
    Instant revokedAt) {
  public AccessToken {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256, "sha256");
  }

  @JsonIgnore
  public boolean isRevoked() {
    return revokedAt != null;
  }

  public AccessToken revoked(Instant at) {
    return new AccessToken(id, name, role, sha256, created, createdBy, at);
  }
}
