package io.airq.ingest.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The per-device secrets of HTTP push ({@code http.device-secrets}): a text file with one line per
 * device, {@code <sensor id> sha256:<hex>}, holding only the SHA-256 of each secret. A push of
 * sensor S ({@code X-Sensor: S}) must carry {@code Authorization: Basic base64(S:secret)}, which is
 * what the Sensor.Community (airrohr) firmware sends from its custom API's user and password.
 *
 * <p>The bridge re-reads the file when its modification time changes (checked at most once a
 * second), so adding or revoking a device needs no restart. {@code airq devices} writes it.
 */
public final class DeviceSecrets {
  private static final HexFormat HEX = HexFormat.of();
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private final Path file;
  private volatile Map<String, byte[]> hashes = Map.of();
  private volatile FileTime loadedAt;
  private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

  private DeviceSecrets(Path file) {
    this.file = file;
  }

  /** The secrets of {@code file}, read now; a missing file is an error (a typo must not open). */
  public static DeviceSecrets load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "http.device-secrets: no such file " + file + " (create it with `airq devices add`)");
    }
    DeviceSecrets s = new DeviceSecrets(file);
    s.reload();
    return s;
  }

  /** Why a push is refused: 401 (no or unreadable credentials) or 403 (wrong ones). */
  public record Refusal(int status, String code, String reason) {}

  /**
   * Checks a push's credentials for the sensor it names.
   *
   * @param sensor the {@code X-Sensor} value, if any
   * @param authorization the {@code Authorization} header, if any
   * @return empty when the device proved it holds its secret
   */
  public Optional<Refusal> check(Optional<String> sensor, String authorization) {
    refreshIfChanged();
    if (sensor.isEmpty()) {
      return Optional.of(new Refusal(401, "device-auth", "no X-Sensor header"));
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.of(
          new Refusal(401, "device-auth", "no Basic credentials for " + sensor.get()));
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of(new Refusal(401, "device-auth", "Basic credentials are not base64"));
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.of(new Refusal(401, "device-auth", "Basic credentials have no password"));
    }
    String user = decoded.substring(0, colon);
    if (!user.equals(sensor.get())) {
      return Optional.of(
          new Refusal(
              403, "device-auth", "user " + user + " may not push as sensor " + sensor.get()));
    }
    byte[] expected = hashes.get(user);
    byte[] given = sha256(decoded.substring(colon + 1));
    if (expected == null || !MessageDigest.isEqual(expected, given)) {
      return Optional.of(
          new Refusal(403, "device-auth", "wrong secret or unknown device " + sensor.get()));
    }
    return Optional.empty();
  }

  /** How many devices have a secret. */
  public int size() {
    return hashes.size();
  }

  private void refreshIfChanged() {
    long now = System.nanoTime();
    if (now - checkedAt < RECHECK_NANOS) {
      return;
    }
    checkedAt = now;
    try {
      if (!Files.getLastModifiedTime(file).equals(loadedAt)) {
        reload();
      }
    } catch (IOException | RuntimeException e) {
      // keep the secrets read last: a file being replaced must not open or close every device
    }
  }

  private synchronized void reload() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      Map<String, byte[]> next = new TreeMap<>();
      read(file).forEach((id, hex) -> next.put(id, HEX.parseHex(hex)));
      hashes = Map.copyOf(next);
      loadedAt = modified;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read device secrets " + file, e);
    }
  }

  /** Device id to hex SHA-256, as the file holds them; an absent file holds none. */
  public static Map<String, String> read(Path file) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return out;
    }
    int n = 0;
    for (String line : lines) {
      n++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      String[] parts = t.split("\\s+");
      if (parts.length != 2
          || !parts[1].startsWith("sha256:")
          || !parts[1].substring(7).matches("[0-9a-f]{64}")) {
        throw new IOException(
            file + " line " + n + ": expected `<sensor id> sha256:<64 hex digits>`");
      }
      out.put(parts[0], parts[1].substring(7));
    }
    return out;
  }

  /**
   * Gives {@code device} a new random secret (replacing any old one), writes the file atomically
   * and returns the secret, which is not kept anywhere.
   */
  public static String issue(Path file, String device) throws IOException {
    validId(device);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Map<String, String> all = read(file);
    all.put(device, HEX.formatHex(sha256(secret)));
    write(file, all);
    return secret;
  }

  /** Removes {@code device}'s secret; returns whether it had one. */
  public static boolean revoke(Path file, String device) throws IOException {
    Map<String, String> all = read(file);
    if (all.remove(device) == null) {
      return false;
    }
    write(file, all);
    return true;
  }

  private static void validId(String device) {
    if (device == null || device.isBlank() || !device.matches("[^\\s:]+")) {
      throw new IllegalArgumentException(
          "device id must be non-empty, without spaces or ':' (got '" + device + "')");
    }
  }

  private static void write(Path file, Map<String, String> all) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# airq HTTP push device secrets: <sensor id> sha256:<hex>; written by `airq devices`");
    all.forEach((id, hex) -> lines.add(id + " sha256:" + hex));
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".device-secrets", ".tmp");
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
