package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.reading.Reading;
import io.airq.core.topic.RecordHeaders;
import io.airq.core.topic.Topics;
import io.airq.devstack.TopicSetup;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.e2e.HostileMqttWire.BrokerAnswer;
import io.airq.ingest.Bridge;
import io.airq.ingest.BridgeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input suite of issue 9: seeded hostile payloads over MQTT and over the HTTP push,
 * with valid traffic interleaved, through the real ingest bridge on real Mosquitto and Kafka.
 *
 * <p>The contract checked (docs/ingest.md):
 *
 * <ul>
 *   <li>Every hostile message that reaches the bridge is one dead letter with its original bytes
 *       (the first {@code ingest.max-bytes} of an oversized one), a reason, a reason code from the
 *       documented set for its class, {@code airq.origin=ingest}, and as key the topic's (or {@code
 *       X-Sensor}'s) sensor verbatim, else the channel. Counts reconcile exactly: the multiset of
 *       (topic, key, bytes) sent equals the one dead-lettered, no more, no less.
 *   <li>Over HTTP the same holds, and the push is answered 4xx with {@code <code>: <reason>} (413
 *       for an oversized body, 400 otherwise), the same code as its dead letter.
 *   <li>Injection strings as sensor ids (line protocol {@code x,evil=1 pm25=999}, CR/LF, quotes,
 *       paths, NUL, 129 characters, ...) are outside the documented id rule {@code
 *       [A-Za-z0-9][A-Za-z0-9._:@-]{0,127}}, so they are dead-lettered as {@code invalid-sensor},
 *       never forwarded. Two classes only look hostile and are valid: ids inside the rule made of
 *       its punctuation ({@code x.evil-1:pm25@999_...}), and injection text in the gateway segment
 *       of the topic (provenance only, never a key or an InfluxDB tag). Those must arrive verbatim
 *       as key, {@code sensorId}, {@code gatewayId} and gateway header.
 *   <li>Valid traffic sent at the same time arrives complete: exactly the sent (sensor, time) keys.
 *   <li>The bridge never crashes: {@code /health} is UP afterwards, nothing in flight, no Kafka
 *       send failed, and its message counters match the counts above.
 * </ul>
 *
 * <p>What never reaches the bridge, checked and reported apart: topics with control or
 * non-characters. Paho refuses to encode them (its publish fails, the connection is lost), and
 * Mosquitto 2 closes the connection of a client that sends them anyway (a raw MQTT publisher sees
 * no PUBACK, the socket closed). Header values with CR/LF/NUL cannot be sent over HTTP: the JDK
 * client refuses them before sending. 10 MB bodies are taken by Mosquitto (no message_size_limit)
 * and reach the bridge.
 */
