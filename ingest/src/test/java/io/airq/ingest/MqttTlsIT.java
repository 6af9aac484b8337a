package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.ingest.config.HttpConfig;
import io.airq.ingest.config.MqttConfig;
import io.airq.ingest.config.MqttTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT over TLS with a private CA and a client certificate. The broker side is a TLS terminator in
 * front of the real Mosquitto (its certificate is self-signed for 127.0.0.1, and it requires a
 * client certificate it trusts); the stores are made with the JDK's keytool.
 */
@RealServers
class MqttTlsIT {
  private static final String BROKER_PASS = "broker-pass";
  private static final String TRUST_PASS = "trust-pass";
  private static final String BRIDGE_PASS = "bridge-pass";

  @TempDir static Path dir;
  private static TlsTerminator terminator;

  @BeforeAll
  static void makeStoresAndStartTheTerminator(Servers servers) throws Exception {
    // the broker's key, and the trust store the bridge is given
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=airq test broker",
        "-ext",
        "SAN=ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        path("broker.p12"),
        "-storepass",
        BROKER_PASS);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "broker",
        "-keystore",
        path("broker.p12"),
        "-storepass",
        BROKER_PASS,
        "-file",
        path("broker.pem"));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        path("broker.pem"),
        "-storetype",
        "PKCS12",
        "-keystore",
        path("trust.p12"),
        "-storepass",
        TRUST_PASS);
    // the bridge's client key, and the broker's trust in it
    keytool(
        "-genkeypair",
        "-alias",
        "bridge",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=airq-bridge",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        path("bridge.p12"),
        "-storepass",
        BRIDGE_PASS);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "bridge",
        "-keystore",
        path("bridge.p12"),
        "-storepass",
        BRIDGE_PASS,
        "-file",
        path("bridge.pem"));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "bridge",
        "-file",
        path("bridge.pem"),
        "-storetype",
        "PKCS12",
        "-keystore",
        path("broker-trust.p12"),
        "-storepass",
        TRUST_PASS);
    URI plain = URI.create(servers.mqttUrl());
    terminator = TlsTerminator.start(plain.getHost(), plain.getPort());
  }

  @AfterAll
  static void stopTheTerminator() throws IOException {
    if (terminator != null) {
      terminator.close();
    }
  }

  private static String path(String name) {
    return dir.resolve(name).toString();
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
  }

  private static BridgeConfig config(Servers servers, String prefix, String gateway, MqttTls tls) {
    return BridgeConfig.builder(
            "ssl://127.0.0.1:" + terminator.port(), servers.kafkaBootstrap(), prefix)
        .set(MqttConfig.CLIENT_ID, "it-tls-" + gateway)
        .set(MqttConfig.SHARE_GROUP, "")
        .set(MqttConfig.TOPIC_FILTER, "airq/v1/" + gateway + "/#")
        .set(HttpConfig.PORT, 0)
        .set(MqttTls.TRUST_STORE, tls.trustStore())
        .set(MqttTls.TRUST_STORE_PASSWORD, tls.trustStorePassword())
        .set(MqttTls.KEY_STORE, tls.keyStore())
        .set(MqttTls.KEY_STORE_PASSWORD, tls.keyStorePassword())
        .build();
  }

  @Test
  void bridgeTrustsThePrivateCaAndShowsItsClientCertificate(Servers servers) throws Exception {
    String prefix = servers.newPrefix("ingest-tls");
    String gw = "gw-tls-" + UUID.randomUUID().toString().substring(0, 8);
    MqttTls tls = new MqttTls(path("trust.p12"), TRUST_PASS, path("bridge.p12"), BRIDGE_PASS);
    try (Bridge bridge = Bridge.start(config(servers, prefix, gw, tls))) {
      MqttClient pub =
          new MqttClient(servers.mqttUrl(), "it-tls-pub-" + gw, new MemoryPersistence());
      pub.connect(new MqttConnectionOptions());
      pub.publish(
          "airq/v1/" + gw + "/tls-sensor",
          "{\"values\":{\"pm25\":7.5}}".getBytes(StandardCharsets.UTF_8),
          1,
          false);
      pub.disconnect();
      pub.close();
      List<ConsumerRecord<byte[], byte[]>> records =
          KafkaRecords.read(
              servers.kafkaBootstrap(),
              Topics.READINGS.prefixed(prefix).name(),
              1,
              Duration.ofSeconds(60));
      assertThat(records).extracting(KafkaRecords::key).containsExactly("tls-sensor");
      assertThat(terminator.clientNames()).contains("CN=airq-bridge");
    }
  }

  @Test
  void withoutTheTrustStoreTheBrokersCertificateIsRefused(Servers servers) {
    String gw = "gw-tls-" + UUID.randomUUID().toString().substring(0, 8);
    // the JVM's default trust store does not know the self-signed broker
    MqttTls clientCertOnly = new MqttTls("", "", path("bridge.p12"), BRIDGE_PASS);
    assertThatThrownBy(
            () ->
                Bridge.start(config(servers, servers.newPrefix("ingest-tls"), gw, clientCertOnly)))
        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
  }

  @Test
  void withoutTheKeyStoreABrokerRequiringClientCertificatesRefusesTheBridge(Servers servers) {
    String gw = "gw-tls-" + UUID.randomUUID().toString().substring(0, 8);
    MqttTls trustOnly = new MqttTls(path("trust.p12"), TRUST_PASS, "", "");
    assertThatThrownBy(
            () -> Bridge.start(config(servers, servers.newPrefix("ingest-tls"), gw, trustOnly)))
        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
  }

  @Test
  void aWrongTrustStorePasswordFailsTheStartNamingTheStore(Servers servers) {
    String gw = "gw-tls-" + UUID.randomUUID().toString().substring(0, 8);
    MqttTls wrong = new MqttTls(path("trust.p12"), "not-the-password", "", "");
    assertThatThrownBy(
            () -> Bridge.start(config(servers, servers.newPrefix("ingest-tls"), gw, wrong)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("trust.p12");
  }

  /** TLS on 127.0.0.1 in front of the plain Mosquitto listener; requires a client certificate. */
  private static final class TlsTerminator implements AutoCloseable {
    private final SSLServerSocket server;
    private final List<String> clientNames = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TlsTerminator(SSLServerSocket server) {
      this.server = server;
    }

    static TlsTerminator start(String host, int port) throws Exception {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(
          KeyStore.getInstance(Path.of(path("broker.p12")).toFile(), BROKER_PASS.toCharArray()),
          BROKER_PASS.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(
          KeyStore.getInstance(
              Path.of(path("broker-trust.p12")).toFile(), TRUST_PASS.toCharArray()));
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      SSLServerSocket server =
          (SSLServerSocket)
              tls.getServerSocketFactory()
                  .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      server.setNeedClientAuth(true);
      TlsTerminator t = new TlsTerminator(server);
      Thread accept = new Thread(() -> t.acceptLoop(host, port), "tls-terminator");
      accept.setDaemon(true);
      accept.start();
      return t;
    }

    int port() {
      return server.getLocalPort();
    }

    List<String> clientNames() {
      return clientNames;
    }

    private void acceptLoop(String host, int port) {
      while (!server.isClosed()) {
        try {
          SSLSocket client = (SSLSocket) server.accept();
          open.add(client);
          Thread t =
              new Thread(
                  () -> {
                    try {
                      client.startHandshake();
                      clientNames.add(client.getSession().getPeerPrincipal().getName());
                      Socket broker = new Socket(host, port);
                      open.add(broker);
                      pump(broker.getInputStream(), client.getOutputStream(), client, broker);
                      pump(client.getInputStream(), broker.getOutputStream(), client, broker);
                    } catch (IOException e) {
                      closeQuietly(client);
                    }
                  },
                  "tls-handshake");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void pump(InputStream in, OutputStream out, Socket a, Socket b) {
      Thread t =
          new Thread(
              () -> {
                try {
                  in.transferTo(out);
                } catch (IOException e) {
                  // one side closed: close both below
                } finally {
                  closeQuietly(a);
                  closeQuietly(b);
                }
              },
              "tls-pump");
      t.setDaemon(true);
      t.start();
    }

    private static void closeQuietly(Socket s) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      open.forEach(TlsTerminator::closeQuietly);
    }
  }
}
