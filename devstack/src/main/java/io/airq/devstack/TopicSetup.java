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
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
    create(admin, bootstrap, all(prefix), partitions, (short) 1, 1);
  }

  /**
   * As {@link #createAll(Admin, String, String, int)}, each new topic with this replication factor
   * and {@code min.insync.replicas}.
   */
  public static void createAll(
      Admin admin,
      String bootstrap,
      String prefix,
      int partitions,
      short replication,
      int minInsyncReplicas) {
    create(admin, bootstrap, all(prefix), partitions, replication, minInsyncReplicas);
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
      create(admin, bootstrap, topics, partitions, (short) 1, 1);
    }
  }

  private static void create(
      Admin admin,
      String bootstrap,
      List<Topic<?, ?>> topics,
      int partitions,
      short replication,
      int minInsyncReplicas) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> t : topics) {
        if (existing.contains(t.name())) {
          continue;
        }
        NewTopic nt = new NewTopic(t.name(), t.compacted() ? 1 : partitions, replication);
        Map<String, String> configs = new java.util.HashMap<>(configs(t));
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        nt.configs(configs);
        missing.add(nt);
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        awaitLeaders(admin, bootstrap, missing.stream().map(NewTopic::name).toList());
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException(
            "cannot create topics on " + bootstrap + ": " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          e.getMessage() != null
              ? e.getMessage()
              : "Kafka at " + bootstrap + " did not answer within 60 s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until the broker knows a leader for every partition of the new topics. The controller
   * answers a create before the broker has applied it; a producer writing at once gets {@code
   * NOT_LEADER_OR_FOLLOWER}, and an idempotent producer's retries then meet {@code
   * OUT_OF_ORDER_SEQUENCE_NUMBER}, which under load could fail the first batches.
   */
  private static void awaitLeaders(Admin admin, String bootstrap, List<String> names)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        Map<String, TopicDescription> d =
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        boolean led =
            d.values().stream()
                .flatMap(t -> t.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (led && d.keySet().containsAll(names)) {
          return;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException(
              "cannot describe new topics on " + bootstrap + ": " + e.getCause(), e);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "Kafka at " + bootstrap + " had no leader for every new partition after 60 s");
      }
      Thread.sleep(100);
    }
  }
}
