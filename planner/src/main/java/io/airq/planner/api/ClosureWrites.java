package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.closure.Closure;
import io.airq.core.json.Json;
import io.airq.planner.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The closure writes: register ({@code POST}), change ({@code PUT}) and withdraw ({@code DELETE},
 * which marks the closure withdrawn and keeps it, so its reports stay readable and say so). Each
 * names what it changed for the audit log.
 */
final class ClosureWrites {
  private final Registry registry;
  private final Consumer<Closure> writer;
  private final Clock clock;

  ClosureWrites(Registry registry, Consumer<Closure> writer, Clock clock) {
    this.registry = registry;
    this.writer = writer;
    this.clock = clock;
  }

  /** Whether it handled the request (else it is not a closure write). */
  boolean route(HttpExchange ex, String method, String[] parts) throws IOException {
    if (parts.length == 2 && method.equals("POST")) {
      Closure c = validated(ex, null);
      if (registry.closure(c.id()).isPresent()) {
        ApiProblem.Builder exists =
            new ApiProblem.Builder().add(ClosureProblem.EXISTS, "id", c.id());
        throw new Http.ClientError(409, exists.errors(), exists.problems());
      }
      ex.setAttribute(AuditingExchange.AFTER, c);
      writer.accept(c);
      Http.json(ex, 201, c);
    } else if (parts.length == 3 && method.equals("PUT")) {
      Closure c = validated(ex, parts[2]);
      registry.closure(c.id()).ifPresent(b -> ex.setAttribute(AuditingExchange.BEFORE, b));
      ex.setAttribute(AuditingExchange.AFTER, c);
      writer.accept(c);
      Http.json(ex, 200, c);
    } else if (parts.length == 3 && method.equals("DELETE")) {
      Closure before = registry.closure(parts[2]).orElseThrow(() -> notFound(parts[2]));
      if (before.isWithdrawn()) {
        Http.json(ex, 200, before); // withdrawing twice changes nothing
        return true;
      }
      Closure after = before.withdrawn(clock.instant());
      ex.setAttribute(AuditingExchange.BEFORE, before);
      ex.setAttribute(AuditingExchange.AFTER, after);
      writer.accept(after);
      Http.json(ex, 200, after);
    } else {
      return false;
    }
    return true;
  }

  private Closure validated(HttpExchange ex, String pathId) throws IOException {
    JsonNode body;
    try (InputStream in = ex.getRequestBody()) {
      body = Json.mapper().readTree(in.readAllBytes());
    } catch (IOException e) {
      throw new Http.ClientError(400, List.of("the body is not JSON: " + e.getMessage()));
    }
    ClosureValidator.Result r = ClosureValidator.validate(body, pathId, registry.sensors());
    if (!r.valid()) {
      throw new Http.ClientError(422, r.errors(), r.problems());
    }
    return r.closure();
  }

  /** 404 for an unknown closure id, with its problem code. */
  static Http.ClientError notFound(String id) {
    ApiProblem.Builder b = new ApiProblem.Builder().add(ClosureProblem.NOT_FOUND, "id", id);
    return new Http.ClientError(404, b.errors(), b.problems());
  }
}
