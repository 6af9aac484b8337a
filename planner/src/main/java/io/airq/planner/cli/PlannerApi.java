package io.airq.planner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --api} option of every planner command, and the one way they call the API: a mixin, so
 * each command carries the option ({@code airq closures list --api URL}) and a launcher can give it
 * another default with a picocli default-value provider.
 */
public final class PlannerApi {
  /** The option's name, for default-value providers. */
  public static final String OPTION = "--api";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Option(
      names = OPTION,
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8080",
      description = "The planner API (default: ${DEFAULT-VALUE}).")
  String url;

  /** Prints a successful answer's body. */
  interface Printer {
    void print(String body, PrintWriter out) throws IOException;
  }

  /**
   * Sends a request; prints the body with {@code printer} on 2xx, else the status and body to the
   * command's error stream.
   *
   * @return the exit code: 0 on success, 1 when the API answered an error
   */
  int call(
      CommandLine.Model.CommandSpec cmd, String method, String path, String body, Printer printer)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path));
    b.header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r;
    try {
      r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException e) {
      cmd.commandLine()
          .getErr()
          .println("cannot reach the planner at " + url + " (is it running? ./airq up starts it)");
      cmd.commandLine().getErr().flush();
      return 1;
    }
    PrintWriter out = cmd.commandLine().getOut();
    PrintWriter err = cmd.commandLine().getErr();
    if (r.statusCode() / 100 != 2) {
      err.println("HTTP " + r.statusCode() + ": " + r.body());
      err.flush();
      return 1;
    }
    printer.print(r.body(), out);
    out.flush();
    return 0;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