@RealServers
class HostileInputIT {
  private static final long SEED = Long.getLong("airq.hostile.seed", 20_261_123L);
  private static final int MQTT_HOSTILE = Integer.getInteger("airq.hostile.mqtt", 10_000);
  private static final int HTTP_HOSTILE = Integer.getInteger("airq.hostile.http", 10_000);
  private static final int VALID_EVERY = 10;
  private static final int MAX_BYTES = 256 * 1024;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void hostilePayloadsAreDeadLetteredWithReasonsWhileInterleavedValidTrafficArrivesComplete(
      Servers servers) throws Exception {
    String prefix = servers.newPrefix("hostile");
    String bootstrap = servers.kafkaBootstrap();
    TopicSetup.createAll(bootstrap, prefix, 2);
    String run = "r" + UUID.randomUUID().toString().substring(0, 6);
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    HostilePayloads gen = new HostilePayloads(SEED, run, t0);
    List<HostileCase> mqttCases = new ArrayList<>();
    for (int n = 0; n < MQTT_HOSTILE; n++) {
      mqttCases.add(gen.mqtt(n));
    }
    List<HostileCase> httpCases = new ArrayList<>();
    for (int n = 0; n < HTTP_HOSTILE; n++) {
      httpCases.add(gen.http(n));
    }

    Properties p = new Properties();
    p.setProperty("mqtt.url", servers.mqttUrl());
    p.setProperty("kafka.bootstrap.servers", bootstrap);
    p.setProperty("topic.prefix", prefix);
    p.setProperty("mqtt.client-id", "hostile-" + run);
    p.setProperty("mqtt.share-group", "hostile-" + run);
    p.setProperty("mqtt.topic-filter", "airq/v1/#");
    p.setProperty("http.port", "-1");
    long started = System.nanoTime();
    try (Bridge bridge = Bridge.start(BridgeConfig.from(p, Map.of()))) {
      URI base = URI.create("http://127.0.0.1:" + bridge.httpPort());
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();

      // MQTT and HTTP at the same time, each with valid messages interleaved
      Set<String> expectedReadings = concurrentSet();
      CompletableFuture<List<HostileCase>> mqttSent =
          CompletableFuture.supplyAsync(
              () -> sendMqtt(servers, gen, mqttCases, expectedReadings, run));
      ConcurrentLinkedQueue<HttpAnswer> answers = new ConcurrentLinkedQueue<>();
      int validHttp = sendHttp(http, base, gen, httpCases, expectedReadings, answers);
      List<HostileCase> mqttDelivered = new ArrayList<>(mqttSent.get(5, TimeUnit.MINUTES));
      int validMqtt = (MQTT_HOSTILE + VALID_EVERY - 1) / VALID_EVERY;
      long sentNanos = System.nanoTime() - started;

      // what never reaches the bridge
      Map<String, Integer> refused = new TreeMap<>();
      mqttDelivered.addAll(refusedByBrokerOrClient(servers, run, refused));
      for (String id :
          List.of("x\r\nX-Evil: 1", "x\nairq_readings,sensor=evil pm25=9", "x\u0000")) {
        assertThatThrownBy(
                () ->
                    HttpRequest.newBuilder(base.resolve("/v1/push-sensor-data/"))
                        .header("X-Sensor", id))
            .isInstanceOf(IllegalArgumentException.class);
        refused.merge("http: X-Sensor with CR/LF/NUL, refused by the JDK client", 1, Integer::sum);
      }

      assertThat(bridge.awaitIdle(WAIT)).as("bridge drained").isTrue();

      // every hostile message reached Kafka as one dead letter, or verbatim as a reading
      List<HostileCase> all = new ArrayList<>(mqttDelivered);
      all.addAll(httpCases);
      Map<String, Long> expectedDead = new HashMap<>();
      Map<String, Set<String>> codesOf = new HashMap<>();
      Map<String, String> kindOf = new HashMap<>();
      for (HostileCase c : all) {
        if (c.forwarded()) {
          HostileCase.Verbatim v = c.verbatim().orElseThrow();
          expectedReadings.add(v.sensorId() + "@" + v.timeMillis());
        } else {
          String id = identity(c.topic(), c.deadLetterKey(), stored(c.body()));
          expectedDead.merge(id, 1L, Long::sum);
          codesOf.computeIfAbsent(id, x -> new HashSet<>()).addAll(c.reasonCodes());
          kindOf.put(id, c.kind());
        }
      }
      long deadCount = expectedDead.values().stream().mapToLong(Long::longValue).sum();
      List<ConsumerRecord<byte[], byte[]>> dead =
          read(bootstrap, Topics.READINGS_DEAD_LETTER.prefixed(prefix).name(), deadCount);
      List<ConsumerRecord<byte[], byte[]>> readings =
          read(bootstrap, Topics.READINGS.prefixed(prefix).name(), expectedReadings.size());

      Map<String, Long> gotDead = new HashMap<>();
      Map<String, Integer> deadByKind = new TreeMap<>();
      Map<String, Integer> deadByCode = new TreeMap<>();
      Map<String, String> codeOfDead = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : dead) {
        String id =
            identity(header(r, RecordHeaders.MQTT_TOPIC), string(r.key()), sha256(r.value()));
        gotDead.merge(id, 1L, Long::sum);
        String code = header(r, RecordHeaders.REASON_CODE);
        assertThat(codesOf.getOrDefault(id, Set.of()))
            .as(
                "reason code of a %s dead letter (%s)",
                kindOf.get(id), header(r, RecordHeaders.REASON))
            .contains(code);
        assertThat(header(r, RecordHeaders.REASON)).isNotBlank();
        assertThat(header(r, RecordHeaders.ORIGIN)).isEqualTo("ingest");
        assertThat(header(r, RecordHeaders.RECEIVED_AT)).isNotBlank();
        deadByKind.merge(kindOf.getOrDefault(id, "?"), 1, Integer::sum);
        deadByCode.merge(code, 1, Integer::sum);
        codeOfDead.put(id, code);
      }
      assertThat(diff(gotDead, expectedDead, kindOf)).as("dead letters not sent").isEmpty();
      assertThat(diff(expectedDead, gotDead, kindOf)).as("hostile messages missing").isEmpty();
      assertThat(dead).hasSize((int) deadCount);

      // HTTP: a 4xx with the reason, the same code as the dead letter
      Map<Integer, Integer> statuses = new TreeMap<>();
      for (HttpAnswer a : answers) {
        statuses.merge(a.status(), 1, Integer::sum);
        if (a.hostile().forwarded()) {
          assertThat(a.status()).as("legal id %s", a.hostile().xSensor()).isEqualTo(201);
          continue;
        }
        String code = a.body().contains(":") ? a.body().substring(0, a.body().indexOf(':')) : "";
        assertThat(a.hostile().reasonCodes())
            .as("%s pushed: answer %d %s", a.hostile().kind(), a.status(), a.body())
            .contains(code);
        assertThat(a.status()).isEqualTo(code.equals("payload-too-large") ? 413 : 400);
        assertThat(a.body().substring(code.length() + 1)).isNotBlank();
        String id =
            identity(a.hostile().topic(), a.hostile().deadLetterKey(), stored(a.hostile().body()));
        assertThat(codeOfDead.get(id)).isEqualTo(code);
      }
      assertThat(answers).hasSize(HTTP_HOSTILE);

      // valid traffic complete, legal-looking ids verbatim, no injection anywhere
      Set<String> gotReadings = new HashSet<>();
      Map<String, Reading> bySensor = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r : readings) {
        Reading reading = Topics.READINGS.deserializeValue(r.value());
        assertThat(reading.sensorId()).isEqualTo(string(r.key()));
        assertThat(r.timestamp()).isEqualTo(reading.time().toEpochMilli());
        assertThat(header(r, RecordHeaders.GATEWAY)).isEqualTo(reading.gatewayId());
        gotReadings.add(string(r.key()) + "@" + r.timestamp());
        bySensor.put(reading.sensorId(), reading);
      }
      assertThat(gotReadings).isEqualTo(expectedReadings);
      assertThat(readings.size() - gotReadings.size()).as("duplicate readings").isZero();
      Map<String, Integer> verbatimByKind = new TreeMap<>();
      for (HostileCase c : all) {
        if (c.forwarded()) {
          HostileCase.Verbatim v = c.verbatim().orElseThrow();
          Reading r = bySensor.get(v.sensorId());
          assertThat(r).as("%s %s forwarded", c.kind(), v.sensorId()).isNotNull();
          assertThat(r.gatewayId()).isEqualTo(v.gatewayId());
          verbatimByKind.merge(c.kind(), 1, Integer::sum);
        }
      }

