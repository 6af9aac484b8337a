package io.airq.planner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensors add}: registers a sensor from a JSON file or from options. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = "Register a sensor (from a Sensor JSON file of docs/schema.md, or options).")
final class AddSensorCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--file", paramLabel = "FILE", description = "A sensor as JSON (docs/schema.md).")
  Path file;

  @Option(names = "--id", description = "The sensor id (the id its readings carry).")
  String id;

  @Option(names = "--lat", description = "Latitude, WGS84 degrees.")
  Double lat;

  @Option(names = "--lon", description = "Longitude, WGS84 degrees.")
  Double lon;

  @Option(names = "--area", description = "Its neighbourhood, for area means.")
  String area;

  @Option(names = "--street", description = "The street it faces.")
  String street;

  @Option(names = "--county", description = "Its county.")
  String county;

  @Option(names = "--indoor", description = "An indoor sensor (kept out of area means).")
  boolean indoor;

  @Option(names = "--host-type", description = "public (default) or resident.")
  String hostType;

  @Option(names = "--reporting-interval", description = "ISO duration, e.g. PT2M (default PT1M).")
  String reportingInterval;

  @Option(names = "--model", description = "The sensor model, e.g. PMS5003 or SDS011.")
  String model;

  @Option(names = "--kind", description = "air (default) or weather.")
  String kind;

  @Option(names = "--installed", description = "ISO instant or date (default: now).")
  String installed;

  @Option(names = "--licence", description = "Licence of its data, e.g. ODbL-1.0.")
  String licence;

  @Option(names = "--attribution", description = "Whom to credit for its data.")
  String attribution;

  @Option(
      names = "--zone",
      description =
          "IANA time zone of its local calendar day, e.g. Africa/Nairobi (default: the streams"
              + " job's day.zone).")
  String zone;

  @Option(names = "--gateway", description = "The only gateway allowed to publish it.")
  String gateway;

  @Override
  public Integer call() throws Exception {
    String body;
    if (file != null) {
      body = Files.readString(file);
    } else {
      ObjectNode o = Json.mapper().createObjectNode();
      o.put("id", id);
      if (lat != null) {
        o.put("lat", lat);
      }
      if (lon != null) {
        o.put("lon", lon);
      }
      o.put("indoor", indoor);
      put(o, "area", area);
      put(o, "street", street);
      put(o, "county", county);
      put(o, "hostType", hostType);
      put(o, "reportingInterval", reportingInterval);
      put(o, "model", model);
      put(o, "kind", kind);
      put(o, "installed", installed);
      put(o, "licence", licence);
      put(o, "attribution", attribution);
      put(o, "gatewayId", gateway);
      put(o, "zone", zone);
      body = Json.writeString(o);
    }
    return api.call(spec, "POST", "/api/sensors", body, (b, out) -> out.println(b));
  }

  private static void put(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }
}
