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
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airq influx token}; that influxd takes its tokens is SecuredServersEndToEndIT's part. */
class InfluxCommandTest {
  private static final String SECRET = "a-shared-secret-of-more-than-32-bytes";

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
    Path secret = Files.writeString(dir.resolve("secret"), "  " + SECRET + "\n");
    long before = Instant.now().getEpochSecond();
    Run r =
        airq(
            "influx",
            "token",
            "--user",
            " airq ",
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
    assertThat(r.err).contains("valid until").contains("for InfluxDB user airq\n");
    // signed with the secret as influxd reads it: without the file's surrounding whitespace
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
  }

  @Test
  void refusesAShortSecretALongValidityAndABadUserSayingWhy() throws Exception {
    Path shortSecret = Files.writeString(dir.resolve("short"), "s3cret\n");
    Run weak =
        airq("influx", "token", "--user", "airq", "--shared-secret-file", shortSecret.toString());
    assertThat(weak.code).isEqualTo(2);
    assertThat(weak.out).isEmpty();
    assertThat(weak.err)
        .contains("has 6 bytes: HS256 needs at least 32")
        .contains("guessed offline")
        .doesNotContain("s3cret");
    Path secret = Files.writeString(dir.resolve("secret"), SECRET);
    Run year =
        airq(
            "influx",
            "token",
            "--user",
            "airq",
            "--shared-secret-file",
            "" + secret,
            "--valid",
            "366d");
    assertThat(year.code).as(year.err).isZero();
    Run tooLong =
        airq(
            "influx",
            "token",
            "--user",
            "airq",
            "--shared-secret-file",
            "" + secret,
            "--valid",
            "367d");
    assertThat(tooLong.code).isEqualTo(2);
    assertThat(tooLong.err).contains("--valid is at most 366d");
    Run hours =
        airq(
            "influx",
            "token",
            "--user",
            "airq",
            "--shared-secret-file",
            "" + secret,
            "--valid",
            "8785h");
    assertThat(hours.code).isEqualTo(2);
    for (String user : List.of(" ", "air\u0000q", "air\nq")) {
      Run bad = airq("influx", "token", "--user", user, "--shared-secret-file", "" + secret);
      assertThat(bad.code).as("--user '%s'", user).isEqualTo(2);
      assertThat(bad.err).contains("--user must name an InfluxDB user");
      assertThat(bad.out).isEmpty();
    }
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
    Path secret = Files.writeString(dir.resolve("secret"), SECRET);
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
