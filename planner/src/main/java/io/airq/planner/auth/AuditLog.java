package io.airq.planner.auth;

import io.airq.core.access.AuditEntry;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.kit.Check;
import io.airq.kit.CompactedTable;
import java.util.Comparator;
import java.util.List;

/**
 * Every write through the API, on the audit topic (never compacted, kept forever), read back into
 * memory: writes come at the pace of people, so the whole log fits.
 */
public final class AuditLog {
  private final CompactedTable<AuditEntry> table;
  private final Topic<String, AuditEntry> topic;
  private final TopicWriter writer;

  AuditLog(CompactedTable<AuditEntry> table, Topic<String, AuditEntry> topic, TopicWriter writer) {
    this.table = table;
    this.topic = topic;
    this.writer = writer;
  }

  static Topic<String, AuditEntry> topic(String prefix) {
    return Topics.AUDIT.prefixed(prefix);
  }

  /**
   * Appends an entry and waits until it is readable.
   *
   * @throws IllegalStateException when Kafka did not take it
   */
  public void record(AuditEntry e) {
    writer.write(topic, e.id(), e, table);
  }

  /** The entries, oldest first; {@code limit} newest only when positive. */
  public List<AuditEntry> entries(int limit) {
    List<AuditEntry> all =
        table.snapshot().values().stream()
            .sorted(Comparator.comparing(AuditEntry::at).thenComparing(AuditEntry::id))
            .toList();
    return limit > 0 && all.size() > limit ? all.subList(all.size() - limit, all.size()) : all;
  }

  public Check check() {
    return table.check();
  }
}
