package io.airq.e2e;

import io.airq.devstack.TopicSetup;
import io.airq.simulator.publish.Registrar;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * One pass of the fault suite: {@code airq ingest}, {@code airq streams} and {@code airq sink} as
 * child JVMs (as containers run them) in their own topic prefix, MQTT gateway and InfluxDB
 * database, fed the {@link FaultInput} over MQTT QoS 1. A fault, when given, runs once a third of
 * the messages are published, while publishing goes on.
 */
final class FaultPass implements AutoCloseable {
  /** What happens mid-stream; returns a description of what it did. */
  interface Fault {
    String inject(FaultPass pass) throws Exception;
  }

  final String name;
  final String mqttUrl;
  final String kafka;
  final String influxUrl;
  final String prefix;
  final String database;
  final String gateway;
  final ServiceJvm ingest;
  final ServiceJvm streams;
  final ServiceJvm sink;
  private final String streamsAppId;
  private final String sinkGroup;
  private final List<String> events = new ArrayList<>();

  FaultPass(String name, String mqttUrl, String kafka, String influxUrl, Path dir) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    this.name = name;
    this.mqttUrl = mqttUrl;
    this.kafka = kafka;
    this.influxUrl = influxUrl;
    this.prefix = "fault-" + name + "-" + id + ".";
    this.database = "fault_" + name.replaceAll("[^A-Za-z0-9]", "_") + "_" + id;
    this.gateway = "gw-" + name + "-" + id;
    this.streamsAppId = "fault-streams-" + name + "-" + id;
    this.sinkGroup = "fault-sink-" + name + "-" + id;
    Map<String, String> common =
        Map.of("AIRQ_KAFKA_BOOTSTRAP_SERVERS", kafka, "AIRQ_TOPIC_PREFIX", prefix);
    int ingestPort = ServiceJvm.freePort();
    Map<String, String> ingestEnv = new HashMap<>(common);
    ingestEnv.putAll(
        Map.of(
            "AIRQ_MQTT_URL", mqttUrl,
            "AIRQ_MQTT_CLIENT_ID", "fault-ingest-" + name + "-" + id,
            "AIRQ_MQTT_SHARE_GROUP", "fault-ingest-" + name + "-" + id,
            "AIRQ_MQTT_TOPIC_FILTER", "airq/v1/" + gateway + "/#",
            "AIRQ_HTTP_PORT", Integer.toString(ingestPort)));
    this.ingest =
        new ServiceJvm(
            "ingest",
            dir.resolve(name + "-ingest.log"),
            ingestEnv,
            "http://127.0.0.1:" + ingestPort + "/health",
            null);
    Map<String, String> streamsEnv = new HashMap<>(common);
    streamsEnv.putAll(
        Map.of(
            "AIRQ_APPLICATION_ID",
            streamsAppId,
            "AIRQ_STATE_DIR",
            dir.resolve(name + "-streams-state").toString(),
            // as the other suites: the passes settle two intervals after their last reading
            "AIRQ_EMIT_INTERVAL",
            PipelineHarness.SUITE_EMIT_INTERVAL.toString()));
    this.streams =
        new ServiceJvm(
            "streams", dir.resolve(name + "-streams.log"), streamsEnv, null, "-> RUNNING");
    int sinkPort = ServiceJvm.freePort();
    Map<String, String> sinkEnv = new HashMap<>(common);
    sinkEnv.putAll(
        Map.of(
            "AIRQ_INFLUX_URL", influxUrl,
            "AIRQ_INFLUX_DATABASE", database,
            "AIRQ_KAFKA_GROUP_ID", sinkGroup,
            "AIRQ_METRICS_PORT", Integer.toString(sinkPort),
            // a restarted InfluxDB is written to within 5 s, not after up to 30 s of backoff
            "AIRQ_RETRY_MAX_BACKOFF_MS", "5000"));
    this.sink =
        new ServiceJvm(
            "sink",
            dir.resolve(name + "-sink.log"),
            sinkEnv,
            "http://127.0.0.1:" + sinkPort + "/health",
            null);
  }

  /** Creates the topics, registers the sensors and starts the three services. */
  FaultPass start(FaultInput input) {
    TopicSetup.createAll(kafka, prefix, 4);
    Registrar.register(kafka, prefix, input.registry(gateway), List.of());
    sink.start();
    streams.start();
    ingest.start();
    return this;
  }

  synchronized void event(String what) {
    events.add(what);
    System.err.println("fault " + name + ": " + what);
  }

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Publishes every message at QoS 1 at {@code rate} per second; runs the fault a third in. */
  void publish(FaultInput input, double rate, Fault fault) throws Exception {
    List<FaultInput.Message> messages = input.messages();
    int faultAt = fault == null ? -1 : messages.size() / 3;
    CompletableFuture<String> injected = CompletableFuture.completedFuture(null);
    MqttClient pub = new MqttClient(mqttUrl, "fault-pub-" + gateway, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    pub.connect(o);
    long t0 = System.nanoTime();
    try {
      for (int i = 0; i < messages.size(); i++) {
        if (i == faultAt) {
          event("fault at message " + i + " of " + messages.size());
          injected =
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return fault.inject(this);
                    } catch (Exception e) {
                      throw new IllegalStateException("the fault failed: " + e, e);
                    }
                  });
        }
        long due = t0 + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        FaultInput.Message m = messages.get(i);
        pub.publish("airq/v1/" + gateway + "/" + m.topicSuffix(), m.payload(), 1, false);
      }
      event(
          String.format(
              "published %d messages at QoS 1 in %.1f s",
              messages.size(), (System.nanoTime() - t0) / 1e9));
    } finally {
      pub.disconnect();
      pub.close();
    }
    String done = injected.get();
    if (done != null) {
      event(done);
    }
  }

  /**
   * Waits until InfluxDB holds at least every reading and hourly count of the input and both
   * consumer groups have caught up, then 5 s more; restarts a service that exited by itself (as a
   * supervisor would), recording it. Returns what is stored.
   */
  StoredSnapshot awaitStored(FaultInput input, Duration timeout) throws InterruptedException {
    long want = (long) input.total() * FaultInput.QUANTITIES.size();
    long deadline = System.nanoTime() + timeout.toNanos();
    long calmSince = -1;
    StoredSnapshot last = null;
    while (System.nanoTime() < deadline) {
      superviseOnce();
      StoredSnapshot s = StoredSnapshot.read(influxUrl, database);
      boolean complete = s.rawCount() >= want && s.hourlyCount() >= want;
      boolean same =
          last != null && last.rawCount() == s.rawCount() && last.hourlyCount() == s.hourlyCount();
      boolean caughtUp = complete && same && lag(streamsAppId) <= 8 && lag(sinkGroup) <= 64;
      last = s;
      if (!caughtUp) {
        calmSince = -1;
      } else if (calmSince < 0) {
        calmSince = System.nanoTime();
      } else if (System.nanoTime() - calmSince >= Duration.ofSeconds(5).toNanos()) {
        return s;
      }
      Thread.sleep(1000);
    }
    event(
        "not complete within "
            + timeout
            + ": raw "
            + (last == null ? -1 : last.rawCount())
            + ", hourly "
            + (last == null ? -1 : last.hourlyCount())
            + " of "
            + want);
    return StoredSnapshot.read(influxUrl, database);
  }

  private void superviseOnce() {
    for (ServiceJvm s : List.of(ingest, streams, sink)) {
      if (!s.alive()) {
        event("airq " + s.command + " exited by itself; restarting it. Log:\n" + s.tail());
        s.start();
      }
    }
  }

  /** Records on the bridge's readings topic (not transactional): more than sent = redelivered. */
  long readingsInKafka() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka);
    String topic = io.airq.core.topic.Topics.READINGS.prefixed(prefix).name();
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> req = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(tp -> req.put(new TopicPartition(topic, tp.partition()), OffsetSpec.latest()));
      return admin.listOffsets(req).all().get().values().stream().mapToLong(r -> r.offset()).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  /** Records a consumer group has not committed (Long.MAX_VALUE when unknown). */
  long lag(String group) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka);
    p.put("default.api.timeout.ms", "5000");
    p.put("request.timeout.ms", "3000");
    try (Admin admin = Admin.create(p)) {
      var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      if (committed.isEmpty()) {
        return Long.MAX_VALUE;
      }
      Map<TopicPartition, OffsetSpec> req = new HashMap<>();
      committed.keySet().forEach(tp -> req.put(tp, OffsetSpec.latest()));
      var ends = admin.listOffsets(req).all().get();
      long lag = 0;
      for (var e : committed.entrySet()) {
        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
      }
      return lag;
    } catch (Exception e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public void close() {
    for (ServiceJvm s : List.of(ingest, streams, sink)) {
      try {
        s.stop();
      } catch (RuntimeException e) {
        System.err.println("fault " + name + ": stopping " + s.command + " failed: " + e);
      }
    }
  }
}
