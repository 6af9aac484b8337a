package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The planner's command line, a client of the planner REST API. */
@Command(
    name = "airq-planner",
    mixinStandardHelpOptions = true,
    description = "Register street closures and read their impact reports and series.",
    subcommands = {PlannerCli.Closures.class, PlannerCli.Impact.class, PlannerCli.Series.class})
public final class PlannerCli {
  @Option(
      names = "--api",
      defaultValue = "http://127.0.0.1:8080",
      description = "The planner API (default: ${DEFAULT-VALUE})")
  String api;

  @Spec CommandLine.Model.CommandSpec spec;

  private final HttpClient http = HttpClient.newHttpClient();

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlannerCli()).execute(args));
  }

  /** Sends a request; prints the body to out on 2xx, else the errors to err. Returns the code. */
  int call(CommandLine.Model.CommandSpec cmd, String method, String path, String body, Printer p)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.replaceAll("/+$", "") + path));
    b.header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    PrintWriter out = cmd.commandLine().getOut();
    PrintWriter err = cmd.commandLine().getErr();
    if (r.statusCode() / 100 != 2) {
      err.println("HTTP " + r.statusCode() + ": " + r.body());
      err.flush();
      return 1;
    }
    p.print(r.body(), out);
    out.flush();
    return 0;
  }

  interface Printer {
    void print(String body, PrintWriter out) throws IOException;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Command(
      name = "closures",
      description = "Register, list and show closures.",
      subcommands = {Closures.Add.class, Closures.ListCmd.class, Closures.Show.class})
  static final class Closures {
    @ParentCommand PlannerCli root;

    @Command(name = "add", description = "Register a closure (from a JSON file or options).")
    static final class Add implements Callable<Integer> {
      @ParentCommand Closures parent;
      @Spec CommandLine.Model.CommandSpec spec;

      @Option(names = "--file", description = "A closure as JSON (docs/api.md)")
      Path file;

      @Option(names = "--id")
      String id;

      @Option(names = "--name")
      String name;

      @Option(names = "--start", description = "Local start, e.g. 2023-09-22T07:00")
      String start;

      @Option(names = "--end", description = "Local end")
      String end;

      @Option(names = "--zone", defaultValue = "UTC", description = "IANA zone")
      String zone;

      @Option(names = "--treated-sensor")
      List<String> treatedSensors = new ArrayList<>();

      @Option(names = "--treated-area")
      List<String> treatedAreas = new ArrayList<>();

      @Option(names = "--control-sensor")
      List<String> controlSensors = new ArrayList<>();

      @Option(names = "--control-area")
      List<String> controlAreas = new ArrayList<>();

      @Option(names = "--baseline", description = "ISO duration, e.g. P7D")
      String baseline;

      @Option(names = "--after", description = "ISO duration, e.g. P7D")
      String after;

      @Option(
          names = "--comparison",
          description = "A baseline period START/END in local time (repeatable)")
      List<String> comparisons = new ArrayList<>();

      @Override
      public Integer call() throws Exception {
        String body;
        if (file != null) {
          body = Files.readString(file);
        } else {
          ObjectNode o = Json.mapper().createObjectNode();
          o.put("id", id);
          if (name != null) {
            o.put("name", name);
          }
          o.put("start", start);
          o.put("end", end);
          o.put("zone", zone);
          selection(o.putObject("treated"), treatedSensors, treatedAreas);
          selection(o.putObject("control"), controlSensors, controlAreas);
          if (baseline != null) {
            o.put("baseline", baseline);
          }
          if (after != null) {
            o.put("after", after);
          }
          ArrayNode cps = o.putArray("comparisonPeriods");
          for (String c : comparisons) {
            String[] se = c.split("/", 2);
            if (se.length != 2) {
              spec.commandLine().getErr().println("--comparison must be START/END: " + c);
              return 2;
            }
            cps.addObject().put("start", se[0]).put("end", se[1]);
          }
          body = Json.writeString(o);
        }
        return parent.root.call(spec, "POST", "/api/closures", body, (b, out) -> out.println(b));
      }

      private static void selection(ObjectNode o, List<String> sensors, List<String> areas) {
        sensors.forEach(o.withArray("sensors")::add);
        areas.forEach(o.withArray("areas")::add);
      }
    }

    @Command(name = "list", description = "List closures.")
    static final class ListCmd implements Callable<Integer> {
      @ParentCommand Closures parent;
      @Spec CommandLine.Model.CommandSpec spec;

      @Override
      public Integer call() throws Exception {
        return parent.root.call(
            spec,
            "GET",
            "/api/closures",
            null,
            (b, out) -> {
              for (JsonNode c : Json.mapper().readTree(b)) {
                out.printf(
                    "%s\t%s\t%s\t%s\t%s%n",
                    c.path("id").asText(),
                    c.path("start").asText(),
                    c.path("end").asText(),
                    c.path("zone").asText(),
                    c.path("name").asText());
              }
            });
      }
    }

    @Command(name = "show", description = "Show one closure as JSON.")
    static final class Show implements Callable<Integer> {
      @ParentCommand Closures parent;
      @Spec CommandLine.Model.CommandSpec spec;

      @CommandLine.Parameters(index = "0", description = "closure id")
      String id;

      @Override
      public Integer call() throws Exception {
        return parent.root.call(
            spec, "GET", "/api/closures/" + enc(id), null, (b, out) -> out.println(b));
      }
    }
  }

  @Command(name = "impact", description = "The impact report of a closure.")
  static final class Impact implements Callable<Integer> {
    @ParentCommand PlannerCli root;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--closure", required = true)
    String closure;

    @Option(names = "--quantity", defaultValue = "pm25")
    String quantity;

    @Option(names = "--matched-hours")
    boolean matchedHours;

    @Option(names = "--format", defaultValue = "text", description = "text, json or csv")
    String format;

    @Override
    public Integer call() throws Exception {
      if (!List.of("text", "json", "csv").contains(format)) {
        spec.commandLine().getErr().println("--format must be text, json or csv");
        return 2;
      }
      String path =
          "/api/closures/"
              + enc(closure)
              + "/impact?quantity="
              + enc(quantity)
              + "&matchedHours="
              + matchedHours
              + (format.equals("csv") ? "&format=csv" : "");
      return root.call(
          spec,
          "GET",
          path,
          null,
          (b, out) -> {
            if (format.equals("text")) {
              text(Json.mapper().readTree(b), out);
            } else {
              out.print(b.endsWith("\n") ? b : b + "\n");
            }
          });
    }

    static void text(JsonNode r, PrintWriter out) {
      JsonNode report = r.get("report");
      out.println(report.path("summaryEn").asText());
      out.println(report.path("summarySw").asText());
      out.printf(
          "method %s, quantity %s, matched hours %s%n",
          report.path("methodVersion").asText(),
          report.path("quantity").asText(),
          report.path("matchedHours").asText());
      for (String g : List.of("treated", "control")) {
        JsonNode gi = report.path(g);
        if (gi.isMissingNode() || gi.isNull()) {
          continue;
        }
        for (String ph : List.of("before", "during", "after")) {
          JsonNode s = gi.path("phases").path(ph);
          out.printf(
              Locale.ROOT,
              "%-8s %-7s mean %s  coverage %.0f%%  valid hours %d/%d%n",
              g,
              ph,
              s.path("mean").isNumber()
                  ? String.format(Locale.ROOT, "%.2f", s.path("mean").asDouble())
                  : "-",
              s.path("coverage").asDouble() * 100,
              s.path("validHours").asLong(),
              s.path("expectedHours").asLong());
        }
        JsonNode c = gi.path("duringVsBefore");
        out.printf(
            Locale.ROOT,
            "%-8s change during vs before %s [%s, %s] -> %s%n",
            g,
            num(c.path("percent")),
            num(c.path("lowPercent")),
            num(c.path("highPercent")),
            gi.path("outcome").asText());
      }
      JsonNode d = report.path("differenceInDifferences");
      out.printf(
          "difference in differences %s [%s, %s] -> %s%n",
          num(d.path("percent")),
          num(d.path("lowPercent")),
          num(d.path("highPercent")),
          report.path("didOutcome").asText());
    }

    private static String num(JsonNode n) {
      return n.isNumber() ? String.format(Locale.ROOT, "%+.1f%%", n.asDouble()) : "-";
    }
  }

  @Command(name = "series", description = "Window averages of a sensor or an area.")
  static final class Series implements Callable<Integer> {
    @ParentCommand PlannerCli root;
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--sensor")
      String sensor;

      @Option(names = "--area")
      String area;
    }

    @Option(names = "--quantity", defaultValue = "pm25")
    String quantity;

    @Option(names = "--window", defaultValue = "1h")
    String window;

    @Option(names = "--from", required = true, description = "ISO-8601 instant")
    String from;

    @Option(names = "--to", required = true, description = "ISO-8601 instant")
    String to;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json")
    String format;

    @Override
    public Integer call() throws Exception {
      String key =
          target.sensor != null ? "sensor=" + enc(target.sensor) : "area=" + enc(target.area);
      String path =
          "/api/series?"
              + key
              + "&quantity="
              + enc(quantity)
              + "&window="
              + enc(window)
              + "&from="
              + enc(from)
              + "&to="
              + enc(to)
              + "&format="
              + enc(format);
      return root.call(
          spec, "GET", path, null, (b, out) -> out.print(b.endsWith("\n") ? b : b + "\n"));
    }
  }
}
