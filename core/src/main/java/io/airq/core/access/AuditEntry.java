package io.airq.core.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One write through the planner API, as the audit topic keeps it. Key = {@link #id()}.
 *
 * @param id unique, ordered by time
 * @param at when the planner answered it
 * @param actor the name of the token used
 * @param tokenId the id of the token used
 * @param role the token's role
 * @param method the HTTP method
 * @param path the request path
 * @param status the answer's HTTP status
 * @param request the request body (JSON; a non-JSON body as a string); null when empty
 * @param before the resource before the write, when the route knew it; null otherwise
 * @param after the resource after the write, when the route gave it; null otherwise
 */
public record AuditEntry(
    String id,
    Instant at,
    String actor,
    String tokenId,
    Role role,
    String method,
    String path,
    int status,
    JsonNode request,
    JsonNode before,
    JsonNode after) {
  public AuditEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
  }
}
