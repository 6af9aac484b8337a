package io.airq.sink;

import io.airq.core.topic.RecordHeaders;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink dead-letter topic: a rejected record goes there with its key, value, timestamp and
 * headers, plus why ({@link RecordHeaders#REASON}, {@link RecordHeaders#REASON_CODE}) and {@link
 * RecordHeaders#ORIGIN} {@code sink}.
 */
final class DeadLetters implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  static final String ORIGIN = "sink";

  private final Producer<byte[], byte[]> producer;
  private final String topic;

  DeadLetters(Producer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** The dead letter of a rejected record. */
  static ProducerRecord<byte[], byte[]> letter(String topic, Pending p) {
    ConsumerRecord<byte[], byte[]> r = p.record();
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value());
    for (Header h : r.headers()) {
      out.headers().add(h);
    }
    out.headers().remove(RecordHeaders.REASON);
    out.headers().remove(RecordHeaders.REASON_CODE);
    out.headers().remove(RecordHeaders.ORIGIN);
    out.headers().add(RecordHeaders.REASON, utf8(p.reason() + " (from " + r.topic() + ")"));
    out.headers().add(RecordHeaders.REASON_CODE, utf8(p.code()));
    out.headers().add(RecordHeaders.ORIGIN, utf8(ORIGIN));
    return out;
  }

  /**
   * Sends the rejected ones of these records and waits until Kafka has them all; returns how many.
   *
   * @throws InfluxWriter.Unavailable when Kafka did not take one: the batch is retried
   */
  int send(List<Pending> records) throws InfluxWriter.Unavailable {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (Pending p : records) {
      if (p.rejected()) {
        sent.add(producer.send(letter(topic, p)));
        ConsumerRecord<byte[], byte[]> r = p.record();
        log.debug("dead-lettered {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), p.reason());
      }
    }
    for (Future<RecordMetadata> f : sent) {
      try {
        f.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new InfluxWriter.Unavailable("dead-letter topic not writable: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InfluxWriter.Unavailable("interrupted", e);
      }
    }
    return sent.size();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
