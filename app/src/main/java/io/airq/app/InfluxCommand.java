package io.airq.app;

import io.airq.kit.InfluxJwt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airq influx token --user U --shared-secret-file F [--valid 30d]}: a token for InfluxDB
 * 1.x's shared-secret authentication, for the services' {@code influx.token} (docs/security.md).
 */
@Command(
    name = "influx",
    mixinStandardHelpOptions = true,
    description = "InfluxDB credentials for the services (influx.token).",
    subcommands = {InfluxCommand.Token.class})
final class InfluxCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Print a token (a JWT signed with HS256) for InfluxDB 1.x with [http] auth-enabled = true"
            + " and shared-secret set: the services send it as Authorization: Bearer when it is"
            + " their influx.token. It carries the privileges of the InfluxDB user it names, until"
            + " it expires; a new shared secret revokes every token.",
        "Set it as influx.token (or AIRQ_INFLUX_TOKEN), without influx.user and influx.password."
      })
  static final class Token implements Callable<Integer> {
    /** The longest validity: a token is revoked only by a new shared secret, for every token. */
    static final Duration MAX_VALID = Duration.ofDays(366);

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--user",
        required = true,
        description = "An existing InfluxDB user; the token has its privileges.")
    String user;

    @Option(
        names = "--shared-secret-file",
        required = true,
        paramLabel = "FILE",
        description =
            "A file holding influxd's [http] shared-secret (INFLUXDB_HTTP_SHARED_SECRET);"
                + " surrounding whitespace is ignored.")
    Path secretFile;

    @Option(
        names = "--valid",
        defaultValue = "30d",
        paramLabel = "DURATION",
        description =
            "How long the token is valid: 90m, 12h, 30d; at most 366d (a new shared secret is"
                + " the only way to revoke a token). Default: ${DEFAULT-VALUE}.")
    String valid;

    @Override
    public Integer call() {
      var err = spec.commandLine().getErr();
      try {
        String who = user(user);
        Duration validFor = duration(valid);
        byte[] secret = secret(secretFile);
        Instant expires = Instant.now().plus(validFor);
        spec.commandLine().getOut().println(InfluxJwt.mint(who, secret, expires));
        err.println("airq influx token: valid until " + expires + " for InfluxDB user " + who);
        return 0;
      } catch (IllegalArgumentException e) {
        err.println("airq influx token: " + e.getMessage());
        return 2;
      }
    }

    /** The user, stripped; refused when empty or with a control character. */
    static String user(String given) {
      String u = given.strip();
      if (u.isEmpty() || u.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "--user must name an InfluxDB user (not empty, no control characters)");
      }
      return u;
    }

    private static byte[] secret(Path file) {
      String s;
      try {
        s = Files.readString(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read --shared-secret-file " + file + ": " + e.getClass().getSimpleName(), e);
      }
      s = s.strip();
      if (s.isEmpty()) {
        throw new IllegalArgumentException(
            "--shared-secret-file "
                + file
                + " is empty: it must hold influxd's [http] shared-secret");
      }
      byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (bytes.length < InfluxJwt.MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "the shared secret of "
                + file
                + " has "
                + bytes.length
                + " bytes: HS256 needs at least "
                + InfluxJwt.MIN_SECRET_BYTES
                + ", as a shorter one can be guessed offline from any token it signed. Set"
                + " influxd's [http] shared-secret to a longer one (openssl rand -base64 32)");
      }
      return bytes;
    }

    static Duration duration(String s) {
      var m = java.util.regex.Pattern.compile("(\\d{1,6})([mhd])").matcher(s.strip());
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new IllegalArgumentException(
            "--valid must be a positive number of minutes, hours or days (90m, 12h, 30d): " + s);
      }
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      if (d.compareTo(MAX_VALID) > 0) {
        throw new IllegalArgumentException(
            "--valid is at most "
                + MAX_VALID.toDays()
                + "d: a token cannot be revoked but by a new shared secret: "
                + s);
      }
      return d;
    }
  }
}
