package io.airq.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.streams.NairobiReplayTest.Row;
import io.airq.streams.quality.QaSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Against a real Kafka broker: two instances of the application sharing the input partitions
 * produce the same hourly sensor averages as one instance alone, and both equal the mean computed
 * from the CSV.
 */
@RealServers
class ScaleOutIT {
  /** Shorter than the default: the test waits for a quiet interval after the last emission. */
  private static final Duration EMIT_INTERVAL = Duration.ofSeconds(5);

  private static final Instant UNTIL = Instant.parse("2021-03-25T06:00:00Z");
  private static final QaSettings NO_STATEFUL_RULES =
      new QaSettings(100000, 10, 5, 1e9, 1e9, 95, 5, 0.7);

  @Test
  void twoInstancesSharingThePartitionsGiveTheSameHourlyAveragesAsOne(Servers servers)
      throws Exception {
    String bootstrap = servers.kafkaBootstrap();
    String one = servers.newPrefix("streams-one");
    String two = servers.newPrefix("streams-two");
    produce(bootstrap, one);
    produce(bootstrap, two);
    Map<String, List<Double>> expected = expected();

    try (StreamsApp single = StreamsApp.start(config(servers, bootstrap, one, "single"));
        StreamsApp a = StreamsApp.start(config(servers, bootstrap, two, "pair"));
        StreamsApp b = StreamsApp.start(config(servers, bootstrap, two, "pair"))) {
      Map<String, WindowAverage> alone = collect(bootstrap, one, expected.size());
      Map<String, WindowAverage> shared = collect(bootstrap, two, expected.size());
      assertThat(tasks(a)).as("instance a has tasks").isPositive();
      assertThat(tasks(b)).as("instance b has tasks").isPositive();

      assertThat(setApart(bootstrap, two))
          .as("readings the pair set apart as late or quarantined (sensor@hour)")
          .isEmpty();
      assertThat(setApart(bootstrap, one))
          .as("readings the single instance set apart as late or quarantined (sensor@hour)")
          .isEmpty();
      assertThat(shared.keySet()).isEqualTo(alone.keySet()).isEqualTo(expected.keySet());
      for (Map.Entry<String, List<Double>> e : expected.entrySet()) {
        double mean =
            e.getValue().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(alone.get(e.getKey()).count()).isEqualTo(e.getValue().size());
        assertThat(shared.get(e.getKey()).count()).isEqualTo(e.getValue().size());
        assertThat(alone.get(e.getKey()).mean()).isCloseTo(mean, within(1e-9));
        assertThat(shared.get(e.getKey()).mean()).isCloseTo(mean, within(1e-9));
      }
    }
  }

  /** The sensor@hour of every reading on the late and quarantine topics, committed so far. */
  private static List<String> setApart(String bootstrap, String prefix) {
    List<String> out = new ArrayList<>();
    for (CleanReading r : drain(bootstrap, Topics.LATE_READINGS.prefixed(prefix))) {
      out.add("late " + r.sensorId() + "@" + r.time().truncatedTo(ChronoUnit.HOURS));
    }
    for (Reading r : drain(bootstrap, Topics.QUARANTINE.prefixed(prefix))) {
      out.add("quarantined " + r.sensorId() + "@" + r.time().truncatedTo(ChronoUnit.HOURS));
    }
    return out;
  }

