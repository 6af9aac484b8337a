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
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

  /** {@code topics.partitions}' default, which the local stack creates its topics with too. */
  static int defaultPartitions() {
    return PARTITIONS.type().parse(PARTITIONS.defaultValue());
  }

  /** Other {@code kafka.*} keys (SASL, TLS) go to the admin client as they are. */
  static final ConfigSpec SPEC =
      ConfigSpec.of("topics", KafkaClientSettings.CLIENTS, List.of(BOOTSTRAP, PREFIX, PARTITIONS));

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
    try (Admin admin = KafkaClients.admin(v.get(BOOTSTRAP), v.kafka())) {
      TopicSetup.createAll(admin, v.get(BOOTSTRAP), v.get(PREFIX), v.get(PARTITIONS));
    }
    LOG.info("airq topics present on {} (prefix '{}')", v.get(BOOTSTRAP), v.get(PREFIX));
    return 0;
  }
}
