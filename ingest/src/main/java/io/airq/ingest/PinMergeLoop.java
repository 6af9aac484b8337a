package io.airq.ingest;

import io.airq.core.reading.Reading;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.ParseResult;
import io.airq.ingest.pin.PinMerger;
import io.airq.kit.Check;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the staged per-pin pushes, merges each device's pins ({@link PinMerger}) and publishes the
 * merged readings to the readings topic; the pins' offsets are committed only after Kafka acked the
 * readings they became, so a bridge killed in between merges them again on restart (the consumer
 * group is the share group's, so several bridges split the devices).
 */
final class PinMergeLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PinMergeLoop.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<String, Reading> pins;
  private final PinMerger merger;
  private final KafkaPublisher publisher;
  private final Function<Reading, Optional<GatewayPolicy.Refusal>> gate;
  private final Thread thread;
  private volatile boolean closed;

  /** Devices with an open reading, for /health (the merger itself is the loop thread's). */
  private volatile int open;

  /** Why the loop stopped by itself; null while it runs. */
  private volatile String stopped;

  PinMergeLoop(
      BridgeConfig cfg,
      KafkaPublisher publisher,
      Function<Reading, Optional<GatewayPolicy.Refusal>> gate) {
    Properties p = cfg.kafka().clientProperties();
    String group =
        cfg.mqtt().shareGroup().isEmpty() ? cfg.mqtt().clientId() : cfg.mqtt().shareGroup();
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-pins");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, cfg.mqtt().clientId() + "-pins");
    this.consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.pins = Topics.READINGS_PINS.prefixed(cfg.kafka().topicPrefix());
    this.merger = new PinMerger(cfg.http().pinWindow());
    this.publisher = publisher;
    this.gate = gate;
    this.thread = new Thread(this::run, "airq-ingest-pins-" + cfg.mqtt().clientId());
    this.thread.setDaemon(true);
  }

  void start() {
    consumer.subscribe(
        List.of(pins.name()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> parts) {
            merger.forget(parts.stream().map(TopicPartition::partition).toList());
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> parts) {}
        });
    thread.start();
  }

  private void run() {
    Map<Integer, Long> committed = Map.of();
    try {
      while (!closed) {
        List<PinMerger.Merged> done = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Optional<PinMerger.Pin> pin = pin(r);
          pin.ifPresent(x -> done.addAll(merger.add(x)));
        }
        done.addAll(merger.closeDue(Instant.now(), caughtUp()));
        open = merger.openGroups();
        if (!done.isEmpty() && !publish(done)) {
          return; // closed while Kafka was down: the pins are read again on restart
        }
        Map<Integer, Long> now = merger.committable();
        if (!now.equals(committed)) {
          Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
          now.forEach(
              (part, off) ->
                  offsets.put(new TopicPartition(pins.name(), part), new OffsetAndMetadata(off)));
          consumer.commitSync(offsets);
          committed = now;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      stopped = e.toString();
      LOG.error("the pin merge stopped: {}; the staged pins are merged on restart", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private Optional<PinMerger.Pin> pin(ConsumerRecord<byte[], byte[]> r) {
    try {
      Header h = r.headers().lastHeader(KafkaPublisher.PIN);
      String pin = h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
      return Optional.of(
          new PinMerger.Pin(r.partition(), r.offset(), pins.deserializeValue(r.value()), pin));
    } catch (RuntimeException e) {
      LOG.warn(
          "skipping an unreadable pin at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.toString());
      return Optional.empty();
    }
  }

  /** The assigned partitions read to their end. */
  private Set<Integer> caughtUp() {
    Set<Integer> out = new HashSet<>();
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isPresent() && lag.getAsLong() == 0) {
        out.add(tp.partition());
      }
    }
    return out;
  }

  /** Publishes until Kafka acked every merged reading; false when closed first. */
  private boolean publish(List<PinMerger.Merged> done) {
    long backoff = 500;
    while (!closed) {
      List<CompletableFuture<Integer>> acks = new ArrayList<>(done.size());
      for (PinMerger.Merged m : done) {
        Reading r = m.reading();
        Provenance from =
            new Provenance(
                HttpPush.CHANNEL,
                Optional.of(r.gatewayId()),
                Optional.of(r.sensorId()),
                r.receivedAt(),
                new byte[0]);
        acks.add(publisher.publish(new ParseResult.Accepted(List.of(r)), from, gate));
        LOG.debug("merged pins {} of {} at {}", m.pins(), r.sensorId(), r.time());
      }
      try {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        LOG.warn(
            "merged readings not taken by Kafka ({}); retrying in {} ms", e.toString(), backoff);
        try {
          Thread.sleep(backoff);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return false;
        }
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    return false;
  }

  /** Up while pins are being merged; down, with the cause, when the loop stopped by itself. */
  Check check() {
    String why = stopped;
    if (why != null) {
      return Check.down("the pin merge stopped: " + why + "; restart the bridge");
    }
    if (!thread.isAlive()) {
      return Check.down("the pin merge is not running");
    }
    return Check.up(open + " devices with a reading open");
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
