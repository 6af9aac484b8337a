package io.airq.planner.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Values to JSON trees with the core mapper; NaN and infinities become null (valid JSON). */
final class JsonOut {
  private JsonOut() {}

  static JsonNode tree(Object value) {
    return clean(Json.mapper().valueToTree(value));
  }

  private static JsonNode clean(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      o.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> e : fields) {
        o.set(e.getKey(), clean(e.getValue()));
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, clean(a.get(i)));
      }
      return a;
    }
    if (n.isNumber() && (n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue())) {
      return NullNode.getInstance();
    }
    return n;
  }
}
