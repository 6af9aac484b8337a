package io.airq.planner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code closures withdraw ID}: marks a closure withdrawn; its reports then say so. */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description = "Withdraw a closure: it stays listed, marked withdrawn, and its reports say so.")
final class WithdrawClosureCommand implements Callable<Integer> {
  @Mixin PlannerApi api;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The closure id.")
  String id;

  @Override
  public Integer call() throws Exception {
    return api.call(
        spec,
        "DELETE",
        "/api/closures/" + PlannerApi.enc(id),
        null,
        (b, out) -> out.println("closure " + id + " withdrawn"));
  }
}
