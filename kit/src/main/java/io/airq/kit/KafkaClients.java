package io.airq.kit;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Kafka client properties for every client airq creates (producers, consumers, admin clients, the
 * streams job): the bootstrap servers, then every {@code kafka.*} setting of the service's
 * configuration with the prefix removed, so SASL, TLS and any tuning reach each client the same
 * way.
 */
public final class KafkaClients {
  private KafkaClients() {}

  /**
   * The properties a client starts from; the caller adds what is its own (serialisers, group id).
   *
   * @param kafkaSettings the {@code kafka.*} settings without their prefix, e.g. {@code
   *     security.protocol -> SASL_PLAINTEXT}; they win over nothing but the bootstrap servers,
   *     which they may also set
   */
  public static Properties properties(String bootstrapServers, Map<String, String> kafkaSettings) {
    Properties p = new Properties();
    if (bootstrapServers != null && !bootstrapServers.isBlank()) {
      p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }
    if (kafkaSettings != null) {
      p.putAll(kafkaSettings);
    }
    if (!p.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("kafka.bootstrap.servers is required");
    }
    return p;
  }

  /** An admin client with the same settings. */
  public static Admin admin(String bootstrapServers, Map<String, String> kafkaSettings) {
    Properties p = properties(bootstrapServers, kafkaSettings);
    p.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
    return Admin.create(p);
  }

  /** Whether the cluster answers a describe-cluster request within the timeout. */
  public static Check reachable(Admin admin, Duration timeout) {
    try {
      int nodes =
          admin
              .describeCluster(
                  new DescribeClusterOptions()
                      .timeoutMs((int) Math.min(timeout.toMillis(), 60_000)))
              .nodes()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .size();
      return Check.up(nodes + (nodes == 1 ? " broker" : " brokers") + " reachable");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Check.down("interrupted while asking the cluster");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Check.down("the cluster did not answer: " + cause.getClass().getSimpleName());
    } catch (TimeoutException e) {
      return Check.down("the cluster did not answer within " + timeout.toMillis() + " ms");
    }
  }
}
