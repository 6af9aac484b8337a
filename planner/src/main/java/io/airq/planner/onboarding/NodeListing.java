package io.airq.planner.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A sensors.AFRICA / Sensor.Community node listing ({@code /v1/node/}: an object with {@code
 * results}, or a bare array of nodes) as registry entries, one per node:
 *
 * <ul>
 *   <li>id: the node's {@code uid} (e.g. {@code esp8266-11639153}, the id its pushes carry);
 *   <li>lat, lon: {@code location.latitude}, {@code location.longitude};
 *   <li>indoor: {@code location.indoor}; area: {@code location.city}; street: {@code
 *       location.location} (the site's name);
 *   <li>model: the name of its particulate sensor type (SDS011, PMS5003, …), kind {@code air};
 *       without one, the first sensor type's name and kind {@code weather}.
 * </ul>
 *
 * Registry fields the listing does not carry (reporting interval, licence, attribution) come from
 * the importer's options.
 */
public final class NodeListing {
  /** Sensor type names (lower case, prefix) that measure particulate matter. */
  private static final Set<String> PARTICULATE =
      Set.of("sds", "pms", "hpm", "sps30", "nextpm", "ips-7100");

  private NodeListing() {}

  public static Parsed parse(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return new Parsed(List.of(), List.of("not JSON: " + e.getOriginalMessage()));
    }
    JsonNode nodes = root != null && root.isObject() ? root.get("results") : root;
    if (nodes == null || !nodes.isArray()) {
      return new Parsed(
          List.of(),
          List.of("not a node listing: expected an array of nodes or {\"results\": [...]}"));
    }
    List<ObjectNode> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode n = nodes.get(i);
      String uid = n.path("uid").asText("");
      String where = "node " + (i + 1) + (uid.isEmpty() ? "" : " (" + uid + ")") + ": ";
      if (uid.isEmpty()) {
        errors.add(where + "no uid");
        continue;
      }
      JsonNode loc = n.path("location");
      ObjectNode o = Json.mapper().createObjectNode().put("id", uid);
      int before = errors.size();
      coordinate(loc, "latitude", "lat", o, errors, where);
      coordinate(loc, "longitude", "lon", o, errors, where);
      if (errors.size() > before) {
        continue;
      }
      o.put("indoor", loc.path("indoor").asBoolean(false));
      putText(o, "area", loc.path("city"));
      putText(o, "street", loc.path("location"));
      String particulate = null;
      String first = null;
      for (JsonNode s : n.path("sensors")) {
        String type = s.path("sensor_type").path("name").asText("");
        if (type.isEmpty()) {
          continue;
        }
        first = first == null ? type : first;
        String lower = type.toLowerCase(Locale.ROOT);
        if (particulate == null && PARTICULATE.stream().anyMatch(lower::startsWith)) {
          particulate = type;
        }
      }
      if (particulate != null) {
        o.put("model", particulate).put("kind", "air");
      } else if (first != null) {
        o.put("model", first).put("kind", "weather");
      } else {
        errors.add(where + "no sensors with a sensor_type");
        continue;
      }
      out.add(o);
    }
    return new Parsed(out, errors);
  }

  private static void coordinate(
      JsonNode loc, String from, String to, ObjectNode o, List<String> errors, String where) {
    String v = loc.path(from).asText("");
    try {
      o.put(to, Double.parseDouble(v));
    } catch (NumberFormatException e) {
      errors.add(where + "location." + from + " is not a number: '" + v + "'");
    }
  }

  private static void putText(ObjectNode o, String name, JsonNode v) {
    if (v.isTextual() && !v.asText().isBlank()) {
      o.put(name, v.asText().strip());
    }
  }
}