      // the bridge is alive and its counters agree
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(base.resolve("/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"", "\"mqtt\":{\"status\":\"UP\"");
      String metrics = bridge.scrape();
      long forwardedMessages =
          validMqtt + validHttp + verbatimByKind.values().stream().mapToInt(i -> i).sum();
      assertThat(meter(metrics, "airq_ingest_messages_total{outcome=\"forwarded\"}"))
          .isEqualTo(forwardedMessages);
      assertThat(
              meter(metrics, "airq_ingest_messages_total{outcome=\"invalid\"}")
                  + meter(metrics, "airq_ingest_messages_total{outcome=\"rejected\"}"))
          .isEqualTo(deadCount);
      assertThat(meter(metrics, "airq_ingest_messages_total{outcome=\"undeliverable\"}")).isZero();
      assertThat(meter(metrics, "airq_ingest_in_flight")).isZero();
      assertThat(meter(metrics, "airq_ingest_mqtt_connected")).isEqualTo(1);

      Map<String, int[]> sentByKind = new TreeMap<>();
      mqttDelivered.forEach(c -> sentByKind.computeIfAbsent(c.kind(), k -> new int[2])[0]++);
      httpCases.forEach(c -> sentByKind.computeIfAbsent(c.kind(), k -> new int[2])[1]++);
      StringBuilder summary = new StringBuilder("hostile-input summary (seed " + SEED + "):");
      sentByKind.forEach(
          (kind, n) ->
              summary.append(
                  String.format(
                      "%n  %-22s mqtt %5d  http %5d  dead-lettered %5d  forwarded verbatim %4d",
                      kind,
                      n[0],
                      n[1],
                      deadByKind.getOrDefault(kind, 0),
                      verbatimByKind.getOrDefault(kind, 0))));
      summary.append(
          String.format(
              "%n  valid interleaved: mqtt %d, http %d; readings on Kafka %d (expected %d)"
                  + "%n  dead letters %d (expected %d), by code %s%n  http answers %s"
                  + "%n  refused before the bridge: %s%n  sent in %.1f s, all checked after %.1f s",
              validMqtt,
              validHttp,
              readings.size(),
              expectedReadings.size(),
              dead.size(),
              deadCount,
              deadByCode,
              statuses,
              refused,
              sentNanos / 1e9,
              (System.nanoTime() - started) / 1e9));
      System.out.println(summary);
    }
  }

  // ---- MQTT ----

  /** Publishes the hostile messages with a valid one before every tenth; returns those sent. */
  private static List<HostileCase> sendMqtt(
      Servers servers,
      HostilePayloads gen,
      List<HostileCase> cases,
      Set<String> expectedReadings,
      String run) {
    try {
      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "hostile-pub-" + run, new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setConnectionTimeout(30);
      pub.connect(o);
      pub.setTimeToWait(60_000);
      int valid = 0;
      for (int n = 0; n < cases.size(); n++) {
        if (n % VALID_EVERY == 0) {
          pub.publish(gen.validMqttTopic(), gen.validMqttBody(valid), 1, false);
          expectedReadings.add(gen.validMqttSensor(valid) + "@" + gen.validTime(valid));
          valid++;
        }
        HostileCase c = cases.get(n);
        // a 10 MB publish: Mosquitto has no message_size_limit here, so it is acked like any other
        pub.publish(c.topic(), c.body(), 1, false);
      }
      pub.disconnect();
      pub.close();
      return cases;
    } catch (Exception e) {
      throw new IllegalStateException("MQTT publishing failed: " + e, e);
    }
  }

  /**
   * Topics with control or non-characters: Paho fails the publish (and loses its connection),
   * Mosquitto closes the connection of a raw client that sends them. A raw publish on a good topic,
   * the control, is acked and dead-lettered like any other; it is returned.
   */
  private static List<HostileCase> refusedByBrokerOrClient(
      Servers servers, String run, Map<String, Integer> refused) throws Exception {
    String gw = run + "-wire";
    for (String bad :
        List.of("a\nb", "a\r\nX-Evil: 1", "a\u0000b", "a\u007fb", "a\u0085b", "a\uffffb")) {
      byte[] topic = ("airq/v1/" + gw + "/" + bad).getBytes(StandardCharsets.UTF_8);
      BrokerAnswer answer =
          HostileMqttWire.publishQos1(
              servers.mqttUrl(),
              "hostile-wire-" + run,
              topic,
              "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(answer)
          .as("Mosquitto on topic %s", bad.replace("\n", "\\n").replace("\r", "\\r"))
          .isEqualTo(BrokerAnswer.CONNECTION_CLOSED);
      refused.merge(
          "mqtt: control/non-character topic, connection closed by Mosquitto", 1, Integer::sum);
    }
    MqttClient paho =
        new MqttClient(servers.mqttUrl(), "hostile-paho-" + run, new MemoryPersistence());
    paho.connect(new MqttConnectionOptions());
    assertThatThrownBy(
            () ->
                paho.publish("airq/v1/" + gw + "/x\r\nX-Evil: 1", new byte[] {'{', '}'}, 1, false))
        .hasStackTraceContaining("Invalid UTF-8 char");
    refused.merge("mqtt: CR/LF topic, publish failed in Paho", 1, Integer::sum);
    paho.close(true);

    String topic = "airq/v1/" + gw + "/-";
    byte[] body = "x,evil=1 pm25=999\r\n".getBytes(StandardCharsets.UTF_8);
    assertThat(
            HostileMqttWire.publishQos1(
                servers.mqttUrl(),
                "hostile-wire-" + run,
                topic.getBytes(StandardCharsets.UTF_8),
                body))
        .isEqualTo(BrokerAnswer.ACKED);
    return List.of(
        new HostileCase(
            "raw-wire-control",
            topic,
            Optional.empty(),
            body,
            Set.of("malformed-json"),
            topic,
            Optional.empty()));
  }

  // ---- HTTP ----

  record HttpAnswer(HostileCase hostile, int status, String body) {}

  /** Pushes the hostile bodies, 8 at a time, with a valid push before every tenth. */
  private static int sendHttp(
      HttpClient http,
      URI base,
      HostilePayloads gen,
      List<HostileCase> cases,
      Set<String> expectedReadings,
      ConcurrentLinkedQueue<HttpAnswer> answers)
      throws Exception {
    URI push = base.resolve("/v1/push-sensor-data/");
    Semaphore inFlight = new Semaphore(8);
    List<CompletableFuture<?>> all = new ArrayList<>();
    int valid = 0;
    for (int n = 0; n < cases.size(); n++) {
      if (n % VALID_EVERY == 0) {
        int i = valid++;
        inFlight.acquire();
        String sensor = gen.validHttpSensor(i);
        all.add(
            http.sendAsync(
                    request(push, sensor, gen.validHttpBody(i)),
                    HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> inFlight.release())
                .thenAccept(
                    r -> {
                      if (r.statusCode() != 201) {
                        throw new IllegalStateException(
                            "valid push answered " + r.statusCode() + " " + r.body());
                      }
                      expectedReadings.add(sensor + "@" + gen.validTime(i));
                    }));
      }
      HostileCase c = cases.get(n);
      inFlight.acquire();
      all.add(
          http.sendAsync(
                  request(push, c.xSensor().orElse(null), c.body()),
                  HttpResponse.BodyHandlers.ofString())
              .handle(
                  (r, e) -> {
                    inFlight.release();
                    // no answer at all (connection closed) is recorded as status -1 and fails
                    // the checks below with the case that caused it
                    answers.add(
                        e == null
                            ? new HttpAnswer(c, r.statusCode(), r.body().trim())
                            : new HttpAnswer(c, -1, "no answer: " + e));
                    return null;
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    return valid;
  }

  private static HttpRequest request(URI push, String xSensor, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(push)
            .timeout(Duration.ofSeconds(60))
            .header("X-PIN", "1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (xSensor != null) {
      b.header("X-Sensor", xSensor);
    }
    return b.build();
  }

  // ---- Kafka and small helpers ----

  private static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, long atLeast) {
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "hostile-" + UUID.randomUUID());
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (got.size() < atLeast && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      // a short tail, so that extra records (duplicates, forged ones) are seen too
      long tail = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < tail) {
        c.poll(Duration.ofMillis(200)).forEach(got::add);
      }
    }
    return got;
  }

  private static Set<String> concurrentSet() {
    return java.util.concurrent.ConcurrentHashMap.newKeySet();
  }

  /** What the dead letter keeps: the original bytes, cut to the size limit. */
  private static String stored(byte[] body) {
    return sha256(body.length > MAX_BYTES ? Arrays.copyOf(body, MAX_BYTES) : body);
  }

  private static String identity(String topic, String key, String bodyHash) {
    return topic + "\u0001" + key + "\u0001" + bodyHash;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Entries of {@code a} beyond {@code b}, for a readable failure. */
  private static List<String> diff(
      Map<String, Long> a, Map<String, Long> b, Map<String, String> kindOf) {
    List<String> out = new ArrayList<>();
    a.forEach(
        (id, n) -> {
          long extra = n - b.getOrDefault(id, 0L);
          if (extra > 0 && out.size() < 20) {
            out.add(
                extra
                    + " x "
                    + kindOf.getOrDefault(id, "?")
                    + " "
                    + id.replace("\u0001", " | ").replace("\n", "\\n").replace("\r", "\\r"));
          }
        });
    return out;
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String string(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static long meter(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(scrape);
    assertThat(m.find()).as("meter %s in the scrape", name).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }
}
