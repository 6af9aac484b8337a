package io.airq.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MosquittoPasswords} against the real tool and broker: its lines have the format of {@code
 * mosquitto_passwd}'s (checked by an independent PBKDF2), and a password with ':' and '\' that it
 * hashed logs in to a secured Mosquitto whole.
 */
class MosquittoPasswordsIT {
  private static final String TRICKY = "pa:ss\\word:12";

  @TempDir Path dir;

  @Test
  void aLineOfMosquittoPasswdAndOneOfOursHaveTheSameFormatAndCheckTheSameWay() throws Exception {
    Path tool =
        Binaries.find("mosquitto_passwd")
            .orElseThrow(() -> new AssertionError("mosquitto_passwd is not installed"));
    Path file = dir.resolve("passwords");
    Files.writeString(file, "gw-1:plain-password\n");
    ServerProcess.run(
        "mosquitto_passwd",
        List.of(tool.toString(), "-U", file.toString()),
        dir.resolve("passwd.log"),
        Duration.ofSeconds(30));
    String real = Files.readString(file).strip();
    assertThat(real).matches("gw-1:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    assertThat(checks(real, "plain-password")).as("the tool's line, checked here").isTrue();
    assertThat(checks(real, "plain-passwore")).isFalse();

    String ours = MosquittoPasswords.line("gw-1", TRICKY);
    assertThat(ours).matches("gw-1:\\$7\\$101\\$[A-Za-z0-9+/]{16}\\$[A-Za-z0-9+/]{86}==");
    assertThat(checks(ours, TRICKY)).isTrue();
    assertThat(checks(ours, "pa")).isFalse();
    assertThat(MosquittoPasswords.line("gw-1", TRICKY))
        .as("a new salt each time")
        .isNotEqualTo(ours);
  }

  @Test
  void aPasswordWithColonsAndBackslashesLogsInWholeToARealBroker() throws Exception {
    MosquittoServer broker =
        MosquittoServer.startSecured(
            dir.resolve("mosquitto"), 0, Map.of("gw-1", TRICKY), "pattern write airq/v1/%u/#\n");
    try {
      String passwords = Files.readString(dir.resolve("mosquitto").resolve("passwords"));
      assertThat(passwords).doesNotContain("ss\\word").startsWith("gw-1:$7$101$");
      connect(broker.endpoint(), TRICKY).disconnect().waitForCompletion(5_000);
      assertThatThrownBy(() -> connect(broker.endpoint(), "pa"))
          .as("what mosquitto_passwd -U would have stored")
          .isInstanceOf(MqttException.class);
    } finally {
      broker.stop();
    }
  }

  /** Whether the line's hash is PBKDF2-HMAC-SHA512 of this password (javax.crypto's). */
  private static boolean checks(String line, String password) throws Exception {
    String[] f = line.substring(line.indexOf(':') + 1).split("\\$");
    // "", "7", iterations, salt, hash
    byte[] salt = Base64.getDecoder().decode(f[3]);
    byte[] hash = Base64.getDecoder().decode(f[4]);
    PBEKeySpec spec =
        new PBEKeySpec(password.toCharArray(), salt, Integer.parseInt(f[2]), hash.length * 8);
    byte[] expected =
        SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
    return java.util.Arrays.equals(expected, hash);
  }

  private static MqttAsyncClient connect(String url, String password) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(url, "gw-1-client", new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setConnectionTimeout(5);
    o.setUserName("gw-1");
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    c.connect(o).waitForCompletion(10_000);
    return c;
  }
}
