package io.airq.kit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A service's health: the same JSON shape in every service, {@code
 * {"service":"sink","status":"UP","checks":{"kafka":{"status":"UP","detail":"..."}}}}. The service
 * is up when every check is.
 *
 * @param service the service's name
 * @param up whether every check is up
 * @param checks each dependency's check, in the order given
 */
public record Health(String service, boolean up, Map<String, Check> checks) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Health {
    checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  /**
   * Evaluates the checks now. A check that throws counts as down, with the exception's type as its
   * detail (its message may hold internals).
   */
  public static Health of(String service, Map<String, Supplier<Check>> checks) {
    Map<String, Check> seen = new LinkedHashMap<>();
    checks.forEach(
        (name, check) -> {
          Check c;
          try {
            c = check.get();
          } catch (RuntimeException e) {
            c = Check.down("the check failed: " + e.getClass().getSimpleName());
          }
          seen.put(name, c == null ? Check.down("the check gave no answer") : c);
        });
    return new Health(service, seen.values().stream().allMatch(Check::up), seen);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("service", service);
    root.put("status", up ? "UP" : "DOWN");
    ObjectNode c = root.putObject("checks");
    checks.forEach(
        (name, check) ->
            c.putObject(name)
                .put("status", check.up() ? "UP" : "DOWN")
                .put("detail", check.detail()));
    return root.toString();
  }
}
