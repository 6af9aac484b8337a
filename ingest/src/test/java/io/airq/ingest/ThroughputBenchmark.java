package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * Prints the bridge's QoS 1 throughput beside the raw Paho QoS 1 publish-to-subscribe rate measured
 * in the same run, in alternating rounds. Not a timed test; not run by the build (not an *IT); run
 * it with {@code -Dit.test=ThroughputBenchmark [-Dairq.bench.messages=20000]
 * [-Dairq.bench.rounds=3] [-Dairq.bench.set.<bridge key>=<value>]}.
 */
@RealServers
class ThroughputBenchmark {
  private static final String SET = "airq.bench.set.";
  private static final int ROUNDS = Integer.getInteger("airq.bench.rounds", 3);
  private static final int N = Integer.getInteger("airq.bench.messages", 20_000);
  private static final Pattern FORWARDED =
      Pattern.compile("airq_ingest_messages_total\\{outcome=\"forwarded\"\\} ([0-9.E]+)");

  @Test
  void bridgeThroughputBesideRawPaho(Servers servers) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);

    String prefix = servers.newPrefix("ingest-bench");
    String gw = "bench-" + id;
    Properties settings = new Properties();
    settings.setProperty("mqtt.url", servers.mqttUrl());
    settings.setProperty("kafka.bootstrap.servers", servers.kafkaBootstrap());
    settings.setProperty("topic.prefix", prefix);
    settings.setProperty("mqtt.client-id", "bench-bridge-" + id);
    settings.setProperty("mqtt.share-group", "");
    settings.setProperty("mqtt.topic-filter", "airq/v1/" + gw + "/#");
    settings.setProperty("http.port", "0");
    // -Dairq.bench.set.<key>=<value> sets any bridge key, e.g. kafka.batch.size, for experiments
    System.getProperties()
        .stringPropertyNames()
        .forEach(
            k -> {
              if (k.startsWith(SET)) {
                settings.setProperty(k.substring(SET.length()), System.getProperty(k));
              }
            });
    BridgeConfig cfg = BridgeConfig.from(settings, Map.of());
    System.out.println("ingest bench: " + cfg);
    List<Double> ratios = new ArrayList<>();
    try (Bridge bridge = Bridge.start(cfg)) {
      for (int round = 1; round <= ROUNDS; round++) {
        // raw and bridge alternate, so a change in the machine's load hits both alike
        Map<String, Double> cpu0 = cpuSeconds();
        double raw = rawRate(servers.mqttUrl(), "bench/raw/" + id + "/" + round);
        Map<String, Double> cpu1 = cpuSeconds();
        double before = forwarded(bridge);
        long start = System.nanoTime();
        publishAll(servers.mqttUrl(), i -> "airq/v1/" + gw + "/s" + (i % 50));
        double maxInFlight = 0;
        while (forwarded(bridge) < before + N) {
          Thread.sleep(20);
          maxInFlight = Math.max(maxInFlight, gauge(bridge, IN_FLIGHT));
          assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MINUTES.toNanos(5));
        }
        double bridged = N / ((System.nanoTime() - start) / 1e9);
        Map<String, Double> cpu2 = cpuSeconds();
        ratios.add(bridged / raw);
        System.out.printf(
            "ingest bench round %d: CPU ms per 1000 messages, raw: %s; bridge: %s%n",
            round, perThousand(cpu0, cpu1), perThousand(cpu1, cpu2));
        System.out.printf(
            "ingest bench round %d: %d messages of ~200 bytes at QoS 1: raw Paho pub->sub %.0f"
                + " msg/s, bridge MQTT->Kafka %.0f msg/s (%.0f %% of raw); most in flight after the publisher finished %.0f%n",
            round, N, raw, bridged, 100 * bridged / raw, maxInFlight);
      }
      String scrape = bridge.scrape();
      ratios.sort(null);
      System.out.printf(
          "ingest bench: median of %d rounds %.0f %% of raw (rounds %s); Kafka send to ack per"
              + " message: mean %.1f ms, max %.1f ms; receive-maximum %d, workers %d%n",
          ROUNDS,
          100 * ratios.get(ratios.size() / 2),
          ratios.stream().map(r -> String.format("%.0f %%", 100 * r)).toList(),
          1000 * gauge(scrape, SEND_SUM) / gauge(scrape, SEND_COUNT),
          1000 * gauge(scrape, SEND_MAX),
          cfg.mqtt().receiveMaximum(),
          workers(cfg));
    }
  }

  /**
   * CPU seconds used so far by this JVM (publisher, subscriber, bridge) and by the servers it
   * started (Mosquitto, the Kafka broker JVM): the profile at process level, which a machine shared
   * with other builds does not blur the way it blurs rates.
   */
  private static Map<String, Double> cpuSeconds() {
    Map<String, Double> cpu = new java.util.TreeMap<>();
    cpu.put("test JVM", seconds(ProcessHandle.current()));
    ProcessHandle.current()
        .descendants()
        .forEach(
            p -> {
              String cmd = p.info().commandLine().orElse("");
              String name =
                  cmd.contains("mosquitto")
                      ? "mosquitto"
                      : cmd.contains("kafka") ? "Kafka broker" : null;
              if (name != null) {
                cpu.merge(name, seconds(p), Double::sum);
              }
            });
    return cpu;
  }

  private static double seconds(ProcessHandle p) {
    return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
  }

  private static String perThousand(Map<String, Double> from, Map<String, Double> to) {
    StringBuilder s = new StringBuilder();
    double total = 0;
    for (Map.Entry<String, Double> e : to.entrySet()) {
      double ms = 1e6 * (e.getValue() - from.getOrDefault(e.getKey(), 0.0)) / N;
      total += ms;
      s.append(String.format("%s %.0f, ", e.getKey(), ms));
    }
    return s.append(String.format("total %.0f", total)).toString();
  }

  /** The bridge's worker threads (one before ingest.workers existed). */
  private static int workers(BridgeConfig cfg) {
    return cfg.mqtt().workerThreads();
  }

  private static final Pattern IN_FLIGHT = Pattern.compile("airq_ingest_in_flight ([0-9.E]+)");
  private static final Pattern SEND_SUM =
      Pattern.compile("airq_ingest_kafka_send_seconds_sum ([0-9.E-]+)");
  private static final Pattern SEND_COUNT =
      Pattern.compile("airq_ingest_kafka_send_seconds_count ([0-9.E]+)");
  private static final Pattern SEND_MAX =
      Pattern.compile("airq_ingest_kafka_send_seconds_max ([0-9.E-]+)");

  private static double gauge(Bridge bridge, Pattern p) {
    return gauge(bridge.scrape(), p);
  }

  private static double gauge(String scrape, Pattern p) {
    Matcher m = p.matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static double forwarded(Bridge bridge) {
    Matcher m = FORWARDED.matcher(bridge.scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static byte[] payload(int i) {
    String s =
        "{\"time\":\""
            + Instant.now()
            + "\",\"values\":{\"pm25\":"
            + (i % 300) / 10.0
            + ",\"pm10\":21.7,\"pm1\":5.2,\"temperature\":24.31,\"humidity\":61.2,"
            + "\"pressure\":1013.2},\"channelB\":{\"pm25\":12.1,\"pm10\":20.4}}";
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static double rawRate(String url, String topic) throws Exception {
    CountDownLatch all = new CountDownLatch(N);
    MqttAsyncClient sub =
        new MqttAsyncClient(url, "bench-sub-" + UUID.randomUUID(), new MemoryPersistence());
    sub.setCallback(
        new MqttCallback() {
          @Override
          public void messageArrived(String t, MqttMessage m) {
            all.countDown();
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
    sub.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    sub.subscribe(topic, 1).waitForCompletion(10_000);
    long start = System.nanoTime();
    publishAll(url, i -> topic);
    assertThat(all.await(5, TimeUnit.MINUTES)).isTrue();
    double rate = N / ((System.nanoTime() - start) / 1e9);
    sub.disconnect().waitForCompletion(10_000);
    sub.close();
    return rate;
  }

  private static void publishAll(String url, java.util.function.IntFunction<String> topic)
      throws Exception {
    MqttAsyncClient pub =
        new MqttAsyncClient(url, "bench-pub-" + UUID.randomUUID(), new MemoryPersistence());
    pub.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
    for (int i = 0; i < N; i++) {
      MqttMessage m = new MqttMessage(payload(i));
      m.setQos(1);
      while (true) {
        try {
          pub.publish(topic.apply(i), m);
          break;
        } catch (MqttException e) {
          if (e.getReasonCode()
              != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) {
            throw e;
          }
          Thread.sleep(0, 200_000);
        }
      }
    }
    while (pub.getPendingTokens().length > 0) {
      Thread.sleep(10);
    }
    pub.disconnect().waitForCompletion(10_000);
    pub.close();
  }
}
