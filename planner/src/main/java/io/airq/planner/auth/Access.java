package io.airq.planner.auth;

import io.airq.core.access.AccessToken;
import io.airq.core.access.AuditEntry;
import io.airq.kit.Check;
import io.airq.kit.CompactedTable;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/** The tokens and the audit log, with the Kafka clients they share. */
public final class Access implements AutoCloseable {
  private final CompactedTable<AccessToken> tokenTable;
  private final CompactedTable<AuditEntry> auditTable;
  private final TopicWriter writer;
  private final TokenStore tokens;
  private final AuditLog audit;

  private Access(Properties kafka, String prefix, String bootstrapToken) {
    this.tokenTable = CompactedTable.start(kafka, TokenStore.topic(prefix));
    this.auditTable = CompactedTable.start(kafka, AuditLog.topic(prefix));
    this.writer = new TopicWriter(kafka);
    this.tokens =
        new TokenStore(
            tokenTable, TokenStore.topic(prefix), writer, bootstrapToken, Clock.systemUTC());
    this.audit = new AuditLog(auditTable, AuditLog.topic(prefix), writer);
  }

  /**
   * Starts reading the tokens and the audit log.
   *
   * @param kafka the Kafka client properties (kit {@code KafkaClients.properties})
   * @param bootstrapToken the configured {@code auth.admin.token}; empty = none
   */
  public static Access start(Properties kafka, String prefix, String bootstrapToken) {
    return new Access(kafka, prefix, bootstrapToken);
  }

  public TokenStore tokens() {
    return tokens;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Health: each table read to its end. */
  public Map<String, Supplier<Check>> checks() {
    Map<String, Supplier<Check>> m = new LinkedHashMap<>();
    m.put("tokens", tokens::check);
    m.put("audit", audit::check);
    return m;
  }

  @Override
  public void close() {
    writer.close();
    tokenTable.close();
    auditTable.close();
  }
}
