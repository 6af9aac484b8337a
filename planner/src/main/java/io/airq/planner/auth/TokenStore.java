package io.airq.planner.auth;

import io.airq.core.access.AccessToken;
import io.airq.core.access.Role;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.kit.Check;
import io.airq.kit.CompactedTable;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The planner's API tokens, on the compacted tokens topic (hashed), and the bootstrap admin token
 * of the configuration ({@code auth.admin.token}, held only as its hash). A compacted topic rather
 * than a file: every planner instance sees a new or revoked token at once, and it survives a
 * restart like the closures do.
 */
public final class TokenStore {
  /** The token id the bootstrap admin token answers to. */
  public static final String BOOTSTRAP_ID = "bootstrap";

  /** A token just created: the stored record, and the token itself, shown once. */
  public record Created(AccessToken stored, String token) {}

  private final CompactedTable<AccessToken> table;
  private final Topic<String, AccessToken> topic;
  private final TopicWriter writer;
  private final String bootstrapHash;
  private final Clock clock;

  TokenStore(
      CompactedTable<AccessToken> table,
      Topic<String, AccessToken> topic,
      TopicWriter writer,
      String bootstrapToken,
      Clock clock) {
    this.table = table;
    this.topic = topic;
    this.writer = writer;
    this.bootstrapHash =
        bootstrapToken == null || bootstrapToken.isBlank()
            ? null
            : TokenSecret.sha256(bootstrapToken);
    this.clock = clock;
  }

  static Topic<String, AccessToken> topic(String prefix) {
    return Topics.TOKENS.prefixed(prefix);
  }

  /** The caller a bearer token stands for; empty when it is unknown or revoked. */
  public Optional<Caller> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    if (bootstrapHash != null && TokenSecret.matches(token, bootstrapHash)) {
      return Optional.of(new Caller(BOOTSTRAP_ID, "bootstrap admin", Role.ADMIN));
    }
    return TokenSecret.id(token)
        .flatMap(table::get)
        .filter(t -> !t.isRevoked() && TokenSecret.matches(token, t.sha256()))
        .map(t -> new Caller(t.id(), t.name(), t.role()));
  }

  public Created create(String name, Role role, Caller by) {
    String token = TokenSecret.generate();
    String id = TokenSecret.id(token).orElseThrow();
    AccessToken t =
        new AccessToken(
            id, name, role, TokenSecret.sha256(token), clock.instant(), by.name(), null);
    writer.write(topic, id, t, table);
    return new Created(t, token);
  }

  /** Marks a token revoked; empty when there is no such token. */
  public Optional<AccessToken> revoke(String id) {
    Optional<AccessToken> t = table.get(id);
    if (t.isEmpty() || t.get().isRevoked()) {
      return t;
    }
    AccessToken revoked = t.get().revoked(clock.instant());
    writer.write(topic, id, revoked, table);
    return Optional.of(revoked);
  }

  /** Every token, oldest first, revoked ones included. */
  public List<AccessToken> list() {
    return table.snapshot().values().stream()
        .sorted(Comparator.comparing(AccessToken::created).thenComparing(AccessToken::id))
        .toList();
  }

  public Check check() {
    return table.check();
  }
}
