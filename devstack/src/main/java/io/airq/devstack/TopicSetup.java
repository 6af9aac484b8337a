package io.airq.devstack;

import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates airq's topics (compacted where the descriptor says so); existing topics are kept.
 *
 * <p>A record's timestamp is its measurement time (event time), and Kafka's time-based retention
 * deletes a segment once its newest timestamp is older than {@code retention.ms}, counted from now.
 * A replayed archive or a gateway's week-old backlog would then be deleted before anyone read it,
 * so the other topics keep no time limit ({@code retention.ms=-1}); bound them by size with {@code
 * retention.bytes} if needed.
 */
public final class TopicSetup {
  private TopicSetup() {}

  /** The configs airq creates a topic with. */
  public static Map<String, String> configs(Topic<?, ?> t) {
    if (t.compacted()) {
      return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG,
        "-1");
  }

  /** Creates every topic in {@link Topics#all()} under {@code prefix}, with {@code partitions}. */
  public static void createAll(String bootstrap, String prefix, int partitions) {
    create(bootstrap, all(prefix), partitions);
  }

  /**
   * As {@link #createAll(String, String, int)}, through the caller's admin client (which carries
   * its SASL and TLS settings); the admin is not closed.
   *
   * @param bootstrap where the admin connects, for error messages
   */
  public static void createAll(Admin admin, String bootstrap, String prefix, int partitions) {
    create(admin, bootstrap, all(prefix), partitions);
  }

  private static List<Topic<?, ?>> all(String prefix) {
    List<Topic<?, ?>> topics = new ArrayList<>();
    for (Topic<?, ?> t : Topics.all()) {
      topics.add(t.prefixed(prefix));
    }
    return topics;
  }

  public static void create(String bootstrap, List<Topic<?, ?>> topics, int partitions) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      create(admin, bootstrap, topics, partitions);
    }
  }

  private static void create(
      Admin admin, String bootstrap, List<Topic<?, ?>> topics, int partitions) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> t : topics) {
        if (existing.contains(t.name())) {
          continue;
        }
        NewTopic nt = new NewTopic(t.name(), t.compacted() ? 1 : partitions, (short) 1);
        nt.configs(configs(t));
        missing.add(nt);
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create topics on " + bootstrap + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
