package io.airq.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.closure.Closure;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.KafkaBroker;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The kafka.* settings reach every kind of client: against the real broker's SASL_PLAINTEXT
 * listener, the right password works for a producer, an admin client and a table, and a wrong one
 * is refused.
 */
@RealServers
class KafkaClientsSaslIT {
  @Test
  void clientsBuiltFromTheSettingsLogInToTheSaslListenerAndAWrongPasswordIsRefused(Servers servers)
      throws Exception {
    KafkaBroker broker = servers.kafkaBroker();
    String prefix = servers.newPrefix("kit-sasl");
    Topic<String, Closure> topic = Topics.CLOSURES.prefixed(prefix);
    Map<String, String> good =
        KafkaBroker.saslClientSettings(broker.saslUser(), broker.saslPassword());
    Map<String, String> bad = KafkaBroker.saslClientSettings(broker.saslUser(), "not-the-password");

    try (Admin admin = KafkaClients.admin(broker.saslEndpoint(), good)) {
      Check c = KafkaClients.reachable(admin, Duration.ofSeconds(15));
      assertThat(c.up()).as(c.detail()).isTrue();
    }
    try (Admin admin = KafkaClients.admin(broker.saslEndpoint(), bad)) {
      Check c = KafkaClients.reachable(admin, Duration.ofSeconds(15));
      assertThat(c.up()).isFalse();
      assertThat(c.detail()).contains("SaslAuthenticationException");
    }
    // Without the settings, the plaintext handshake fails on the SASL port.
    try (Admin admin = KafkaClients.admin(broker.saslEndpoint(), Map.of())) {
      assertThat(KafkaClients.reachable(admin, Duration.ofSeconds(3)).up()).isFalse();
    }

    var props = KafkaClients.properties(broker.saslEndpoint(), good);
    try (KafkaProducer<byte[], byte[]> p =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        CompactedTable<Closure> table = CompactedTable.start(props, topic)) {
      p.send(
              new ProducerRecord<>(
                  topic.name(),
                  topic.serializeKey("x"),
                  "{\"id\":\"x\",\"start\":\"2026-11-02T06:00\",\"end\":\"2026-11-03T06:00\"}"
                      .getBytes(StandardCharsets.UTF_8)))
          .get();
      assertThat(table.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(table.snapshot()).containsOnlyKeys("x");
    }
  }
}
