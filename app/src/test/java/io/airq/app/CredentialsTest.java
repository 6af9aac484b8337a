package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's credentials file: what is written is what is read back. */
class CredentialsTest {
  @TempDir Path dir;

  @Test
  void passwordsWithAPropertiesFilesSpecialCharactersSurviveTheRoundTrip() throws Exception {
    String tricky = "C:\\new\\tab=#1! é \\u0041 x\\";
    Credentials c =
        Credentials.generate()
            .withGateway("gw-tricky", tricky)
            .withGateway("gw-space", "  leading spaces");
    Path f = c.write(dir);
    Credentials back = Credentials.read(dir).orElseThrow();
    assertThat(back.gateways())
        .containsEntry("gw-tricky", tricky)
        .containsEntry("gw-space", "  leading spaces");
    assertThat(back).isEqualTo(c);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(f);
    }
  }
}
