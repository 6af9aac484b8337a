package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * airq's own JSON: {@code {"sensor":"nbo-cbd-01","time":"2026-03-01T10:00:00Z","values":{...}}}, or
 * an array of such objects (an offline batch). Value keys are {@link Quantity} ids in canonical
 * units; an optional {@code channelB} object has the same form.
 */
final class AirqJsonAdapter {
  private AirqJsonAdapter() {}

  static List<Reading> read(JsonNode doc, Origin origin, SourceFormat format) throws Refusal {
    List<Reading> out = new ArrayList<>();
    if (doc.isArray()) {
      int i = 0;
      for (JsonNode item : doc) {
        out.add(readOne(item, origin, format, "[" + i++ + "]."));
      }
    } else {
      out.add(readOne(doc, origin, format, ""));
    }
    return out;
  }

  private static Reading readOne(JsonNode item, Origin origin, SourceFormat format, String at)
      throws Refusal {
    if (!item.isObject()) {
      throw new Refusal(
          RejectionCode.WRONG_TYPE, at + "reading must be an object, was " + item.getNodeType());
    }
    String sensor =
        JsonFields.optionalText(item, "sensor")
            .or(origin::sensor)
            .orElseThrow(
                () ->
                    new Refusal(
                        RejectionCode.MISSING_SENSOR,
                        at + "no sensor in the payload and none in the topic"));
    Instant time = JsonFields.optionalIsoTime(item, "time").orElse(origin.receivedAt());
    JsonNode values = item.get("values");
    if (values == null || !values.isObject()) {
      throw new Refusal(
          RejectionCode.WRONG_TYPE,
          at + "values must be an object, was " + JsonFields.describe(values));
    }
    Map<Quantity, Double> a = quantities(values, at + "values.");
    JsonNode b = item.get("channelB");
    Map<Quantity, Double> channelB = Map.of();
    if (b != null && !b.isNull()) {
      if (!b.isObject()) {
        throw new Refusal(
            RejectionCode.WRONG_TYPE, at + "channelB must be an object, was " + b.getNodeType());
      }
      channelB = quantities(b, at + "channelB.");
    }
    return new Reading(
        sensor, time, origin.receivedAt(), origin.gateway(), format, a, channelB, List.of());
  }

  private static Map<Quantity, Double> quantities(JsonNode obj, String at) throws Refusal {
    Map<Quantity, Double> out = new EnumMap<>(Quantity.class);
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Quantity q =
          Quantity.byId(e.getKey())
              .orElseThrow(
                  () ->
                      new Refusal(
                          RejectionCode.UNKNOWN_QUANTITY,
                          at + e.getKey() + " is not a quantity id (pm1, pm25, pm10, ...)"));
      out.put(q, JsonFields.number(e.getValue(), at + e.getKey()));
    }
    return out;
  }
}
