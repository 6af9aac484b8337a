package io.airq.app;

import io.airq.core.config.ConfigException;
import io.airq.core.config.ConfigKey;
import io.airq.core.config.ConfigLoader;
import io.airq.core.config.ConfigSpec;
import io.airq.core.config.ConfigValues;
import io.airq.core.config.KafkaClientSettings;
import io.airq.devstack.TopicSetup;
import io.airq.kit.KafkaClients;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airq topics [--config FILE]}: creates the airq topics that are missing (compacted where
 * the topic descriptor says so) and exits; docker compose runs it once before the services, since a
 * broker's auto-created topics would not be compacted.
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Create the missing airq Kafka topics (compacted where needed), then exit.")
final class TopicsCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TopicsCommand.class);

  static final ConfigKey<String> BOOTSTRAP =
      ConfigKey.text(
              "kafka.bootstrap.servers",
              null,
              "Kafka bootstrap servers. Other `kafka.*` keys (SASL, TLS) go to the admin client as"
                  + " they are.")
          .asRequired();
  static final ConfigKey<String> PREFIX =
      ConfigKey.text("topic.prefix", "", "Prefix of every airq Kafka topic name.");
  static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.integer(
          "topics.partitions",
          4,
          1,
          1000,
          "Partitions of each new topic (compacted registry topics get 1); existing topics are"
              + " kept as they are.");

  static final ConfigKey<Integer> REPLICATION =
      ConfigKey.integer(
          "topics.replication.factor",
          0,
          0,
          32,
          "Replication factor of each new topic; 0 = 3 when the cluster has 3 brokers or more,"
              + " else the number of brokers (1 on a single broker).");
  static final ConfigKey<Integer> MIN_INSYNC =
      ConfigKey.integer(
          "topics.min.insync.replicas",
          0,
          0,
          32,
          "`min.insync.replicas` of each new topic (with acks=all, how many replicas must have a"
              + " write); 0 = 2 when the replication factor is 3 or more, else 1.");

  /** The replication factor: as set, else 3 on a cluster of 3 or more brokers, else all. */
  static int replication(int configured, int brokers) {
    return configured > 0 ? configured : Math.max(1, Math.min(3, brokers));
  }

  /** {@code min.insync.replicas}: as set, else 2 when the factor is 3 or more, else 1. */
  static int minInsync(int configured, int replication) {
    return configured > 0 ? configured : replication >= 3 ? 2 : 1;
  }

  /** {@code topics.partitions}' default, which the local stack creates its topics with too. */
  static int defaultPartitions() {
    return PARTITIONS.type().parse(PARTITIONS.defaultValue());
  }

  /** Other {@code kafka.*} keys (SASL, TLS) go to the admin client as they are. */
  static final ConfigSpec SPEC =
      ConfigSpec.of(
          "topics",
          KafkaClientSettings.CLIENTS,
          List.of(BOOTSTRAP, PREFIX, PARTITIONS, REPLICATION, MIN_INSYNC));

  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Properties file; AIRQ_* environment variables override it.")
  Path config;

  @Override
  public Integer call() throws Exception {
    ConfigValues v;
    try {
      v = ConfigLoader.load(SPEC, ConfigLoader.readFile(config), System.getenv());
    } catch (ConfigException e) {
      LOG.error("{}", e.getMessage());
      return 2;
    }
    v.warnings().forEach(w -> LOG.warn("topics configuration: {}", w));
    int replication;
    int minInsync;
    try (Admin admin = KafkaClients.admin(v.get(BOOTSTRAP), v.kafka())) {
      int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
      replication = replication(v.get(REPLICATION), brokers);
      minInsync = minInsync(v.get(MIN_INSYNC), replication);
      if (replication > brokers || minInsync > replication) {
        LOG.error(
            "topics.replication.factor {} and topics.min.insync.replicas {} do not fit a cluster"
                + " of {} broker(s)",
            replication,
            minInsync,
            brokers);
        return 2;
      }
      TopicSetup.createAll(
          admin,
          v.get(BOOTSTRAP),
          v.get(PREFIX),
          v.get(PARTITIONS),
          (short) replication,
          minInsync);
    } catch (ExecutionException e) {
      // the user's terminal, not only the log: a wrong SASL password reads "Authentication failed"
      spec.commandLine()
          .getErr()
          .println("Kafka at " + v.get(BOOTSTRAP) + " refused: " + e.getCause());
      spec.commandLine().getErr().flush();
      return 1;
    }
    LOG.info(
        "airq topics present on {} (prefix '{}', new ones with replication factor {},"
            + " min.insync.replicas {})",
        v.get(BOOTSTRAP),
        v.get(PREFIX),
        replication,
        minInsync);
    return 0;
  }
}
