package io.airq.simulator.publish;

import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Where and how the simulator publishes: the broker, its credentials, the QoS and the window of
 * unacknowledged publishes.
 *
 * @param url broker URL, e.g. {@code tcp://localhost:1883}
 * @param username optional user name
 * @param password optional password (redacted in {@link #toString()})
 * @param qos MQTT QoS 0, 1 or 2
 * @param maxInFlight unacknowledged publishes allowed at once (at least 1)
 * @param gatewayAccounts gateway id to password: publish each gateway's messages logged in as the
 *     gateway ({@link GatewayAccounts}); empty = one connection as {@code username}
 */
public record MqttTarget(
    String url,
    String username,
    String password,
    int qos,
    int maxInFlight,
    Map<String, String> gatewayAccounts) {

  public MqttTarget {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the MQTT broker URL is required");
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos must be 0, 1 or 2, was " + qos);
    }
    maxInFlight = maxInFlight <= 0 ? 20 : maxInFlight;
    gatewayAccounts = gatewayAccounts == null ? Map.of() : Map.copyOf(gatewayAccounts);
  }

  /** One connection as {@code username}, no gateway accounts. */
  public MqttTarget(String url, String username, String password, int qos, int maxInFlight) {
    this(url, username, password, qos, maxInFlight, Map.of());
  }

  /** This target publishing each gateway's messages as that gateway's own account. */
  public MqttTarget withGatewayAccounts(Map<String, String> accounts) {
    return new MqttTarget(url, username, password, qos, maxInFlight, accounts);
  }

  /**
   * A connected publisher with a fresh client id {@code <clientPrefix>-<8 hex>}.
   *
   * @throws IllegalStateException when the broker cannot be reached
   */
  public MqttPublisher connect(String clientPrefix) {
    String clientId = clientPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      return new MqttPublisher(
          url, clientId, username, password, gatewayAccounts, qos, maxInFlight);
    } catch (MqttException e) {
      throw new IllegalStateException("MQTT connection to " + url + " failed", e);
    }
  }

  @Override
  public String toString() {
    return "MqttTarget[url="
        + url
        + ", username="
        + username
        + ", password="
        + (password == null ? "null" : "***")
        + ", qos="
        + qos
        + ", maxInFlight="
        + maxInFlight
        + ", gatewayAccounts="
        + new java.util.TreeSet<>(gatewayAccounts.keySet())
        + "]";
  }
}
