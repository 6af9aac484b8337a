package io.airq.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.closure.Closure;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.TopicSetup;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The table against a real Kafka broker. */
@RealServers
class CompactedTableIT {
  private static final String CLOSURE =
      """
      {"id":"%s","name":"Closure %s","zone":"Africa/Nairobi",
       "start":"2026-11-02T06:00","end":"2026-11-05T06:00"}
      """;

  @Test
  void readsTheTopicFromItsBeginningAppliesTombstonesSkipsUnreadableValuesAndFollowsNewRecords(
      Servers servers) throws Exception {
    String prefix = servers.newPrefix("kit-table");
    Topic<String, Closure> topic = Topics.CLOSURES.prefixed(prefix);
    var props = KafkaClients.properties(servers.kafkaBootstrap(), Map.of());
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      send(p, topic, "a", closure("a"));
      send(p, topic, "b", closure("b"));
      send(p, topic, "bad", "{not json".getBytes(StandardCharsets.UTF_8));
      send(p, topic, "b", null); // tombstone
      p.flush();

      try (CompactedTable<Closure> table = CompactedTable.start(props, topic)) {
        assertThat(table.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        assertThat(table.snapshot()).containsOnlyKeys("a");
        assertThat(table.get("a").orElseThrow().zone().getId()).isEqualTo("Africa/Nairobi");
        assertThat(table.check().up()).isTrue();

        Map<String, String> seen = new ConcurrentHashMap<>();
        table.onChange((k, v) -> seen.put(k, v == null ? "<removed>" : v.name()));
        assertThat(seen).containsExactly(Map.entry("a", "Closure a"));

        send(p, topic, "c", closure("c"));
        send(p, topic, "a", null);
        p.flush();
        assertThat(table.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        assertThat(table.snapshot()).containsOnlyKeys("c");
        assertThat(seen).containsEntry("c", "Closure c").containsEntry("a", "<removed>");
      }
    }
  }

  @Test
  void aMissingTopicIsWaitedForAndReportedDown(Servers servers) throws Exception {
    // newPrefix creates every airq topic under the prefix; this one is under a prefix of its own
    String prefix = servers.newPrefix("kit-missing") + "later.";
    Topic<String, Closure> topic = Topics.CLOSURES.prefixed(prefix);
    var props = KafkaClients.properties(servers.kafkaBootstrap(), Map.of());
    try (CompactedTable<Closure> table = CompactedTable.start(props, topic)) {
      assertThat(table.awaitCaughtUp(Duration.ofSeconds(2))).isFalse();
      assertThat(table.check().up()).isFalse();
      assertThat(table.check().detail()).contains("waiting for the topic");
      TopicSetup.create(servers.kafkaBootstrap(), List.of(topic), 1);
      assertThat(table.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
      assertThat(table.check().up()).isTrue();
    }
  }

  @Test
  void reachableIsUpForTheBrokerAndDownForAPortNobodyListensOn(Servers servers) throws Exception {
    try (Admin admin = KafkaClients.admin(servers.kafkaBootstrap(), Map.of())) {
      Check c = KafkaClients.reachable(admin, Duration.ofSeconds(10));
      assertThat(c.up()).as(c.detail()).isTrue();
    }
    int closed;
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    try (Admin admin = KafkaClients.admin("127.0.0.1:" + closed, Map.of())) {
      Check c = KafkaClients.reachable(admin, Duration.ofSeconds(2));
      assertThat(c.up()).isFalse();
      assertThat(c.detail()).contains("did not answer");
    }
  }

  private static byte[] closure(String id) {
    return CLOSURE.formatted(id, id).getBytes(StandardCharsets.UTF_8);
  }

  private static void send(
      KafkaProducer<byte[], byte[]> p, Topic<String, Closure> topic, String key, byte[] value)
      throws Exception {
    p.send(new ProducerRecord<>(topic.name(), topic.serializeKey(key), value)).get();
  }
}
