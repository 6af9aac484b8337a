package io.airq.simulator.publish;

import java.nio.charset.StandardCharsets;
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
 */
public final class MqttPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
  private static final int LATENCY_BUCKETS = 10_000;

  private final MqttAsyncClient client;
  private final int qos;
  private final int window;
  private final Semaphore inFlight;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLongArray latencyMs = new AtomicLongArray(LATENCY_BUCKETS + 1);

  public MqttPublisher(
      String url, String clientId, String username, String password, int qos, int window)
      throws MqttException {
    this.qos = qos;
    this.window = Math.max(1, window);
    this.inFlight = new Semaphore(this.window);
    this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    if (username != null && !username.isBlank()) {
      options.setUserName(username);
      options.setPassword(
          password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
    }
    client.connect(options).waitForCompletion(30_000);
    LOG.info("connected to {} as {} (QoS {}, window {})", url, clientId, qos, this.window);
  }

  /** Publishes asynchronously; blocks while the window is full. */
  public void publish(String topic, byte[] payload) throws InterruptedException {
    inFlight.acquire();
    long started = System.nanoTime();
    MqttMessage message = new MqttMessage(payload);
    message.setQos(qos);
    while (true) {
      try {
        client.publish(
            topic,
            message,
            null,
            new MqttActionListener() {
              @Override
              public void onSuccess(IMqttToken token) {
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
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(10_000);
      }
      client.close();
    } catch (MqttException e) {
      LOG.warn("closing the MQTT client: {}", e.toString());
    }
  }
}
