package io.airq.ingest;

import io.airq.ingest.config.MqttConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's MQTT session: a persistent session (clean start off) with manual acknowledgements.
 * Each message takes a place in the {@link ReceiveRoom} (waiting while it is full) and is handed to
 * the bridge with the ticket of its PUBACK; {@link #ack} sends the PUBACKs in arrival order, and
 * only on the connection a message arrived on (reset on every disconnect: packet ids are reused,
 * and the broker redelivers unacknowledged messages anyway).
 */
final class MqttIntake implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttIntake.class);

  /** Where a received message goes; may throw {@link RejectedExecutionException} when closing. */
  interface Arrivals {
    /**
     * @param receivedAt when Paho handed the message over: the earliest time the bridge sees it
     *     (MQTT v5 brokers send no time of their own), and the time of a payload without one
     */
    void arrived(String topic, MqttMessage message, AckOrder.Ticket ticket, Instant receivedAt);
  }

  private final MqttConfig cfg;
  private final ReceiveRoom room;
  private final IngestMetrics metrics;
  private final Arrivals arrivals;
  private final MqttAsyncClient client;
  private final AckOrder ackOrder = new AckOrder();

  /** Whether the broker was ever found sending past the receive maximum (logged once). */
  private final AtomicBoolean overSent = new AtomicBoolean();

  MqttIntake(MqttConfig cfg, ReceiveRoom room, IngestMetrics metrics, Arrivals arrivals)
      throws MqttException {
    this.cfg = cfg;
    this.room = room;
    this.metrics = metrics;
    this.arrivals = arrivals;
    this.client = new MqttAsyncClient(cfg.url(), cfg.clientId(), new MemoryPersistence());
  }

  /**
   * The connection options of a persistent session with the config's receive maximum, credentials
   * and TLS.
   *
   * @param tls the socket factory of custom TLS stores; null for none
   */
  static MqttConnectionOptions options(MqttConfig cfg, SSLSocketFactory tls) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(cfg.sessionExpiry().toSeconds());
    o.setReceiveMaximum(cfg.receiveMaximum());
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 30);
    o.setKeepAliveInterval(30);
    if (!cfg.username().isEmpty()) {
      o.setUserName(cfg.username());
    }
    if (!cfg.password().isEmpty()) {
      o.setPassword(cfg.password().getBytes(StandardCharsets.UTF_8));
    }
    if (tls != null) {
      o.setSocketFactory(tls);
    } else if (cfg.url().regionMatches(true, 0, "tcp://", 0, 6)) {
      o.setSocketFactory(new BufferedSockets());
    }
    return o;
  }

  /** Connects (waiting up to 30 s); subscribing follows on every connect. */
  void connect(SSLSocketFactory tls) throws MqttException {
    client.setManualAcks(true);
    client.setCallback(new Callback());
    client.connect(options(cfg, tls)).waitForCompletion(30_000);
  }

  boolean isConnected() {
    return client.isConnected();
  }

  /** Sends the PUBACKs now in order: this message's, and those of later ones done before it. */
  void ack(AckOrder.Ticket ticket) {
    for (AckOrder.Ticket t : ackOrder.done(ticket)) {
      try {
        client.messageArrivedComplete(t.packetId(), t.qos());
      } catch (MqttException e) {
        LOG.debug(
            "ack of message {} failed: {}; the broker redelivers it", t.packetId(), e.toString());
      }
    }
  }

  private void subscribe() {
    try {
      // With a resumed session the broker still has the subscription; subscribing again is
      // harmless.
      client.subscribe(new MqttSubscription(cfg.subscription(), 1));
    } catch (MqttException e) {
      LOG.error("cannot subscribe to {}: {}", cfg.subscription(), e.toString());
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(5_000).waitForCompletion(5_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.warn("MQTT close: {}", e.toString());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // stamped before any wait for room: the receive time is the time a payload without one gets
      Instant receivedAt = Instant.now();
      if (!room.tryTake()) {
        metrics.paused();
        if (overSent.compareAndSet(false, true)) {
          LOG.info(
              "the broker sent more than mqtt.receive-maximum ({}) unacknowledged messages;"
                  + " reading from it pauses whenever that many wait for Kafka (logged once)",
              cfg.receiveMaximum());
        }
        try {
          room.take();
        } catch (InterruptedException e) {
          // Paho is shutting the connection down: the message stays unacknowledged, the broker
          // redelivers it
          Thread.currentThread().interrupt();
          return;
        }
      }
      metrics.received();
      AckOrder.Ticket ticket =
          message.getQos() > 0 ? ackOrder.arrived(message.getId(), message.getQos()) : null;
      try {
        arrivals.arrived(topic, message, ticket, receivedAt);
      } catch (RejectedExecutionException e) {
        room.release(); // closing: left unacknowledged for redelivery
      }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      metrics.connected(true);
      LOG.info(
          "connected to {} (reconnect={}), subscribing {}",
          serverUri,
          reconnect,
          cfg.subscription());
      subscribe();
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      ackOrder.reset();
      metrics.connected(false);
      LOG.warn("disconnected from MQTT: {}", response);
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
      LOG.warn("MQTT error: {}", e.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
