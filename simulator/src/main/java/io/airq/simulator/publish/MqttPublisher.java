package io.airq.simulator.publish;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous MQTT v5 publishing with a bounded window of unacknowledged messages. Counts acked
 * and failed publishes and keeps a latency histogram (publish call to acknowledgement, in ms
 * buckets).
 *
 * <p>With gateway accounts (gateway id to password) it opens one connection per gateway, logged in
 * as the gateway id, and sends each message on the connection of its topic's gateway ({@code
 * airq/v1/<gateway>/...}), so the broker's ACL ({@code pattern write airq/v1/%u/#}) is what lets it
 * through. A gateway without an account uses the shared connection of {@code username}, when one is
 * given; else its messages count as failed.
 */
public final class MqttPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
  private static final int LATENCY_BUCKETS = 10_000;

  private final MqttAsyncClient client; // the shared connection; null with accounts and no user
  private final Map<String, MqttAsyncClient> gateways = new HashMap<>();
  private final int qos;
  private final int window;
  private final Semaphore inFlight;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLongArray latencyMs = new AtomicLongArray(LATENCY_BUCKETS + 1);

  public MqttPublisher(
      String url, String clientId, String username, String password, int qos, int window)
      throws MqttException {
    this(url, clientId, username, password, Map.of(), qos, window);
  }

  /**
   * A publisher with one connection per gateway account, plus the shared connection of {@code
   * username} when there are no accounts or a user name is given.
   */
  public MqttPublisher(
      String url,
      String clientId,
      String username,
      String password,
      Map<String, String> gatewayAccounts,
      int qos,
      int window)
      throws MqttException {
    this.qos = qos;
    this.window = Math.max(1, window);
    this.inFlight = new Semaphore(this.window);
    boolean shared = gatewayAccounts.isEmpty() || (username != null && !username.isBlank());
    List<MqttAsyncClient> opened = new ArrayList<>();
    try {
      for (Map.Entry<String, String> a : new java.util.TreeMap<>(gatewayAccounts).entrySet()) {
        MqttAsyncClient c = open(url, clientId + "-" + a.getKey(), a.getKey(), a.getValue());
        opened.add(c);
        gateways.put(a.getKey(), c);
      }
      this.client = shared ? open(url, clientId, username, password) : null;
    } catch (MqttException | RuntimeException e) {
      opened.forEach(MqttPublisher::closeQuietly);
      throw e;
    }
    LOG.info(
        "connected to {} as {}{} (QoS {}, window {})",
        url,
        clientId,
        gatewayAccounts.isEmpty() ? "" : " with " + gatewayAccounts.size() + " gateway accounts",
        qos,
        this.window);
  }

  private static MqttAsyncClient open(String url, String clientId, String username, String password)
      throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    if (username != null && !username.isBlank()) {
      options.setUserName(username);
      options.setPassword(
          password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
    }
    try {
      c.connect(options).waitForCompletion(30_000);
    } catch (MqttException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  /** The connection for a topic {@code airq/v1/<gateway>/...}: its gateway's, else the shared. */
  private MqttAsyncClient clientFor(String topic) {
    if (!gateways.isEmpty()) {
      String[] parts = topic.split("/", 4);
      MqttAsyncClient c = parts.length > 2 ? gateways.get(parts[2]) : null;
      if (c != null) {
        return c;
      }
    }
    return client;
  }

  /** Publishes asynchronously; blocks while the window is full. */
  public void publish(String topic, byte[] payload) throws InterruptedException {
    inFlight.acquire();
    long started = System.nanoTime();
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    MqttAsyncClient conn = clientFor(topic);
    if (conn == null) {
      LOG.warn("no MQTT account for the gateway of {}: not published", topic);
      failed.incrementAndGet();
      inFlight.release();
      return;
    }
    while (true) {
      try {
        conn.publish(
            topic,
            message,
            null,
            new MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                  onFailure(token, new IllegalStateException("refused, reason " + codes[0]));
                  return;
                }
                long ms = (System.nanoTime() - started) / 1_000_000;
                latencyMs.incrementAndGet((int) Math.min(LATENCY_BUCKETS, ms));
                acked.incrementAndGet();
                inFlight.release();
              }

              @Override
              public void onFailure(IMqttToken token, Throwable e) {
                LOG.debug("publish to {} failed: {}", topic, e.toString());
                failed.incrementAndGet();
                inFlight.release();
              }
            });
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT
            || e.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED) {
          LockSupport.parkNanos(1_000_000); // the broker's receive maximum, or reconnecting
          continue;
        }
        LOG.debug("publish to {} rejected: {}", topic, e.toString());
        failed.incrementAndGet();
        inFlight.release();
        return;
      }
    }
  }

  /** Waits until every publish was acknowledged or failed. */
  public boolean flush(long timeoutMs) throws InterruptedException {
    if (inFlight.tryAcquire(window, timeoutMs, TimeUnit.MILLISECONDS)) {
      inFlight.release(window);
      return true;
    }
    return false;
  }

  public long acked() {
    return acked.get();
  }

  public long failed() {
    return failed.get();
  }

  /** The latency (ms) below which the given fraction of acknowledged publishes fell. */
  public long latencyPercentileMs(double fraction) {
    long total = 0;
    for (int i = 0; i <= LATENCY_BUCKETS; i++) {
      total += latencyMs.get(i);
    }
    long target = (long) Math.ceil(total * fraction);
    long seen = 0;
    for (int i = 0; i <= LATENCY_BUCKETS; i++) {
      seen += latencyMs.get(i);
      if (seen >= target && total > 0) {
        return i;
      }
    }
    return 0;
  }

  @Override
  public void close() {
    gateways.values().forEach(MqttPublisher::closeQuietly);
    if (client != null) {
      closeQuietly(client);
    }
  }

  private static void closeQuietly(MqttAsyncClient c) {
    try {
      if (c.isConnected()) {
        c.disconnect().waitForCompletion(10_000);
      }
      c.close();
    } catch (MqttException e) {
      LOG.warn("closing the MQTT client: {}", e.toString());
    }
  }
}
