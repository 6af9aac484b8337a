package io.airq.planner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tokens create|list|revoke}: the planner's API tokens (needs an admin token). */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke planner API tokens (needs an admin token).",
    subcommands = {
      TokensCommand.Create.class,
      TokensCommand.ListTokens.class,
      TokensCommand.Revoke.class
    })
public final class TokensCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("tokens needs a subcommand: create, list or revoke");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a token; prints it once (only its hash is kept).")
  static final class Create implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--role", required = true, description = "editor or admin.")
    String role;

    @Option(names = "--name", required = true, description = "Who or what holds the token.")
    String name;

    @Override
    public Integer call() throws Exception {
      String body =
          Json.writeString(Json.mapper().createObjectNode().put("name", name).put("role", role));
      return api.call(
          spec,
          "POST",
          "/api/tokens",
          body,
          (b, out) -> {
            JsonNode t = Json.mapper().readTree(b);
            out.println(t.path("token").asText());
            spec.commandLine()
                .getErr()
                .printf(
                    "token %s (%s, role %s) created: it is shown only this once%n",
                    t.path("id").asText(), t.path("name").asText(), t.path("role").asText());
            spec.commandLine().getErr().flush();
          });
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens.")
  static final class ListTokens implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return api.call(
          spec,
          "GET",
          "/api/tokens",
          null,
          (b, out) -> {
            for (JsonNode t : Json.mapper().readTree(b)) {
              out.printf(
                  "%s\t%s\t%s\t%s\t%s%n",
                  t.path("id").asText(),
                  t.path("role").asText(),
                  t.path("revoked").asBoolean()
                      ? "revoked " + t.path("revokedAt").asText()
                      : "valid",
                  t.path("created").asText(),
                  t.path("name").asText());
            }
          });
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token: it stops working at once.")
  static final class Revoke implements Callable<Integer> {
    @Mixin PlannerApi api;
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The token's id (airq tokens list).")
    String id;

    @Override
    public Integer call() throws Exception {
      return api.call(
          spec,
          "DELETE",
          "/api/tokens/" + PlannerApi.enc(id),
          null,
          (b, out) -> out.println("token " + id + " revoked"));
    }
  }
}
