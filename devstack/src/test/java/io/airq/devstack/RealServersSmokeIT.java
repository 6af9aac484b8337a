package io.airq.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;

@RealServers
class RealServersSmokeIT {

  @Test
  void mqttMessagePublishedAtQos1ReachesASubscriber(Servers servers) throws Exception {
    String topic = "airq/smoke/" + UUID.randomUUID();
    CompletableFuture<String> received = new CompletableFuture<>();
    MqttClient sub = new MqttClient(servers.mqttUrl(), "smoke-sub", new MemoryPersistence());
    sub.setCallback(
        new MqttCallback() {
          @Override
          public void messageArrived(String t, MqttMessage m) {
            received.complete(new String(m.getPayload(), StandardCharsets.UTF_8));
          }

          @Override
          public void disconnected(MqttDisconnectResponse r) {}

          @Override
          public void mqttErrorOccurred(MqttException e) {}

          @Override
          public void deliveryComplete(IMqttToken t) {}

          @Override
          public void connectComplete(boolean reconnect, String uri) {}

          @Override
          public void authPacketArrived(int reason, MqttProperties p) {}
        });
    sub.connect(new MqttConnectionOptions());
    sub.subscribe(topic, 1);
    MqttClient pub = new MqttClient(servers.mqttUrl(), "smoke-pub", new MemoryPersistence());
    pub.connect(new MqttConnectionOptions());
    pub.publish(topic, "{\"pm25\":12.5}".getBytes(StandardCharsets.UTF_8), 1, false);

    assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("{\"pm25\":12.5}");
    pub.disconnect();
    sub.disconnect();
    pub.close();
    sub.close();
  }

  @Test
  void kafkaRecordProducedIsConsumedWithKeyAndValue(Servers servers) throws Exception {
    String prefix = servers.newPrefix("smoke");
    String topic = io.airq.core.topic.Topics.READINGS.prefixed(prefix).name();
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "sensor-1", "hello")).get(30, TimeUnit.SECONDS);
    }
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID());
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> got = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (got.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(got::add);
      }
    }
    assertThat(got).hasSize(1);
    assertThat(got.get(0).key()).isEqualTo("sensor-1");
    assertThat(got.get(0).value()).isEqualTo("hello");
  }

  @Test
  void influxPointWrittenAsLineProtocolIsReadBackWithInfluxQl(Servers servers) {
    String db = servers.newDatabase("smoke");
    try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(
          db,
          "autogen",
          InfluxDB.ConsistencyLevel.ONE,
          "pm25,sensor=s\\ 1 value=12.5 1700000000000000000");
      QueryResult r = influx.query(new Query("SELECT value FROM pm25 WHERE sensor = 's 1'", db));
      List<List<Object>> rows = r.getResults().get(0).getSeries().get(0).getValues();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get(1)).isEqualTo(12.5);
      assertThat(rows.get(0).get(0)).isEqualTo("2023-11-14T22:13:20Z");
    }
  }

  @Test
  void brokerStoppedAndStartedAgainKeepsItsPortAndData(Servers servers) throws Exception {
    KafkaBroker own = KafkaBroker.start(servers.newDirectory("kafka-restart"), 0);
    try {
      TopicSetup.create(own.endpoint(), List.of(io.airq.core.topic.Topics.READINGS), 1);
      String before = own.endpoint();
      own.stop();
      assertThat(own.isRunning()).isFalse();
      own.start();
      assertThat(own.endpoint()).isEqualTo(before);
      Properties p = new Properties();
      p.put("bootstrap.servers", own.endpoint());
      try (var admin = org.apache.kafka.clients.admin.Admin.create(p)) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains(io.airq.core.topic.Topics.READINGS.name());
      }
    } finally {
      own.stop();
    }
  }
}
