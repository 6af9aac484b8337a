package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.devstack.MosquittoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code airq gateways} on the local stack's Mosquitto, started as {@code ./airq up} starts it
 * ({@link LocalBroker#start}: its accounts, the shipped ACL, its pid file): a gateway added with
 * the command logs in at once with the printed password, publishes under its own id and is refused
 * under another gateway's; once removed, the broker closes its open connection and refuses its next
 * connect; no restart in between.
 */
class GatewaysCommandIT {
  private static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

  @Test
  void anAddedGatewayPublishesOnlyAsItselfAndARemovedOneCannotConnect() throws Exception {
    Path state = Files.createTempDirectory("airq-gateways-");
    Credentials secrets = Credentials.generate();
    secrets.write(state);
    MosquittoServer broker = LocalBroker.start(state, 0, secrets);
    String url = broker.endpoint();
    List<String> delivered = new CopyOnWriteArrayList<>();
    MqttAsyncClient reader = connect(url, Credentials.BRIDGE_USER, secrets.bridgePassword());
    try {
      reader
          .subscribe(
              new MqttSubscription[] {new MqttSubscription("airq/v1/#", 1)},
              null,
              null,
              new IMqttMessageListener[] {(topic, m) -> delivered.add(topic)},
              new MqttProperties())
          .waitForCompletion(10_000);

      String added = cli(0, "gateways", "add", "gw-new", "--dir", state.toString());
      Matcher m = PASSWORD.matcher(added);
      assertThat(m.find()).as("the printed password in:\n%s", added).isTrue();
      String password = m.group(1);
      assertThat(added)
          .contains("username: gw-new")
          .contains("airq/v1/gw-new/<sensor id>/<format>")
          .contains("Reloaded the local stack's broker (pid " + broker.pid() + ")");
      Path passwords = LocalBroker.passwordFile(state);
      assertThat(Files.readString(passwords)).contains("gw-new:$").doesNotContain(password);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords)))
          .isEqualTo("rw-------");
      assertThat(Credentials.read(state).orElseThrow().gateways())
          .as("kept for the next ./airq up")
          .containsEntry("gw-new", password)
          .containsKey(Credentials.EXAMPLE_GATEWAY);

      // the broker re-reads its accounts on the command's SIGHUP: the account works, no restart
      MqttAsyncClient gateway = awaitConnect(url, "gw-new", password);
      assertThat(publish(gateway, "airq/v1/gw-new/s1/airq")).as("own topic").isZero();
      assertThat(publish(gateway, "airq/v1/gw-local/s1/airq"))
          .as("PUBACK reason code for another gateway's topic")
          .isEqualTo(0x87);
      shut(gateway);
      // a later message of its own arrives; the refused one, published before it, never does
      MqttAsyncClient again = connect(url, "gw-new", password);
      assertThat(publish(again, "airq/v1/gw-new/s2/airq")).isZero();
      awaitTrue(() -> delivered.contains("airq/v1/gw-new/s2/airq"), "the later message arrives");
      assertThat(delivered).containsExactly("airq/v1/gw-new/s1/airq", "airq/v1/gw-new/s2/airq");
      shut(again);

      // a password with ':' and '\\' (which mosquitto_passwd -U would cut at its first ':')
      String tricky = "pa:ss\\word:long-enough";
      Path pw = Files.writeString(state.resolve("pw"), tricky + "\n");
      cli(0, "gateways", "add", "gw-colon", "--dir", state.toString(), "--password-file", "" + pw);
      shut(awaitConnect(url, "gw-colon", tricky));
      assertThat(refused(url, "gw-colon", "pa")).as("only the whole password logs in").isTrue();
      assertThat(Credentials.read(state).orElseThrow().gateways())
          .containsEntry("gw-colon", tricky);
      cli(0, "gateways", "remove", "gw-colon", "--dir", state.toString());

      // another stack's pid file naming this broker: a mosquitto of this user, but not with that
      // stack's config, so it is reported stale and never signalled
      Path other = Files.createTempDirectory("airq-gateways-other-");
      secrets.write(other);
      Files.copy(state.resolve(LocalBroker.PID_FILE), other.resolve(LocalBroker.PID_FILE));
      assertThat(cli(0, "gateways", "add", "gw-elsewhere", "--dir", other.toString()))
          .contains("is stale (process " + broker.pid() + " does not run with -c")
          .doesNotContain("Reloaded");

      // the signal fails (the broker gone, or not ours to signal) after the file was changed:
      // the command says what to do and exits 1
      GatewaysOptions.Target target = new GatewaysOptions.Target();
      target.dir = state;
      GatewaysOptions.Reload reload = new GatewaysOptions.Reload();
      reload.reload = true;
      StringWriter err = new StringWriter();
      int code =
          reload.apply(
              target,
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true),
              pid -> {
                throw new java.io.IOException(
                    "kill -HUP " + pid + " failed: Operation not permitted");
              });
      assertThat(code).isEqualTo(1);
      assertThat(err.toString())
          .contains(
              "The file is changed, but the broker (pid " + broker.pid() + ") was not reloaded")
          .contains("Run kill -HUP " + broker.pid() + ", or ./airq down and ./airq up");

      assertThat(cli(0, "gateways", "list", "--dir", state.toString()).lines())
          .containsExactly(Credentials.EXAMPLE_GATEWAY, "gw-new");

      MqttAsyncClient held = connect(url, "gw-new", password);
      assertThat(cli(0, "gateways", "remove", "gw-new", "--dir", state.toString()))
          .contains("Removed gateway gw-new");
      assertThat(Credentials.read(state).orElseThrow().gateways()).doesNotContainKey("gw-new");
      assertThat(cli(0, "gateways", "list", "--dir", state.toString()).lines())
          .containsExactly(Credentials.EXAMPLE_GATEWAY);
      awaitTrue(() -> refused(url, "gw-new", password), "the removed gateway's connect refused");
      awaitTrue(
          () -> !held.isConnected(), "the removed gateway's open connection closed by the broker");
      shut(held);
      cli(1, "gateways", "remove", "gw-new", "--dir", state.toString());
    } finally {
      shut(reader);
      broker.stop();
      LocalBroker.forget(state);
    }
  }

  @Test
  void aFileOfAnotherBrokerGetsTheHashOnlyAndTheOperatorIsToldToReload() throws Exception {
    Path dir = Files.createTempDirectory("airq-gateways-file-");
    Path file = dir.resolve("passwords");
    String out = cli(0, "gateways", "add", "gw-cbd-1", "--file", file.toString());
    Matcher m = PASSWORD.matcher(out);
    assertThat(m.find()).isTrue();
    assertThat(out).contains("printed only now").contains("kill -HUP");
    assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("gw-cbd-1:$");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Path given = Files.writeString(dir.resolve("pw"), "a-password-of-the-city\n");
    assertThat(
            cli(
                0,
                "gateways",
                "add",
                "gw-west",
                "--file",
                file.toString(),
                "--password-file",
                given.toString()))
        .contains("Added gateway gw-west")
        .doesNotContain("a-password-of-the-city");
    assertThat(cli(0, "gateways", "add", "gw-cbd-1", "--file", file.toString()))
        .contains("New password for gateway gw-cbd-1");
    assertThat(cli(0, "gateways", "list", "--file", file.toString()).lines())
        .containsExactly("gw-cbd-1", "gw-west");
    assertThat(Files.readString(file)).doesNotContain(m.group(1));
  }

  private static String cli(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = AirqMain.commandLine();
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    assertThat(c.execute(args))
        .as("airq %s: %s", String.join(" ", args), err)
        .isEqualTo(expectedCode);
    return out.toString();
  }

  private interface Check {
    boolean holds() throws Exception;
  }

  private static void awaitTrue(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!check.holds()) {
      assertThat(System.nanoTime()).as(what + " within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** Connects once the broker has applied the reload (it handles SIGHUP in its own loop). */
  private static MqttAsyncClient awaitConnect(String url, String user, String password)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return connect(url, user, password);
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  /** True when the broker refuses the login (bad user name or password, or not authorised). */
  private static boolean refused(String url, String user, String password) throws Exception {
    try {
      shut(connect(url, user, password));
      return false;
    } catch (MqttException e) {
      assertThat(e.getReasonCode()).as("CONNACK reason code").isIn(0x86, 0x87);
      return true;
    }
  }

  private static MqttAsyncClient connect(String url, String user, String password)
      throws MqttException {
    MqttAsyncClient c =
        new MqttAsyncClient(url, user + "-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setConnectionTimeout(5);
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    try {
      c.connect(o).waitForCompletion(10_000);
    } catch (MqttException e) {
      c.close(true);
      throw e;
    }
    return c;
  }

  private static int publish(MqttAsyncClient c, String topic) throws Exception {
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

  /** Closes a client Paho may still be dropping after a refused publish (see GatewayAccountsIT). */
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
}
