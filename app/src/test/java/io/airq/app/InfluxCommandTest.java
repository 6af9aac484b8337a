package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airq influx token}; that influxd takes its tokens is SecuredServersEndToEndIT's part. */
class InfluxCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run airq(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        AirqMain.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void printsATokenOfTheUserValidForTheAskedTime() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "  s3cret\n");
    long before = Instant.now().getEpochSecond();
    Run r =
        airq(
            "influx",
            "token",
            "--user",
            "airq",
            "--shared-secret-file",
            secret.toString(),
            "--valid",
            "12h");
    assertThat(r.code).as(r.err).isZero();
    String[] parts = r.out.strip().split("\\.");
    assertThat(parts).hasSize(3);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    assertThat(claims).startsWith("{\"username\":\"airq\",\"exp\":");
    long exp = Long.parseLong(claims.replaceAll(".*\"exp\":(\\d+).*", "$1"));
    assertThat(exp - before)
        .isBetween(Duration.ofHours(12).toSeconds(), Duration.ofHours(12).toSeconds() + 60);
    assertThat(r.err).contains("valid until");
  }

  @Test
  void refusesAMissingOrEmptySecretFileAndABadValidity() throws Exception {
    Run missing = airq("influx", "token", "--user", "airq", "--shared-secret-file", dir + "/none");
    assertThat(missing.code).isEqualTo(2);
    assertThat(missing.out).isEmpty();
    assertThat(missing.err).contains("cannot read --shared-secret-file").contains("none");
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    Run blank = airq("influx", "token", "--user", "airq", "--shared-secret-file", empty.toString());
    assertThat(blank.code).isEqualTo(2);
    assertThat(blank.out).isEmpty();
    assertThat(blank.err).contains("is empty: it must hold influxd's [http] shared-secret");
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
    Run bad =
        airq(
            "influx",
            "token",
            "--user",
            "airq",
            "--shared-secret-file",
            secret.toString(),
            "--valid",
            "forever");
    assertThat(bad.code).isEqualTo(2);
    assertThat(bad.err).contains("--valid must be a positive number");
  }
}
