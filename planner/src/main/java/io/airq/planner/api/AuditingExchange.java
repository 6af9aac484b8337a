package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.airq.core.access.AuditEntry;
import io.airq.core.json.Json;
import io.airq.planner.auth.AuditLog;
import io.airq.planner.auth.Caller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authorised write's exchange: it serves the request body the guard read, and when the route
 * answers with a 2xx it records the write in the audit log before the answer goes out, so whoever
 * reads the log after the answer finds the entry. A route may name what changed with the {@link
 * #BEFORE} and {@link #AFTER} attributes; the request body is always recorded.
 */
final class AuditingExchange extends HttpExchange {
  private static final Logger LOG = LoggerFactory.getLogger(AuditingExchange.class);

  /** The resource before the write (any value the API writes as JSON). */
  static final String BEFORE = "airq.audit.before";

  /** The resource after the write; a route that answers a secret sets this to what may be kept. */
  static final String AFTER = "airq.audit.after";

  private final HttpExchange ex;
  private final Caller caller;
  private final byte[] body;
  private final AuditLog audit;
  private boolean answered;

  AuditingExchange(HttpExchange ex, Caller caller, byte[] body, AuditLog audit) {
    this.ex = ex;
    this.caller = caller;
    this.body = body;
    this.audit = audit;
  }

  @Override
  public void sendResponseHeaders(int status, long length) throws IOException {
    if (!answered && status / 100 == 2) {
      answered = true;
      try {
        audit.record(entry(status));
      } catch (RuntimeException e) {
        // the write itself went through; say so loudly rather than hide it from the caller
        LOG.error(
            "{} {} by {} was done but could not be audited",
            getRequestMethod(),
            getRequestURI().getPath(),
            caller.name(),
            e);
      }
    }
    ex.sendResponseHeaders(status, length);
  }

  private AuditEntry entry(int status) {
    Instant now = Instant.now();
    String id =
        String.format("%013d-%08x", now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    return new AuditEntry(
        id,
        now,
        caller.name(),
        caller.tokenId(),
        caller.role(),
        getRequestMethod(),
        getRequestURI().getPath(),
        status,
        request(),
        attribute(BEFORE),
        attribute(AFTER));
  }

  private JsonNode request() {
    if (body.length == 0) {
      return null;
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
    }
  }

  private JsonNode attribute(String name) {
    Object v = ex.getAttribute(name);
    return v == null ? null : JsonOut.tree(v);
  }

  @Override
  public InputStream getRequestBody() {
    return new ByteArrayInputStream(body);
  }

  @Override
  public Headers getRequestHeaders() {
    return ex.getRequestHeaders();
  }

  @Override
  public Headers getResponseHeaders() {
    return ex.getResponseHeaders();
  }

  @Override
  public URI getRequestURI() {
    return ex.getRequestURI();
  }

  @Override
  public String getRequestMethod() {
    return ex.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return ex.getHttpContext();
  }

  @Override
  public void close() {
    ex.close();
  }

  @Override
  public OutputStream getResponseBody() {
    return ex.getResponseBody();
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return ex.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return ex.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return ex.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return ex.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return ex.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    ex.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    ex.setStreams(i, o);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return ex.getPrincipal();
  }
}
