package io.airq.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.devstack.MosquittoServer;
import io.airq.simulator.Simulator;
import io.airq.simulator.SimulatorCli;
import io.airq.simulator.SimulatorOptions;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.truth.GroundTruth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code simulate --mqtt-gateway-accounts} against Mosquitto secured as production runs it: the
 * shipped ACL (deploy/mosquitto/acl), a password file holding the bridge and one account per
 * simulated gateway, and no simulator account, so the ACL alone lets each gateway's messages in.
 */
class GatewayAccountsIT {
  private static final Path SHIPPED_ACL = Path.of("..", "deploy", "mosquitto", "acl");

  @Test
  void eachGatewayPublishesAsItselfAndMayNotWriteAnotherGatewaysTopic() throws Exception {
    Path dir = Files.createTempDirectory("airq-sim-gateway-accounts-");
    Scenario scenario = Scenario.resolve("nairobi-closure"); // as simulate resolves it
    SimulatorOptions scale =
        SimulatorOptions.defaults("tcp://unused:1883", null, "")
            .withScale(1, 1, 1, 4, Duration.ofMinutes(30));
    List<SimMessage> expected = Generator.generate(Simulator.scaled(scenario, scale)).messages();
    Map<String, String> gateways = new TreeMap<>();
    expected.forEach(m -> gateways.put(m.topic().split("/")[2], m.topic().split("/")[2] + "-pw"));
    assertThat(gateways).as("the scenario's gateways").hasSizeGreaterThan(1);
    StringBuilder file = new StringBuilder("# gateway-id=password\n");
    gateways.forEach((id, pw) -> file.append(id).append('=').append(pw).append('\n'));
    Path accountsFile = Files.writeString(dir.resolve("gateways.properties"), file);

    Map<String, String> accounts = new TreeMap<>(gateways);
    accounts.put("airq-bridge", "bridge-pw");
    MosquittoServer broker =
        MosquittoServer.startSecured(
            dir.resolve("mosquitto"), 0, accounts, Files.readString(SHIPPED_ACL));
    try {
      String url = broker.endpoint();
      AtomicLong arrived = new AtomicLong();
      MqttAsyncClient bridge = connect(url, "bridge", "airq-bridge", "bridge-pw");
      bridge
          .subscribe(
              new MqttSubscription[] {new MqttSubscription("airq/v1/#", 1)},
              null,
              null,
              new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                (topic, m) -> arrived.incrementAndGet()
              },
              new org.eclipse.paho.mqttv5.common.packet.MqttProperties())
          .waitForCompletion(10_000);

      Path truth = dir.resolve("ground-truth.json");
      int code =
          new CommandLine(new SimulatorCli())
              .execute(
                  "simulate",
                  "nairobi-closure",
                  "--mqtt=" + url,
                  "--mqtt-gateway-accounts=" + accountsFile,
                  "--kafka=",
                  "--speed=0",
                  "--days-before=1",
                  "--days-during=1",
                  "--days-after=1",
                  "--sensors=4",
                  "--interval=PT30M",
                  "--no-progress",
                  "--truth=" + truth);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (arrived.get() < expected.size() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(code).as("simulate's exit code").isZero();
      GroundTruth t = GroundTruth.read(truth);
      assertThat(t.messagesGenerated()).isEqualTo(expected.size());
      assertThat(t.messagesPublished()).as("acknowledged").isEqualTo(expected.size());
      assertThat(arrived.get()).as("delivered to the bridge").isEqualTo(expected.size());

      // a gateway's account writing another gateway's topic: the broker refuses it (0x87) ...
      String[] ids = gateways.keySet().toArray(String[]::new);
      MqttAsyncClient first = connect(url, "first", ids[0], gateways.get(ids[0]));
      assertThat(reasonCode(first, "airq/v1/" + ids[1] + "/s1/airq"))
          .as("PUBACK reason code for another gateway's topic")
          .isEqualTo(0x87);
      shut(first);
      // ... and the publisher counts such a refusal as failed, not acknowledged
      try (MqttPublisher p =
          new MqttTarget(url, ids[0], gateways.get(ids[0]), 1, 5).connect("refused")) {
        p.publish("airq/v1/" + ids[1] + "/s1/airq", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(p.flush(10_000)).isTrue();
        assertThat(p.acked()).isZero();
        assertThat(p.failed()).isEqualTo(1);
      }
      Thread.sleep(300); // a refused message, had it been let through, would have arrived by now
      assertThat(arrived.get()).isEqualTo(expected.size());
      bridge.disconnect().waitForCompletion(5_000);
      bridge.close();
    } finally {
      broker.stop();
    }
  }

  /**
   * Closes a client that the refused publish may still be disconnecting (Paho drops its connection
   * after a 0x87 PUBACK, on its own thread): closing a connected client throws, so disconnect first
   * and retry until Paho is done.
   */
  private static void shut(MqttAsyncClient c) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        if (c.isConnected()) {
          c.disconnectForcibly(1_000);
        }
        c.close(true);
        return;
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static MqttAsyncClient connect(String url, String clientId, String user, String password)
      throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setConnectionTimeout(5);
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    c.connect(o).waitForCompletion(10_000);
    return c;
  }

  private static int reasonCode(MqttAsyncClient c, String topic) throws Exception {
    try {
      MqttMessage m = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      IMqttToken t = c.publish(topic, m);
      t.waitForCompletion(10_000);
      int[] codes = t.getReasonCodes();
      return codes == null || codes.length == 0 ? 0 : codes[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }
}
