package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.Reading;
import io.airq.core.reading.SourceFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * AirGradient's local {@code /measures/current}: pm01, pm02, pm10 (raw; airq's streams job applies
 * its own PM correction), atmp/rhum (the {@code Compensated} variants when present: they remove the
 * enclosure's self-heating), rco2, serialno. The firmware sends no timestamp, so the receive time
 * is used; a gateway that buffers documents (and the simulator) may add an ISO-8601 {@code
 * timestamp} field, as in the Sensor.Community body, which then is the measurement time. A missing
 * or null field is a sensor the device does not have.
 */
final class AirGradientAdapter {
  private AirGradientAdapter() {}

  static List<Reading> read(JsonNode doc, Origin origin, SourceFormat format) throws Refusal {
    if (!doc.isObject()) {
      throw new Refusal(RejectionCode.WRONG_TYPE, "an AirGradient document is an object");
    }
    String sensor =
        origin.sensor().isPresent()
            ? origin.sensor().get()
            : JsonFields.optionalText(doc, "serialno")
                .map(s -> "airgradient-" + s)
                .orElseThrow(
                    () ->
                        new Refusal(
                            RejectionCode.MISSING_SENSOR,
                            "no sensor in the topic and no serialno in the document"));
    Map<Quantity, Double> values = new EnumMap<>(Quantity.class);
    put(values, Quantity.PM1, doc, "pm01");
    put(values, Quantity.PM25, doc, "pm02");
    put(values, Quantity.PM10, doc, "pm10");
    put(values, Quantity.TEMPERATURE, doc, "atmpCompensated", "atmp");
    put(values, Quantity.HUMIDITY, doc, "rhumCompensated", "rhum");
    put(values, Quantity.CO2, doc, "rco2");
    java.time.Instant time =
        JsonFields.optionalIsoTime(doc, "timestamp").orElse(origin.receivedAt());
    return List.of(
        new Reading(
            sensor,
            time,
            origin.receivedAt(),
            origin.gateway(),
            format,
            values,
            Map.of(),
            List.of()));
  }

  private static void put(Map<Quantity, Double> values, Quantity q, JsonNode doc, String... fields)
      throws Refusal {
    for (String f : fields) {
      JsonNode n = doc.get(f);
      if (n != null && !n.isNull()) {
        values.put(q, JsonFields.number(n, f));
        return;
      }
    }
  }
}
