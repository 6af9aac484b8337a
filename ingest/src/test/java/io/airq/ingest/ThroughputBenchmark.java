package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the bridge's QoS 1 throughput beside the raw Paho QoS 1 publish-to-subscribe rate measured
 * in the same run. Not a timed test; not run by the build (not an *IT); run it with {@code
 * -Dit.test=ThroughputBenchmark -Dairq.bench=true [-Dairq.bench.messages=20000]}.
 */
@RealServers
@EnabledIfSystemProperty(named = "airq.bench", matches = "true")
class ThroughputBenchmark {
  private static final int N = Integer.getInteger("airq.bench.messages", 20_000);
  private static final Pattern FORWARDED =
      Pattern.compile("airq_ingest_messages_total\\{outcome=\"forwarded\"\\} ([0-9.E]+)");

  @Test
  void bridgeThroughputBesideRawPaho(Servers servers) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    double raw = rawRate(servers.mqttUrl(), "bench/raw/" + id);

    String prefix = servers.newPrefix("ingest-bench");
    String gw = "bench-" + id;
    BridgeConfig cfg =
        BridgeConfig.defaults(servers.mqttUrl(), servers.kafkaBootstrap(), prefix)
            .withClientId("bench-bridge-" + id)
            .withShareGroup("")
            .withTopicFilter("airq/v1/" + gw + "/#")
            .withHttpPort(0);
    try (Bridge bridge = Bridge.start(cfg)) {
      long start = System.nanoTime();
      publishAll(servers.mqttUrl(), i -> "airq/v1/" + gw + "/s" + (i % 50));
      while (forwarded(bridge) < N) {
        Thread.sleep(20);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MINUTES.toNanos(5));
      }
      double bridged = N / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          "ingest bench: %d messages of ~200 bytes at QoS 1: raw Paho pub->sub %.0f msg/s,"
              + " bridge MQTT->Kafka %.0f msg/s (%.0f %% of raw)%n",
          N, raw, bridged, 100 * bridged / raw);
    }
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
