package io.airq.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;

/**
 * The secured variants of the servers, the same binaries with production's settings: Mosquitto with
 * airq's shipped ACL (deploy/mosquitto/acl) and a password file, influxd with auth-enabled.
 */
class SecuredServersIT {
  private static final Path SHIPPED_ACL = Path.of("..", "deploy", "mosquitto", "acl");

  @Test
  void mosquittoWithTheShippedAclRefusesAnonymousClientsAndForeignGatewayTopics() throws Exception {
    Path dir = Files.createTempDirectory("airq-mosquitto-secured-");
    Map<String, String> accounts =
        Map.of("airq-bridge", "bridge-secret", "gw-north", "north-secret", "gw-south", "s-secret");
    MosquittoServer broker =
        MosquittoServer.startSecured(dir, 0, accounts, Files.readString(SHIPPED_ACL));
    try {
      String url = broker.endpoint();
      assertThatThrownBy(() -> connect(url, "anon", null, null))
          .as("anonymous access")
          .isInstanceOf(MqttException.class);
      assertThatThrownBy(() -> connect(url, "wrong", "gw-north", "not-the-secret"))
          .as("a wrong password")
          .isInstanceOf(MqttException.class);

      List<String> received = new CopyOnWriteArrayList<>();
      MqttAsyncClient bridge = connect(url, "bridge", "airq-bridge", "bridge-secret");
      bridge
          .subscribe(
              new MqttSubscription[] {new MqttSubscription("airq/v1/#", 1)},
              null,
              null,
              new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                (topic, m) -> received.add(topic)
              },
              new org.eclipse.paho.mqttv5.common.packet.MqttProperties())
          .waitForCompletion(10_000);
      MqttAsyncClient north = connect(url, "north", "gw-north", "north-secret");
      assertThat(publishReasonCode(north, "airq/v1/gw-north/s1/airq")).isZero();
      // Mosquitto 2 answers a refused QoS 1 publish from an MQTT 5 client with a PUBACK whose
      // reason code is "not authorized" (0x87); Paho surfaces it as an exception or on the token.
      int refused = publishReasonCode(north, "airq/v1/gw-south/s9/airq");
      assertThat(refused).as("PUBACK reason code for another gateway's topic").isEqualTo(0x87);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(500); // a refused message, had it been let through, would have arrived by now
      assertThat(received).containsExactly("airq/v1/gw-north/s1/airq");
      // Paho closes its connection after a refused publish; the bridge's stays up
      assertThat(bridge.isConnected()).isTrue();
      bridge.disconnect().waitForCompletion(5_000);
      north.close(true);
    } finally {
      broker.stop();
    }
  }

  @Test
  void influxdWithAuthEnabledAnswers401WithoutCredentialsAnd200WithThem() throws Exception {
    Path dir = Files.createTempDirectory("airq-influx-auth-");
    InfluxServer influx = InfluxServer.startWithAuth(dir, 0, "admin", "admin-secret");
    try {
      HttpClient http = HttpClient.newHttpClient();
      assertThat(query(http, influx.endpoint(), null).statusCode()).isEqualTo(401);
      assertThat(query(http, influx.endpoint(), "admin:wrong").statusCode()).isEqualTo(401);
      HttpResponse<String> ok = query(http, influx.endpoint(), "admin:admin-secret");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    } finally {
      influx.stop();
    }
  }

  private static HttpResponse<String> query(HttpClient http, String base, String userPass)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
            URI.create(
                base + "/query?q=" + URLEncoder.encode("SHOW DATABASES", StandardCharsets.UTF_8)));
    if (userPass != null) {
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static MqttAsyncClient connect(String url, String clientId, String user, String password)
      throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setConnectionTimeout(5);
    if (user != null) {
      o.setUserName(user);
      o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    c.connect(o).waitForCompletion(10_000);
    return c;
  }

  private static int publishReasonCode(MqttAsyncClient c, String topic) throws Exception {
    try {
      IMqttToken t = c.publish(topic, message());
      t.waitForCompletion(10_000);
      int[] codes = t.getReasonCodes();
      return codes == null || codes.length == 0 ? 0 : codes[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  private static MqttMessage message() {
    MqttMessage m = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    return m;
  }
}
