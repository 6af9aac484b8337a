package io.airq.ingest;

import io.airq.core.json.IsoInstants;
import io.airq.core.reading.Reading;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.ingest.gateway.GatewayPolicy;
import io.airq.ingest.payload.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a parsed message to Kafka: its readings to the readings topic (key = sensor, record time =
 * measurement time), or the original bytes to the dead-letter topic with the reason. The returned
 * future completes when Kafka acked every record of the message.
 */
final class KafkaPublisher implements AutoCloseable {
  static final String ORIGIN = "ingest";

  /**
   * On a dead letter of one reading of a batch: its index among the message's readings (the array
   * index of an airq JSON batch).
   */
  static final String BATCH_INDEX = "airq.batch-index";

  /** On the pins topic: the {@code X-PIN} of the push. */
  static final String PIN = "airq.pin";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(KafkaPublisher.class);

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topic<String, Reading> readings;
  private final Topic<String, byte[]> deadLetters;
  private final Topic<String, Reading> quarantine;
  private final Topic<String, Reading> pins;
  private final int maxBytes;

  KafkaPublisher(BridgeConfig cfg) {
    Properties props = cfg.kafka().clientProperties();
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, cfg.mqtt().clientId());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Many small records (one per reading): bigger batches mean fewer produce requests per
    // record (ThroughputBenchmark on a loaded machine, one run each: send-to-ack mean 76 ms
    // instead of 350 ms with Kafka's 16 KiB / 5 ms). Set kafka.batch.size / kafka.linger.ms to
    // change them.
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    // A record already handed to the producer is retried until the broker takes it, never given up
    // after a timeout: when the producer gave up on one record of a sensor during a broker restart,
    // later records of the same partition still got through, and the retried one landed behind them
    // (the fault suite's Kafka restart, read back from the broker). Ordered retries inside the
    // idempotent producer keep the order; the MQTT message stays unacknowledged meanwhile.
    props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
    props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    readings = Topics.READINGS.prefixed(cfg.kafka().topicPrefix());
    deadLetters = Topics.READINGS_DEAD_LETTER.prefixed(cfg.kafka().topicPrefix());
    maxBytes = cfg.limits().maxBytes();
    quarantine = Topics.QUARANTINE.prefixed(cfg.kafka().topicPrefix());
    pins = Topics.READINGS_PINS.prefixed(cfg.kafka().topicPrefix());
  }

  /** Publishes in open mode: every accepted reading goes to the readings topic. */
  CompletableFuture<Integer> publish(ParseResult result, Provenance from) {
    return publish(result, from, r -> Optional.empty());
  }

  /**
   * Publishes a parsed message; readings the gate refuses go to the quarantine topic with the
   * reason. Completes with the number of quarantined readings when Kafka acked every record.
   */
  CompletableFuture<Integer> publish(
      ParseResult result,
      Provenance from,
      Function<Reading, Optional<GatewayPolicy.Refusal>> gate) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    int quarantined = 0;
    if (result instanceof ParseResult.Accepted accepted) {
      for (Reading r : accepted.readings()) {
        Headers h = provenance(from, r.gatewayId(), r.format().id());
        Optional<GatewayPolicy.Refusal> refusal = gate.apply(r);
        Topic<String, Reading> target = readings;
        if (refusal.isPresent()) {
          quarantined++;
          target = quarantine;
          header(h, RecordHeaders.REASON, refusal.get().reason());
          header(h, RecordHeaders.REASON_CODE, refusal.get().code());
          header(h, RecordHeaders.ORIGIN, ORIGIN);
        }
        records.add(
            new ProducerRecord<>(
                target.name(),
                null,
                r.time().toEpochMilli(),
                target.serializeKey(r.sensorId()),
                target.serializeValue(r),
                h));
      }
      for (ParseResult.Excluded x : accepted.excluded()) {
        records.add(excluded(x, from));
      }
    } else if (result instanceof ParseResult.Rejected rejected) {
      Headers h = provenance(from, from.gateway().orElse(null), null);
      header(h, RecordHeaders.REASON, rejected.reason());
      header(h, RecordHeaders.REASON_CODE, rejected.code().id());
      header(h, RecordHeaders.ORIGIN, ORIGIN);
      String key = from.sensor().orElse(from.channel());
      records.add(
          new ProducerRecord<>(
              deadLetters.name(),
              null,
              from.receivedAt().toEpochMilli(),
              deadLetters.serializeKey(key),
              // an oversized body keeps only its first max-bytes bytes, so Kafka takes it
              from.body().length > maxBytes
                  ? java.util.Arrays.copyOf(from.body(), maxBytes)
                  : from.body(),
              h));
    }
    int q = quarantined;
    return sendAll(records).thenApply(v -> q);
  }

  /**
   * Keeps one per-pin push on the pins topic until {@link PinMergeLoop} merged the device's pins
   * (record time = receive time, header {@code airq.pin}); completes when Kafka acked it.
   */
  CompletableFuture<Void> stagePin(Reading r, String pin, Provenance from) {
    Headers h = provenance(from, r.gatewayId(), r.format().id());
    header(h, PIN, pin);
    return sendAll(
        List.of(
            new ProducerRecord<>(
                pins.name(),
                null,
                from.receivedAt().toEpochMilli(),
                pins.serializeKey(r.sensorId()),
                pins.serializeValue(r),
                h)));
  }

  /**
   * A batch's reading refused alone: its canonical reading (as on the readings topic) to the
   * dead-letter topic, keyed by its sensor, with the reason and its index in the batch.
   */
  private ProducerRecord<byte[], byte[]> excluded(ParseResult.Excluded x, Provenance from) {
    Reading r = x.reading();
    Headers h = provenance(from, r.gatewayId(), r.format().id());
    header(h, RecordHeaders.REASON, x.reason());
    header(h, RecordHeaders.REASON_CODE, x.code().id());
    header(h, RecordHeaders.ORIGIN, ORIGIN);
    header(h, BATCH_INDEX, Integer.toString(x.index()));
    return new ProducerRecord<>(
        deadLetters.name(),
        null,
        from.receivedAt().toEpochMilli(),
        deadLetters.serializeKey(r.sensorId()),
        readings.serializeValue(r),
        h);
  }

  CompletableFuture<Void> sendAll(List<ProducerRecord<byte[], byte[]>> records) {
    List<CompletableFuture<Void>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks.add(ack);
      try {
        producer.send(
            record,
            (meta, e) -> {
              if (e == null) {
                ack.complete(null);
              } else {
                ack.completeExceptionally(e);
              }
            });
      } catch (RuntimeException e) {
        ack.completeExceptionally(e);
      }
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }

  private static Headers provenance(Provenance from, String gateway, String format) {
    Headers h = new org.apache.kafka.common.header.internals.RecordHeaders();
    header(h, RecordHeaders.MQTT_TOPIC, from.channel());
    if (gateway != null) {
      header(h, RecordHeaders.GATEWAY, gateway);
    }
    if (format != null) {
      header(h, RecordHeaders.FORMAT, format);
    }
    header(h, RecordHeaders.RECEIVED_AT, IsoInstants.format(from.receivedAt()));
    if (from.digest() != null) {
      header(h, RecordHeaders.PAYLOAD_DIGEST, from.digest());
    }
    return h;
  }

  private static void header(Headers h, String name, String value) {
    h.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The readings topic's partition count, from the broker (waits up to {@code max.block.ms}); 0
   * when the broker cannot say.
   */
  int readingsPartitions() {
    try {
      return producer.partitionsFor(readings.name()).size();
    } catch (RuntimeException e) {
      LOG.warn(
          "cannot read the partitions of {} ({}); messages go to parse workers by MQTT topic",
          readings.name(),
          e.toString());
      return 0;
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }
}
