package io.airq.sink;

import static io.airq.sink.SinkTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airq.core.alert.Alert;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * The webhook sink against a real receiver (a JDK HttpServer on 127.0.0.1) that is down for a
 * minute (the "done when") and restarted on the same port, with the devstack's Kafka and
 * InfluxDB; alerts are produced before and in the middle of the outage. The sink runs with the
 * default retry backoff (up to 5 s), as deployed.
 */
@RealServers
class WebhookIT {
  static final String SECRET = "webhook-it-secret";
  static final int REFUSED = 5;

  /** Answered 503 the first time: retried, not refused. */
  static final int BUSY = 2;

  /** The "done when": a receiver down for a minute. */
  static final Duration OUTAGE = Duration.ofSeconds(60);

  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(3));

  /** What the receiver got: ids in arrival order, and the alerts' numbers. */
  final List<String> ids = Collections.synchronizedList(new ArrayList<>());

  final List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Integer> badSignatures = new ConcurrentHashMap<>();
  final Map<Integer, Integer> attempts = new ConcurrentHashMap<>();

  @Test
  void alertsSentWhileTheReceiverIsDownAllArriveOnceAfterItIsBackAndA400IsDeadLettered(
      Servers servers) throws Exception {
    String prefix = servers.newPrefix("webhook");
    Topic<String, Alert> alerts = Topics.ALERTS.prefixed(prefix);
    int port = SinkIT.freePort();
    Properties p = new Properties();
    p.setProperty("influx.url", servers.influxUrl());
    p.setProperty("influx.database", "webhook");
    p.setProperty("kafka.bootstrap.servers", servers.kafkaBootstrap());
    p.setProperty("kafka.group.id", "webhook-it-" + prefix);
    p.setProperty("topic.prefix", prefix);
    p.setProperty("metrics.port", Integer.toString(SinkIT.freePort()));
    p.setProperty("webhook.urls", "http://127.0.0.1:" + port + "/hook");
    p.setProperty("webhook.request.timeout.ms", "2000");
    p.setProperty("webhook.secret", SECRET);
    SinkConfig cfg = SinkConfig.load(p, Map.of());

    HttpServer receiver = receiver(port);
    try (KafkaProducer<byte[], byte[]> producer = SinkTestKit.producer(servers.kafkaBootstrap())) {
      try (Sink sink = Sink.start(cfg)) {
        produce(producer, alerts, 0, 10);
        await(Duration.ofSeconds(60), () -> numbers.size() == 9);
        assertThat(SinkTestKit.health(sink).check("webhook")).isEqualTo("UP");
        // the 503 was retried; the 400 was not
        assertThat(attempts).containsEntry(BUSY, 2).containsEntry(REFUSED, 1);

        receiver.stop(0);
        long stopped = System.nanoTime();
        produce(producer, alerts, 10, 20);
        Thread.sleep(OUTAGE.toMillis() / 2);
        produce(producer, alerts, 20, 30); // alerts raised in the middle of the outage
        Thread.sleep(OUTAGE.toMillis() / 2);
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isGreaterThanOrEqualTo(OUTAGE);
        assertThat(numbers).hasSize(9);
        // the sink is fine; the detail says the receiver does not answer
        SinkTestKit.Health down = SinkTestKit.health(sink);
        assertThat(down.check("webhook")).isEqualTo("UP");
        assertThat(down.detail("webhook")).contains("retrying (no answer");

        receiver = receiver(port);
        long back = System.nanoTime();
        await(Duration.ofSeconds(30), () -> numbers.size() == 29);
        // the backoff maximum (5 s by default) lets the first retry come within seconds of it
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(10));
        assertThat(SinkTestKit.health(sink).detail("webhook"))
            .contains("running, 29 delivered, 1 dead-lettered");
        String target = "http://127.0.0.1:" + port + "/hook";
        var meters = sink.registry().get("airq.sink.webhook.alerts").tag("target", target);
        assertThat(meters.tag("outcome", "delivered").functionCounter().count()).isEqualTo(29);
        assertThat(
                sink.registry()
                    .get("airq.sink.webhook.alerts")
                    .tags("target", target, "outcome", "dead-lettered")
                    .functionCounter()
                    .count())
            .isEqualTo(1);
        // the 503 and the attempts while the receiver was down
        assertThat(sink.registry().get("airq.sink.webhook.retries").functionCounter().count())
            .isGreaterThan(5);
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        if (i != REFUSED) {
          expected.add(i);
        }
      }
      // once each, in the order produced (one key, one partition), every body signed
      assertThat(numbers).containsExactlyElementsOf(expected);
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(badSignatures).isEmpty();

      // the refused alert is in the dead-letter topic with the receiver's reason
      List<ConsumerRecord<byte[], byte[]>> dead =
          SinkTestKit.readAll(
                  servers.kafkaBootstrap(), Topics.SINK_DEAD_LETTER.prefixed(prefix).name(), 1)
              .stream()
              .filter(r -> "webhook-refused".equals(SinkIT.header(r, RecordHeaders.REASON_CODE)))
              .toList();
      assertThat(dead).hasSize(1);
      assertThat(Topics.ALERTS.deserializeValue(dead.get(0).value()).mean())
          .isEqualTo(100 + REFUSED);
      assertThat(SinkIT.header(dead.get(0), RecordHeaders.REASON))
          .contains("answered 400: n " + REFUSED + " refused")
          .contains("http://127.0.0.1:" + port + "/hook");

      // a restarted sink resumes after the last answered alert: nothing is sent twice
      try (Sink again = Sink.start(cfg)) {
        produce(producer, alerts, 30, 31);
        await(Duration.ofSeconds(60), () -> numbers.size() == 30);
        Thread.sleep(2000);
        assertThat(numbers).hasSize(30).endsWith(30);
        assertThat(ids).doesNotHaveDuplicates();
      }
    } finally {
      receiver.stop(0);
    }
  }

  /** Alerts number {@code from} to {@code to - 1}: their mean is 100 + the number. */
  static void produce(KafkaProducer<byte[], byte[]> p, Topic<String, Alert> topic, int from, int to)
      throws Exception {
    for (int n = from; n < to; n++) {
      SinkTestKit.send(
          p, topic, "Nairobi CBD", SinkIT.alert("Nairobi CBD", T0.plusSeconds(3600L * n), 100 + n));
    }
  }

  /** A receiver answering 204, or 400 for alert {@link #REFUSED}; checks every signature. */
  HttpServer receiver(int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    s.createContext("/hook", this::receive);
    s.start();
    return s;
  }

  private void receive(HttpExchange x) throws IOException {
    byte[] body = x.getRequestBody().readAllBytes();
    JsonNode json = new ObjectMapper().readTree(body);
    String signature = x.getRequestHeaders().getFirst("X-Airq-Signature");
    if (!WebhookPayload.signature(SECRET, body).equals(signature)) {
      badSignatures.put(json.path("id").asText(), 1);
    }
    int n = (int) Math.round(json.path("alert").path("mean").asDouble() - 100);
    if (attempts.merge(n, 1, Integer::sum) == 1 && n == BUSY) {
      x.sendResponseHeaders(503, -1);
    } else if (n == REFUSED) {
      byte[] answer = ("n " + REFUSED + " refused").getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(400, answer.length);
      x.getResponseBody().write(answer);
    } else {
      ids.add(json.path("id").asText());
      numbers.add(n);
      x.sendResponseHeaders(204, -1);
    }
    x.close();
  }
}
