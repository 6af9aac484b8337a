package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.access.AccessToken;
import io.airq.core.access.Role;
import io.airq.core.json.Json;
import io.airq.planner.auth.Access;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/tokens} (create, list, revoke) and {@code /api/audit} (read): admin only, as {@link
 * io.airq.planner.auth.AccessRule} says. A token is shown once, in the answer that creates it.
 */
public final class AccessRoutes {
  private final Access access;

  public AccessRoutes(Access access) {
    this.access = access;
  }

  /** Whether this route is one of these. */
  static boolean handles(String[] parts) {
    return parts.length >= 2
        && parts[0].equals("api")
        && (parts[1].equals("tokens") || parts[1].equals("audit"));
  }

  void route(HttpExchange ex, String method, String[] parts, Map<String, String> q)
      throws IOException {
    if (parts[1].equals("audit") && parts.length == 2 && method.equals("GET")) {
      int limit = Http.intParam(q, "limit", 0);
      Http.json(ex, 200, access.audit().entries(limit));
    } else if (parts[1].equals("tokens") && parts.length == 2 && method.equals("GET")) {
      Http.json(ex, 200, access.tokens().list().stream().map(AccessRoutes::shown).toList());
    } else if (parts[1].equals("tokens") && parts.length == 2 && method.equals("POST")) {
      create(ex);
    } else if (parts[1].equals("tokens") && parts.length == 3 && method.equals("DELETE")) {
      AccessToken t =
          access
              .tokens()
              .revoke(parts[2])
              .orElseThrow(() -> new Http.ClientError(404, List.of("no token " + parts[2])));
      ex.setAttribute(AuditingExchange.AFTER, shown(t));
      Http.json(ex, 200, shown(t));
    } else if (parts.length <= 3) {
      throw new Http.ClientError(405, List.of(method + " is not allowed here"));
    } else {
      throw new Http.ClientError(404, List.of("no such resource: /" + String.join("/", parts)));
    }
  }

  private void create(HttpExchange ex) throws IOException {
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = Json.mapper().readTree(in.readAllBytes());
    } catch (IOException e) {
      throw new Http.ClientError(400, List.of("the body is not JSON"));
    }
    List<String> errors = new ArrayList<>();
    String name = body == null ? "" : body.path("name").asText("").strip();
    if (name.isEmpty() || name.length() > 200) {
      errors.add("name is required (who or what holds the token, at most 200 characters)");
    }
    String roleId = body == null ? "" : body.path("role").asText("");
    Role role = Role.byId(roleId).orElse(null);
    if (role == null) {
      errors.add("role must be editor or admin");
    }
    if (!errors.isEmpty()) {
      throw new Http.ClientError(422, errors);
    }
    var created = access.tokens().create(name, role, AccessGuard.caller(ex));
    ObjectNode shown = shown(created.stored());
    ex.setAttribute(AuditingExchange.AFTER, shown.deepCopy());
    shown.put("token", created.token());
    Http.json(ex, 201, shown);
  }

  /** A token as the API shows it: never its hash. */
  private static ObjectNode shown(AccessToken t) {
    ObjectNode o = (ObjectNode) JsonOut.tree(t);
    o.remove("sha256");
    o.put("revoked", t.isRevoked());
    return o;
  }
}
