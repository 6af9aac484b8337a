package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.simulator.publish.Registrar;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: readings without a time of their own (their time is the receive time) are published
 * in bursts, and the bridge is SIGKILLed in the middle of each burst; the broker redelivers what
 * was not acknowledged, some of it already in Kafka, and the redelivered copies get a later receive
 * time. Every message must still be stored once.
 */
@RealServers
class TimelessRedeliveryFaultIT {
  /**
   * Many sensors taking turns, so that one sensor's messages are far more than a millisecond apart
   * (as a real device's are): readings of one sensor received in the same millisecond share their
   * (sensor, time) and only the first is kept.
   */
  private static final int SENSORS = 300;

  private static final int PER_BURST = 1500;

  @Test
  void timestampLessMessagesInFlightWhenTheBridgeIsKilledAreEachCountedOnce(Servers servers)
      throws Exception {
    FaultInput registry = FaultInput.small(7L);
    try (FaultPass pass =
        new FaultPass(
            "timeless-sigkill",
            servers.mqttUrl(),
            servers.kafkaBootstrap(),
            servers.influxUrl(),
            servers.newDirectory("fault-timeless"))) {
      io.airq.devstack.TopicSetup.createAll(servers.kafkaBootstrap(), pass.prefix, 4);
      List<Sensor> sensors = new java.util.ArrayList<>();
      for (int s = 0; s < SENSORS; s++) {
        sensors.add(
            Sensor.builder(sensor(s))
                .position(-1.28, 36.82)
                .gatewayId(pass.gateway)
                .area("fault-area")
                .county("Nairobi")
                .hostType(HostType.PUBLIC)
                .reportingInterval(Duration.ofMinutes(1))
                .model("AirGradient")
                .build());
      }
      Registrar.register(servers.kafkaBootstrap(), pass.prefix, sensors, List.of());
      pass.start(registry);
      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "pub-" + UUID.randomUUID(), new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      pub.connect(o);
      int sent = 0;
      long copies = 0;
      int bursts = 0;
      // a kill finds copies in Kafka only when it falls between a Kafka ack and its PUBACK: up to
      // four bursts until it did
      while (bursts < 4 && copies == 0) {
        bursts++;
        for (int i = 0; i < PER_BURST; i++) {
          if (i == PER_BURST / 2) {
            pass.ingest.kill();
            pass.event("bridge killed with SIGKILL in burst " + bursts);
          }
          int n = sent++;
          String sensor = sensor(n % SENSORS);
          // no "time": the bridge stamps the receive time; values unique per message; published
          // as fast as the broker acknowledges them, so that many are in flight in the bridge
          String body =
              "{\"sensor\":\""
                  + sensor
                  + "\",\"values\":{\"pm25\":"
                  + (10 + n * 0.01)
                  + ",\"pm10\":"
                  + (20 + n * 0.01)
                  + "}}";
          pub.publish(
              "airq/v1/" + pass.gateway + "/" + sensor + "/airq",
              body.getBytes(StandardCharsets.UTF_8),
              1,
              false);
        }
        pass.ingest.start();
        copies = awaitRedeliveries(pass, sent);
      }
      pub.disconnect();
      pub.close();
      long stored =
          PipelineHarness.awaitSettled(
              () -> StoredSnapshot.read(servers.influxUrl(), pass.database).rawCount(),
              Duration.ofSeconds(15),
              Duration.ofMinutes(4));
      pass.event(
          "sent "
              + sent
              + " timestamp-less messages in "
              + bursts
              + " bursts; "
              + copies
              + " redelivered copies of messages already in Kafka; stored "
              + stored / 2
              + " readings");
      assertThat(copies).as("copies of readings already in Kafka (the fault hit)").isPositive();
      assertThat(stored).as("pm25 and pm10 values stored").isEqualTo(2L * sent);
    }
  }

  private static String sensor(int s) {
    return "timeless-" + s;
  }

  /**
   * Waits until the readings topic holds every message at least once, then counts the records that
   * repeat an earlier record's payload digest (copies).
   */
  private static long awaitRedeliveries(FaultPass pass, int sent) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", pass.kafka);
    p.put("group.id", "timeless-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    Map<String, Integer> byDigest = new HashMap<>();
    long copies = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(Topics.READINGS.prefixed(pass.prefix).name()));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (byDigest.size() < sent && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          Header d = r.headers().lastHeader(RecordHeaders.PAYLOAD_DIGEST);
          assertThat(d).as("every timestamp-less reading carries its digest").isNotNull();
          String digest = new String(d.value(), StandardCharsets.UTF_8);
          if (byDigest.merge(digest, 1, Integer::sum) > 1) {
            copies++;
          }
        }
      }
    }
    assertThat(byDigest).as("distinct messages in Kafka").hasSize(sent);
    return copies;
  }
}