  private static <V> List<V> drain(String bootstrap, Topic<String, V> t) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("isolation.level", "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c =
        new KafkaConsumer<>(p, t.keySerde().deserializer(), t.valueSerde().deserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(t.name()).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
      }
    }
    return out;
  }

  private static int tasks(StreamsApp app) {
    return app.streams().metadataForLocalThreads().stream()
        .mapToInt(t -> t.activeTasks().size())
        .sum();
  }

  private static StreamsConfig config(
      Servers servers, String bootstrap, String prefix, String app) {
    return new StreamsConfig(
        prefix + app,
        Map.of("bootstrap.servers", bootstrap, "commit.interval.ms", "200"),
        servers.newDirectory("streams-state-" + app),
        0,
        1,
        new StreamsSettings(prefix, null, null, 75, NO_STATEFUL_RULES, EMIT_INTERVAL));
  }

  private static void produce(String bootstrap, String prefix) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "20");
    Topic<String, Sensor> st = Topics.SENSORS.prefixed(prefix);
    Topic<String, Reading> rt = Topics.READINGS.prefixed(prefix);
    try (KafkaProducer<String, Sensor> sp =
            new KafkaProducer<>(p, st.keySerde().serializer(), st.valueSerde().serializer());
        KafkaProducer<String, Reading> rp =
            new KafkaProducer<>(p, rt.keySerde().serializer(), rt.valueSerde().serializer())) {
      Set<String> registered = new HashSet<>();
      for (Row r : NairobiReplayTest.READINGS.keySet()) {
        if (registered.add(r.sensor())) {
          sp.send(
              new ProducerRecord<>(
                  st.name(),
                  r.sensor(),
                  Sensor.builder(r.sensor())
                      .position(r.lat(), r.lon())
                      .area("loc-" + r.location())
                      .county("Nairobi")
                      .reportingInterval(Duration.ofSeconds(150))
                      .model(r.type())
                      .build()));
        }
      }
      sp.flush();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      NairobiReplayTest.READINGS.forEach(
          (r, values) -> {
            if (r.time().isBefore(UNTIL)) {
              Reading reading =
                  Reading.of(r.sensor(), r.time(), r.time(), null, SourceFormat.REPLAY, values);
              sent.add(
                  rp.send(
                      new ProducerRecord<>(
                          rt.name(), null, r.time().toEpochMilli(), r.sensor(), reading)));
            }
          });
      rp.flush();
      for (Future<RecordMetadata> f : sent) {
        try {
          f.get();
        } catch (ExecutionException | InterruptedException e) {
          throw new IllegalStateException("the test's input was not written to Kafka", e);
        }
      }
    }
  }

  private static Map<String, List<Double>> expected() {
    Map<String, List<Double>> out = new HashMap<>();
    NairobiReplayTest.READINGS.forEach(
        (r, values) -> {
          Double p2 = values.get(Quantity.PM25);
          if (p2 != null && r.time().isBefore(UNTIL)) {
            out.computeIfAbsent(
                    r.sensor() + "@" + r.time().truncatedTo(ChronoUnit.HOURS),
                    k -> new ArrayList<>())
                .add(p2);
          }
        });
    return out;
  }

  /**
   * Last hourly PM2.5 sensor average per (sensor, hour), once the expected keys are in and 5 s pass
   * quietly.
   */
  private static Map<String, WindowAverage> collect(String bootstrap, String prefix, int keys) {
    Topic<String, WindowAverages> t = Topics.AVERAGES.prefixed(prefix);
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("group.id", "scale-out-it-" + UUID.randomUUID());
    p.put("auto.offset.reset", "earliest");
    p.put("isolation.level", "read_committed");
    Map<String, WindowAverage> out = new HashMap<>();
    try (KafkaConsumer<String, WindowAverages> c =
        new KafkaConsumer<>(p, t.keySerde().deserializer(), t.valueSerde().deserializer())) {
      c.subscribe(List.of(t.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        boolean any = false;
        for (ConsumerRecord<String, WindowAverages> r : c.poll(Duration.ofMillis(500))) {
          for (WindowAverage a : r.value().averages()) {
            if (a.scope() == Scope.SENSOR
                && a.window() == AverageWindow.HOUR
                && a.quantity() == Quantity.PM25) {
              out.put(a.key() + "@" + a.start(), a);
              any = true;
            }
          }
        }
        if (any) {
          quietSince = System.nanoTime();
        }
        if (out.size() >= keys
            && System.nanoTime() - quietSince > EMIT_INTERVAL.plusSeconds(5).toNanos()) {
          break;
        }
      }
    }
    return out;
  }
}
