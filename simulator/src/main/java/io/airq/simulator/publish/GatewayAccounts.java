package io.airq.simulator.publish;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The simulator's per-gateway MQTT accounts: a properties file of {@code gateway-id=password}
 * lines, or the local stack's {@code .airq/credentials.properties}, whose {@code
 * mqtt.gateway.<gateway-id>=password} lines are then the accounts (its other keys are ignored).
 * With it the simulator logs in as each gateway, as a real gateway does, so the broker's ACL
 * ({@code pattern write airq/v1/%u/#}) is what lets each message through (docs/simulator.md).
 */
public final class GatewayAccounts {
  /** The key prefix of a gateway account in the local stack's credentials file. */
  public static final String STACK_PREFIX = "mqtt.gateway.";

  private GatewayAccounts() {}

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException when the file cannot be read, is empty, or holds a gateway id
   *     that cannot be a topic segment or an empty password
   */
  public static Map<String, String> read(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the gateway accounts " + file + ": " + e, e);
    }
    boolean stack = p.stringPropertyNames().stream().anyMatch(k -> k.startsWith(STACK_PREFIX));
    Map<String, String> accounts = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (stack && !key.startsWith(STACK_PREFIX)) {
        continue;
      }
      String id = stack ? key.substring(STACK_PREFIX.length()) : key;
      String password = p.getProperty(key).strip();
      if (id.isBlank() || id.contains("/") || id.contains("+") || id.contains("#")) {
        throw new IllegalArgumentException(
            file + ": gateway id '" + id + "' cannot be a topic segment (no /, + or #)");
      }
      if (password.isEmpty()) {
        throw new IllegalArgumentException(file + ": gateway " + id + " has no password");
      }
      accounts.put(id, password);
    }
    if (accounts.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no gateway-id=password line");
    }
    return accounts;
  }
}
