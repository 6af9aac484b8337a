package io.airq.core.config;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The setting names Kafka's producer, consumer and admin clients know, for {@link ConfigSpec}. */
public final class KafkaClientSettings {
  private static final Set<String> NAMES = names();

  private KafkaClientSettings() {}

  /** Whether a producer, consumer or admin client knows this setting. */
  public static final Predicate<String> CLIENTS = NAMES::contains;

  private static Set<String> names() {
    Set<String> s = new HashSet<>(ProducerConfig.configNames());
    s.addAll(ConsumerConfig.configNames());
    s.addAll(AdminClientConfig.configNames());
    return Set.copyOf(s);
  }
}
