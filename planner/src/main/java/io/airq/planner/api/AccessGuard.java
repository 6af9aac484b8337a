package io.airq.planner.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.airq.core.access.Role;
import io.airq.core.json.Json;
import io.airq.planner.auth.AccessRule;
import io.airq.planner.auth.AuditLog;
import io.airq.planner.auth.Caller;
import io.airq.planner.auth.TokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorisation in front of every route ({@link AccessRule}: by method and path): a request that
 * needs a role must carry {@code Authorization: Bearer <token>} of a valid token with that role
 * (401 without one or with an unknown or revoked one, 403 with too small a role). An authorised
 * write is audited ({@link AuditingExchange}).
 */
public final class AccessGuard {
  private static final Logger LOG = LoggerFactory.getLogger(AccessGuard.class);

  /** The exchange attribute holding the {@link Caller} of an authorised request. */
  static final String CALLER = "airq.caller";

  /** The largest request body a write may have. */
  static final int MAX_BODY = 1 << 20;

  private final TokenStore tokens;
  private final AuditLog audit;

  public AccessGuard(TokenStore tokens, AuditLog audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  public HttpHandler around(HttpHandler inner) {
    return ex -> {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      Optional<Role> needed = AccessRule.required(method, path);
      if (needed.isEmpty()) {
        inner.handle(ex);
        return;
      }
      Role role = needed.get();
      Optional<String> bearer = bearer(ex);
      if (bearer.isEmpty()) {
        refuse(
            ex,
            401,
            "Bearer realm=\"airq\"",
            new ApiProblem.Builder()
                .add(ClosureProblem.NO_TOKEN, "method", method, "path", path, "role", role.id()));
        return;
      }
      Optional<Caller> caller = tokens.authenticate(bearer.get());
      if (caller.isEmpty()) {
        refuse(
            ex,
            401,
            "Bearer realm=\"airq\", error=\"invalid_token\"",
            new ApiProblem.Builder().add(ClosureProblem.BAD_TOKEN));
        return;
      }
      Caller c = caller.get();
      if (!c.role().allows(role)) {
        LOG.info("refused {} {} to {} (role {})", method, path, c.name(), c.role().id());
        refuse(
            ex,
            403,
            "Bearer realm=\"airq\", error=\"insufficient_scope\"",
            new ApiProblem.Builder()
                .add(
                    ClosureProblem.TOO_SMALL_A_ROLE,
                    "name",
                    c.name(),
                    "role",
                    c.role().id(),
                    "needed",
                    role.id()));
        return;
      }
      if (method.equals("GET") || method.equals("HEAD")) {
        ex.setAttribute(CALLER, c); // an admin's read: nothing changes, nothing to audit
        inner.handle(ex);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        refuse(ex, 413, null, "the request body is larger than " + MAX_BODY + " bytes");
        return;
      }
      HttpExchange audited = new AuditingExchange(ex, c, body, audit);
      audited.setAttribute(CALLER, c);
      inner.handle(audited);
    };
  }

  /** The caller of an authorised request (set by the guard). */
  static Caller caller(HttpExchange ex) {
    Object c = ex.getAttribute(CALLER);
    if (c instanceof Caller caller) {
      return caller;
    }
    throw new IllegalStateException("no caller: the route is not behind the guard");
  }

  private static Optional<String> bearer(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String t = h.substring(7).trim();
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  private static void refuse(HttpExchange ex, int status, String challenge, String message)
      throws IOException {
    refuse(ex, status, challenge, List.of(message), List.of());
  }

  private static void refuse(
      HttpExchange ex, int status, String challenge, ApiProblem.Builder problem)
      throws IOException {
    refuse(ex, status, challenge, problem.errors(), problem.problems());
  }

  private static void refuse(
      HttpExchange ex, int status, String challenge, List<String> errors, List<ApiProblem> problems)
      throws IOException {
    try (ex) {
      if (challenge != null) {
        ex.getResponseHeaders().set("WWW-Authenticate", challenge);
      }
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("status", status);
      o.set("errors", Json.mapper().valueToTree(errors));
      if (!problems.isEmpty()) {
        o.set("problems", Json.mapper().valueToTree(problems));
      }
      Http.send(ex, status, "application/json", Json.write(o));
    }
  }
}
