package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.access.AccessToken;
import io.airq.core.json.Json;
import io.airq.core.topic.Topics;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.CompactedTable;
import io.airq.kit.KafkaClients;
import io.airq.planner.auth.TokenSecret;
import io.airq.planner.cli.PlannerCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Authorisation of the planner against real Kafka and InfluxDB, as a city's staff would meet it:
 * public reads, 401 without a token, 403 with too small a role, tokens created, listed and revoked
 * with {@code airq tokens}, a closure registered, changed and withdrawn by an editor, and every
 * write in the audit log.
 */
@RealServers
class PlannerAccessIT {
  private static final String BOOTSTRAP = "bootstrap-admin-for-this-test";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void writesNeedATokenWithTheRightRoleAndEveryWriteIsAudited(Servers servers) throws Exception {
    String prefix = servers.newPrefix("access");
    String db = servers.newDatabase("access");
    MoiAvenueFixture.publishSensors(servers.kafkaBootstrap(), prefix);
    MoiAvenueFixture.writeHourlyAverages(servers.influxUrl(), db);
    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(BOOTSTRAP))) {
      String base = "http://127.0.0.1:" + planner.port();
      awaitSensors(base, 4);
      String closures = base + "/api/closures";

      // reads are public; a write without a token, or with one nobody issued, gets 401
      assertThat(send("GET", closures, null, null).statusCode()).isEqualTo(200);
      HttpResponse<String> none = send("POST", closures, MoiAvenueFixture.CLOSURE_JSON, null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"airq\"");
      assertThat(none.body()).contains("needs a token with role editor");
      HttpResponse<String> forged =
          send("POST", closures, MoiAvenueFixture.CLOSURE_JSON, "airq_0000_forged");
      assertThat(forged.statusCode()).isEqualTo(401);
      assertThat(forged.body()).contains("unknown or revoked");
      assertThat(send("GET", base + "/api/audit", null, null).statusCode()).isEqualTo(401);

      // the bootstrap admin creates an editor's token with the CLI; it is printed once
      Cli created = cli("tokens", "create", "--role", "editor", "--name", "Ward 7 planner");
      assertThat(created.code).as(created.err).isZero();
      String editor = created.out.strip();
      assertThat(editor).startsWith("airq_");
      assertThat(created.err).contains("shown only this once");
      String editorId = TokenSecret.id(editor).orElseThrow();

      // the editor may not touch sensors or tokens, nor read the audit log: 403
      HttpResponse<String> sensorWrite = send("POST", base + "/api/sensors", "{}", editor);
      assertThat(sensorWrite.statusCode()).isEqualTo(403);
      assertThat(sensorWrite.body()).contains("has role editor; this needs admin");
      assertThat(
              send("POST", base + "/api/tokens", "{\"name\":\"x\",\"role\":\"admin\"}", editor)
                  .statusCode())
          .isEqualTo(403);
      assertThat(send("GET", base + "/api/audit", null, editor).statusCode()).isEqualTo(403);

      // ... but registers a closure (201), through the API and with the CLI
      assertThat(send("POST", closures, MoiAvenueFixture.CLOSURE_JSON, editor).statusCode())
          .isEqualTo(201);
      Cli added =
          cli(
              "closures",
              "add",
              "--token",
              editor,
              "--id",
              "ward7-market",
              "--start",
              "2024-01-04T08:00",
              "--end",
              "2024-01-04T18:00",
              "--zone",
              "Africa/Nairobi",
              "--treated-sensor",
              "t1");
      assertThat(added.code).as(added.err).isZero();
      Cli refused = cliAs(null, "closures", "withdraw", "ward7-market");
      assertThat(refused.code).isEqualTo(1);
      assertThat(refused.err).contains("HTTP 401").contains("--token");

      // withdrawn with the CLI: still listed and readable, and the report says so
      Cli withdrawn = cliAs(editor, "closures", "withdraw", MoiAvenueFixture.CLOSURE_ID);
      assertThat(withdrawn.code).as(withdrawn.err).isZero();
      String id = MoiAvenueFixture.CLOSURE_ID;
      JsonNode shown = json(send("GET", closures + "/" + id, null, null));
      assertThat(shown.path("withdrawnAt").asText()).isNotEmpty();
      JsonNode report = json(send("GET", closures + "/" + id + "/impact", null, null));
      assertThat(report.path("status").asText()).isEqualTo("withdrawn");
      assertThat(report.at("/report/treated/phases/before/mean").isNumber()).isTrue();
      assertThat(send("GET", closures + "/" + id + "/impact?format=csv", null, null).body())
          .startsWith("# status: withdrawn at ");
      Cli text = cli("impact", "--closure", id);
      assertThat(text.out).startsWith("WITHDRAWN at ");
      assertThat(json(send("GET", closures + "/ward7-market/impact", null, null)).path("status"))
          .hasToString("\"in force\"");

      // the admin lists the tokens (never a hash), and reads the audit log: who, what, when
      Cli listed = cli("tokens", "list");
      assertThat(listed.out).contains(editorId + "\teditor\tvalid\t").contains("Ward 7 planner");
      JsonNode tokens = json(send("GET", base + "/api/tokens", null, BOOTSTRAP));
      assertThat(tokens.get(0).has("sha256")).isFalse();
      JsonNode audit = json(send("GET", base + "/api/audit", null, BOOTSTRAP));
      List<String> writes = new ArrayList<>();
      audit.forEach(e -> writes.add(e.path("method").asText() + " " + e.path("path").asText()));
      assertThat(writes)
          .containsExactly(
              "POST /api/tokens",
              "POST /api/closures",
              "POST /api/closures",
              "DELETE /api/closures/" + id);
      assertThat(audit.get(0).path("actor").asText()).isEqualTo("bootstrap admin");
      assertThat(audit.get(0).toString()).doesNotContain(editor);
      assertThat(audit.get(0).at("/after/role").asText()).isEqualTo("editor");
      JsonNode registered = audit.get(1);
      assertThat(registered.path("actor").asText()).isEqualTo("Ward 7 planner");
      assertThat(registered.path("tokenId").asText()).isEqualTo(editorId);
      assertThat(registered.path("role").asText()).isEqualTo("editor");
      assertThat(registered.path("status").asInt()).isEqualTo(201);
      assertThat(registered.at("/request/id").asText()).isEqualTo(id);
      assertThat(registered.at("/after/id").asText()).isEqualTo(id);
      assertThat(registered.path("at").asText()).isNotEmpty();
      JsonNode withdrawal = audit.get(3);
      assertThat(withdrawal.at("/before/withdrawnAt").isMissingNode()).isTrue();
      assertThat(withdrawal.at("/after/withdrawnAt").asText()).isNotEmpty();
      assertThat(cli("audit").out).contains("Ward 7 planner (editor)\tDELETE /api/closures/" + id);

      // the token is stored hashed: the tokens topic holds its SHA-256, never the token
      try (CompactedTable<AccessToken> stored =
          CompactedTable.start(
              KafkaClients.properties(servers.kafkaBootstrap(), Map.of()),
              Topics.TOKENS.prefixed(prefix))) {
        assertThat(stored.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        AccessToken t = stored.get(editorId).orElseThrow();
        assertThat(t.sha256()).isEqualTo(TokenSecret.sha256(editor));
        assertThat(new String(Json.write(t), java.nio.charset.StandardCharsets.UTF_8))
            .doesNotContain(editor.substring(18));
      }

      // revoked: the token stops working at once, and the list says so
      Cli revoked = cli("tokens", "revoke", editorId);
      assertThat(revoked.code).as(revoked.err).isZero();
      HttpResponse<String> after =
          send("PUT", closures + "/ward7-market", MoiAvenueFixture.CLOSURE_JSON, editor);
      assertThat(after.statusCode()).isEqualTo(401);
      assertThat(cli("tokens", "list").out).contains(editorId + "\teditor\trevoked ");
      assertThat(
              json(send("GET", base + "/api/audit?limit=1", null, BOOTSTRAP)).get(0).path("path"))
          .hasToString("\"/api/tokens/" + editorId + "\"");
    }
  }

  private record Cli(int code, String out, String err) {}

  private Cli cli(String... args) {
    return cliAs(BOOTSTRAP, args);
  }

  /** The planner CLI as a user runs it, with this token (null: none) on the command line. */
  private Cli cliAs(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--api", base));
    if (token != null && !all.contains("--token")) {
      all.addAll(List.of("--token", token));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new PlannerCli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all.toArray(String[]::new));
    return new Cli(code, out.toString(), err.toString());
  }

  private String base;

  private void awaitSensors(String url, int n) throws Exception {
    base = url;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (json(send("GET", url + "/api/sensors", null, null)).size() >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the planner did not see " + n + " sensors");
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private HttpResponse<String> send(String method, String url, String body, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
