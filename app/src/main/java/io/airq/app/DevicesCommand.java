package io.airq.app;

import io.airq.ingest.device.DeviceSecrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airq devices add|revoke|list --file F}: the per-device secrets of HTTP push, the file the
 * bridge reads as {@code http.device-secrets} (re-read when it changes: no restart).
 */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description =
        "Manage the secrets devices prove on HTTP push (the file of http.device-secrets).",
    subcommands = {
      DevicesCommand.Add.class,
      DevicesCommand.Revoke.class,
      DevicesCommand.ListDevices.class
    })
final class DevicesCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The secrets file option of every subcommand. */
  static final class SecretsFile {
    @Option(
        names = "--file",
        required = true,
        description = "The device secrets file (the bridge's http.device-secrets).")
    Path file;
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Give a device a new random push secret (replacing its old one) and print it once. Set"
              + " it in the firmware: Sensor.Community custom API user = the sensor id, password ="
              + " the secret.")
  static final class Add implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin SecretsFile file;

    @Parameters(paramLabel = "SENSOR", description = "The device's sensor id, as in X-Sensor.")
    String sensor;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try {
        String secret = DeviceSecrets.issue(file.file, sensor);
        out.println("sensor:  " + sensor);
        out.println("secret:  " + secret);
        out.println(
            "Firmware (custom API): user = "
                + sensor
                + ", password = the secret. It is not stored;"
                + " run `airq devices add` again to replace a lost one.");
        return 0;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("airq devices add: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Remove a device's push secret: its pushes are refused (403) from then on.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin SecretsFile file;

    @Parameters(paramLabel = "SENSOR", description = "The device's sensor id.")
    String sensor;

    @Override
    public Integer call() throws IOException {
      if (!DeviceSecrets.revoke(file.file, sensor)) {
        spec.commandLine().getErr().println("airq devices revoke: no secret for " + sensor);
        return 1;
      }
      spec.commandLine().getOut().println("revoked " + sensor);
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the devices that have a push secret, one per line.")
  static final class ListDevices implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin SecretsFile file;

    @Override
    public Integer call() throws IOException {
      Map<String, String> all = DeviceSecrets.read(file.file);
      all.keySet().forEach(spec.commandLine().getOut()::println);
      return 0;
    }
  }
}
