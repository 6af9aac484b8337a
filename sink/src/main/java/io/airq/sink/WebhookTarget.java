package io.airq.sink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One webhook receiver, on its own thread and in its own consumer group: POSTs the alerts in the
 * order read, one at a time, and commits an alert's offset only once the receiver answered 2xx (or
 * refused it for good and it was dead-lettered, {@link WebhookAnswer}). While the receiver is down
 * the same alert is retried with {@link Backoff}, the partitions paused; nothing is skipped.
 */
final class WebhookTarget implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(WebhookTarget.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final URI url;
  private final String name;
  private final String topic;
  private final WebhookConfig cfg;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final DeadLetters deadLetters;
  private final HttpClient http;
  private final Backoff backoff;
  private final OffsetBook offsets = new OffsetBook();
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = new ArrayDeque<>();

  final AtomicLong delivered = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  private volatile boolean running = true;
  private volatile String state = "starting";

  WebhookTarget(
      URI url,
      String topic,
      WebhookConfig cfg,
      KafkaConsumer<byte[], byte[]> consumer,
      DeadLetters deadLetters) {
    this.url = url;
    this.name = WebhookConfig.safe(url);
    this.topic = topic;
    this.cfg = cfg;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.backoff = new Backoff(cfg.maxBackoff());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(cfg.connectTimeout())
            .build();
  }

  /** The receiver's URL without credentials or query, and what this target is doing. */
  String describe() {
    return name
        + " "
        + state
        + ", "
        + delivered.get()
        + " delivered, "
        + deadLettered.get()
        + " dead-lettered";
  }

  void stop() {
    running = false;
  }

  void wakeup() {
    consumer.wakeup();
  }

  void closeClients() {
    consumer.close();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      state = "running";
      while (running) {
        if (queue.isEmpty()) {
          consumer.resume(consumer.paused());
          consumer.poll(POLL).forEach(queue::add);
          continue;
        }
        // nothing more is fetched while alerts wait; polling keeps this consumer in its group
        consumer.pause(consumer.assignment());
        // (a partition assigned during the poll may still hand over records: keep them too)
        if (!backoff.mayAttempt(System.nanoTime())) {
          consumer.poll(POLL).forEach(queue::add);
          continue;
        }
        consumer.poll(Duration.ZERO).forEach(queue::add);
        if (!queue.isEmpty()) {
          attempt(queue.peek());
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("webhook {} stopped by a wakeup", name, e);
      }
    } catch (RuntimeException | Error e) {
      log.error("webhook {} loop stopped", name, e);
      throw e;
    } finally {
      state = "stopped";
    }
  }

  /** Sends the alert at the head of the queue; done when delivered or dead-lettered. */
  private void attempt(ConsumerRecord<byte[], byte[]> r) {
    WebhookAnswer a;
    try {
      a = post(r, WebhookPayload.body(r));
    } catch (IllegalArgumentException e) {
      a = new WebhookAnswer(WebhookAnswer.Outcome.PERMANENT, e.getMessage());
    }
    if (a.outcome() == WebhookAnswer.Outcome.PERMANENT) {
      Pending letter =
          Pending.skipped(r).reject("webhook-refused", "webhook " + name + ": " + a.reason());
      try {
        deadLetters.send(List.of(letter));
      } catch (InfluxWriter.Unavailable e) {
        a = WebhookAnswer.unreachable("dead-letter topic: " + e.getMessage());
      }
      if (a.outcome() == WebhookAnswer.Outcome.PERMANENT) {
        deadLettered.incrementAndGet();
        log.warn(
            "webhook {} refused {}; dead-lettered: {}", name, WebhookPayload.id(r), a.reason());
      }
    }
    if (a.outcome() == WebhookAnswer.Outcome.RETRY) {
      boolean first = !backoff.retrying();
      retries.incrementAndGet();
      Duration wait = backoff.failed(System.nanoTime());
      state = "retrying (" + a.reason() + ")";
      // once per outage at WARN (a long outage would flood the log), each attempt at DEBUG
      if (first) {
        log.warn(
            "webhook {} {}; retrying with backoff up to {} ms",
            name,
            a.reason(),
            cfg.maxBackoff().toMillis());
      } else {
        log.debug("webhook {} {}; retrying in {} ms", name, a.reason(), wait.toMillis());
      }
      return;
    }
    if (a.outcome() == WebhookAnswer.Outcome.DELIVERED) {
      delivered.incrementAndGet();
    }
    long failed = retries.get();
    if (backoff.succeeded()) {
      log.info("webhook {} answers again; resuming ({} failed attempts so far)", name, failed);
    }
    state = "running";
    queue.poll();
    commit(r);
  }

  private WebhookAnswer post(ConsumerRecord<byte[], byte[]> r, byte[] body) {
    HttpRequest.Builder req =
        HttpRequest.newBuilder(url)
            .timeout(cfg.requestTimeout())
            .header("Content-Type", "application/json")
            .header("X-Airq-Id", WebhookPayload.id(r))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (!cfg.secret().isEmpty()) {
      req.header("X-Airq-Signature", WebhookPayload.signature(cfg.secret(), body));
    }
    try {
      HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      return WebhookAnswer.of(resp.statusCode(), resp.body());
    } catch (IOException e) {
      return WebhookAnswer.unreachable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return WebhookAnswer.unreachable("interrupted");
    }
  }

  private void commit(ConsumerRecord<byte[], byte[]> r) {
    Map<TopicPartition, OffsetAndMetadata> due = offsets.written(List.of(Pending.skipped(r)));
    if (due.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(due);
      offsets.committed(due);
    } catch (CommitFailedException | RebalanceInProgressException | TimeoutException e) {
      // delivered; still owed, they go with the next commit (or the partition's next owner or a
      // restarted sink sends the alert again, with the same id)
      log.warn("webhook {}: offsets not committed: {}", name, e.toString());
    }
  }

  /** Drops waiting alerts of revoked partitions: their next owner reads them again. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      offsets.revoked(revoked);
      queue.removeIf(r -> revoked.contains(new TopicPartition(r.topic(), r.partition())));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      offsets.assigned(assigned);
    }
  }
}
