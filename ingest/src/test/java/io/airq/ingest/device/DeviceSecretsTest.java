package io.airq.ingest.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSecretsTest {
  @TempDir Path dir;

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDeviceProvesTheSecretIssuedToItAndNoOtherSecretOrUser() throws IOException {
    Path file = dir.resolve("devices.txt");
    String a = DeviceSecrets.issue(file, "esp8266-1");
    String b = DeviceSecrets.issue(file, "esp8266-2");
    DeviceSecrets s = DeviceSecrets.load(file);

    assertThat(s.size()).isEqualTo(2);
    assertThat(s.check(Optional.of("esp8266-1"), basic("esp8266-1", a))).isEmpty();
    assertThat(s.check(Optional.of("esp8266-2"), basic("esp8266-2", b))).isEmpty();
    assertThat(s.check(Optional.of("esp8266-1"), basic("esp8266-1", b)))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
    assertThat(s.check(Optional.of("esp8266-2"), basic("esp8266-1", a)))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(403));
    assertThat(s.check(Optional.of("esp8266-1"), null))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
    assertThat(s.check(Optional.of("esp8266-1"), "Basic !!!"))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
    assertThat(s.check(Optional.empty(), basic("esp8266-1", a)))
        .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
  }

  @Test
  void theFileHoldsOnlyHashesAndAReissueReplacesTheOldSecret() throws IOException {
    Path file = dir.resolve("devices.txt");
    String first = DeviceSecrets.issue(file, "esp8266-1");
    String second = DeviceSecrets.issue(file, "esp8266-1");
    assertThat(Files.readString(file)).doesNotContain(first).doesNotContain(second);
    DeviceSecrets s = DeviceSecrets.load(file);
    assertThat(s.size()).isEqualTo(1);
    assertThat(s.check(Optional.of("esp8266-1"), basic("esp8266-1", first))).isPresent();
    assertThat(s.check(Optional.of("esp8266-1"), basic("esp8266-1", second))).isEmpty();
    assertThat(DeviceSecrets.revoke(file, "esp8266-1")).isTrue();
    assertThat(DeviceSecrets.revoke(file, "esp8266-1")).isFalse();
    assertThat(DeviceSecrets.read(file)).isEmpty();
  }

  @Test
  void aMissingFileOrABadLineIsAnErrorNotAnOpenDoor() throws IOException {
    assertThatThrownBy(() -> DeviceSecrets.load(dir.resolve("typo.txt")))
        .hasMessageContaining("no such file");
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "# comment\nesp8266-1 sha256:abc\n");
    assertThatThrownBy(() -> DeviceSecrets.read(bad)).hasMessageContaining("line 2");
    assertThatThrownBy(() -> DeviceSecrets.issue(bad, "esp8266-2")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> DeviceSecrets.issue(dir.resolve("ok.txt"), "has space"))
        .hasMessageContaining("without spaces");
  }
}
