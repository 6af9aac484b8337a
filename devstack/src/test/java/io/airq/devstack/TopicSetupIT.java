package io.airq.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@RealServers
class TopicSetupIT {

  @Test
  void recordsStampedWithAnOldMeasurementTimeOutliveTheBrokersRetentionCheck(Servers servers)
      throws Exception {
    String prefix = servers.newPrefix("retention");
    TopicSetup.createAll(servers.kafkaBootstrap(), prefix, 1);
    String topic = Topics.READINGS.prefixed(prefix).name();
    // the same records on a topic with the broker's defaults (7-day time retention)
    String control = prefix + "default-retention";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrap()))) {
      admin.createTopics(List.of(new NewTopic(control, 1, (short) 1))).all().get();
    }
    long fiveYearsAgo = Instant.now().minus(Duration.ofDays(5 * 365)).toEpochMilli();
    try (var p =
        new KafkaProducer<String, String>(
            Map.of("bootstrap.servers", servers.kafkaBootstrap()),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < 100; i++) {
        p.send(new ProducerRecord<>(topic, 0, fiveYearsAgo + i, "s" + i, "{}")).get();
        p.send(new ProducerRecord<>(control, 0, fiveYearsAgo + i, "s" + i, "{}")).get();
      }
    }
    Properties c = new Properties();
    c.put("bootstrap.servers", servers.kafkaBootstrap());
    try (var consumer =
        new KafkaConsumer<String, String>(c, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition ours = new TopicPartition(topic, 0);
      TopicPartition theirs = new TopicPartition(control, 0);
      // devstack's broker checks retention every 10 s: wait until it deleted the control's records
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (consumer.beginningOffsets(List.of(theirs)).get(theirs) == 0) {
        assertThat(System.nanoTime())
            .as("the broker's retention check did not delete the control topic's records")
            .isLessThan(deadline);
        Thread.sleep(1000);
      }
      assertThat(consumer.beginningOffsets(List.of(ours))).containsEntry(ours, 0L);
      assertThat(consumer.endOffsets(List.of(ours))).containsEntry(ours, 100L);
    }
  }
}
