package io.airq.app;

import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airq gateways add|remove|list}: the MQTT accounts of gateways in Mosquitto's password
 * file. A gateway's username is its gateway id, and the shipped ACL ({@code pattern write
 * airq/v1/%u/#}) lets it publish only under its own id. On the local stack the accounts are also
 * kept in {@code credentials.properties} (the broker's file is rewritten from it at each start),
 * and its running broker re-reads them at once ({@link LocalBroker}).
 */
@Command(
    name = "gateways",
    mixinStandardHelpOptions = true,
    description = {
      "Manage the MQTT accounts of gateways (Mosquitto's password file). A gateway's username is"
          + " its gateway id; the ACL lets it publish only under airq/v1/<gateway id>/#.",
      "Default file: the local stack's (.airq/mosquitto/passwords), whose broker re-reads it at"
          + " once."
    },
    subcommands = {
      GatewaysCommand.Add.class,
      GatewaysCommand.Remove.class,
      GatewaysCommand.ListGateways.class
    })
final class GatewaysCommand implements Runnable {
  /** What a topic segment, a password file's user name and the registry all accept. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** The fewest characters of a password given with --password-file. */
  static final int MIN_PASSWORD = 12;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Why {@code id} cannot be a gateway account, or empty when it can. */
  static Optional<String> problem(String id) {
    if (id.equals(Credentials.BRIDGE_USER) || id.equals(Credentials.SIMULATOR_USER)) {
      return Optional.of(id + " is an airq service account, not a gateway");
    }
    if (!ID.matcher(id).matches()) {
      return Optional.of(
          "a gateway id is 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit"
              + " (it is a topic segment and a broker user name): "
              + id);
    }
    return Optional.empty();
  }

  /** 192 random bits, as 32 URL-safe characters (no ':' or quote a firmware form would mind). */
  static String generatePassword() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Create a gateway's MQTT account (or give it a new password) and print its device set-up"
            + " once: username = the gateway id, publish to airq/v1/<gateway>/<sensor>/<format>.",
        "The password is generated (192 random bits) unless --password-file gives it; the"
            + " password file keeps only its hash."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin GatewaysOptions.Target target;
    @CommandLine.Mixin GatewaysOptions.Reload reload;

    @Parameters(paramLabel = "GATEWAY", description = "The gateway id (its broker username).")
    String gateway;

    @Option(
        names = "--password-file",
        paramLabel = "FILE",
        description =
            "Read the password from the first line of this file (at least "
                + MIN_PASSWORD
                + " characters) instead of generating one.")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Optional<String> bad = problem(gateway);
      if (bad.isPresent()) {
        err.println("airq gateways add: " + bad.get());
        return 2;
      }
      String password;
      try {
        password = passwordFile == null ? generatePassword() : readPassword(passwordFile);
      } catch (IOException e) {
        err.println("airq gateways add: cannot read the password: " + e);
        return 2;
      }
      if (password.length() < MIN_PASSWORD) {
        err.println(
            "airq gateways add: the password of "
                + passwordFile
                + " is shorter than "
                + MIN_PASSWORD
                + " characters");
        return 2;
      }
      MosquittoPasswordFile file = target.passwords(spec.commandLine());
      boolean replaced;
      try {
        replaced = file.put(gateway, password);
      } catch (IOException e) {
        err.println("airq gateways add: cannot write " + file.path() + ": " + e);
        return 1;
      }
      boolean stack = target.stack();
      if (stack) {
        Credentials.read(target.dir).get().withGateway(gateway, password).write(target.dir);
      }
      out.println(
          (replaced ? "New password for gateway " : "Added gateway ")
              + gateway
              + " to "
              + file.path()
              + " (hashed).");
      if (passwordFile == null) {
        out.println("password: " + password);
        out.println(
            stack
                ? "  also in "
                    + target.dir.resolve(Credentials.FILE).toAbsolutePath()
                    + " as mqtt.gateway."
                    + gateway
                : "  printed only now: run `airq gateways add` again to replace a lost one.");
      } else {
        out.println("password: the first line of " + passwordFile);
      }
      int code = reload.apply(target, out, err);
      String broker =
          stack
              ? Endpoints.read(target.dir)
                  .map(Endpoints::mqttUrl)
                  .orElse("tcp://<this host>:" + LocalServers.MQTT_PORT)
              : "your broker's address (ssl://<host>:8883 over the internet)";
      out.println("Device set-up:");
      out.println("  broker:   " + broker);
      out.println("  username: " + gateway);
      out.println("  password: " + (passwordFile == null ? "the one above" : "the file's"));
      out.println("  topic:    airq/v1/" + gateway + "/<sensor id>/<format>, QoS 1");
      out.println(
          "  format:   "
              + Arrays.stream(SourceFormat.values())
                  .filter(f -> f != SourceFormat.SIMULATOR && f != SourceFormat.REPLAY)
                  .map(SourceFormat::id)
                  .collect(Collectors.joining(", "))
              + " (docs/ingest.md)");
      out.println("  Any other gateway's topic is refused by the broker (docs/security.md).");
      return code;
    }

    private static String readPassword(Path f) throws IOException {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      return (end < 0 ? text : text.substring(0, end)).strip();
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description =
          "Delete a gateway's MQTT account: once the broker has re-read the file, the gateway's"
              + " next connect is refused.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin GatewaysOptions.Target target;
    @CommandLine.Mixin GatewaysOptions.Reload reload;

    @Parameters(paramLabel = "GATEWAY", description = "The gateway id.")
    String gateway;

    @Override
    public Integer call() throws IOException {
      Optional<String> bad = problem(gateway);
      if (bad.isPresent()) {
        spec.commandLine().getErr().println("airq gateways remove: " + bad.get());
        return 2;
      }
      MosquittoPasswordFile file = target.passwords(spec.commandLine());
      boolean removed;
      try {
        removed = file.remove(gateway);
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("airq gateways remove: cannot write " + file.path() + ": " + e);
        return 1;
      }
      boolean stack = target.stack();
      Optional<Credentials> secrets = stack ? Credentials.read(target.dir) : Optional.empty();
      boolean inCredentials = secrets.map(c -> c.gateways().containsKey(gateway)).orElse(false);
      if (inCredentials) {
        secrets.get().withoutGateway(gateway).write(target.dir);
      }
      if (!removed && !inCredentials) {
        spec.commandLine()
            .getErr()
            .println("airq gateways remove: no account " + gateway + " in " + file.path());
        return 1;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Removed gateway " + gateway + " from " + file.path() + ".");
      return reload.apply(target, out, spec.commandLine().getErr());
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "List the gateway accounts of the password file, one per line (airq's own accounts,"
              + " airq-bridge and airq-simulator, are not gateways and not listed).")
  static final class ListGateways implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.Mixin GatewaysOptions.Target target;

    @Override
    public Integer call() {
      MosquittoPasswordFile file = target.passwords(spec.commandLine());
      List<String> users;
      try {
        if (target.file != null && !Files.exists(file.path())) {
          throw new IOException("no such file (--file names the broker's password_file)");
        }
        users = file.users();
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("airq gateways list: cannot read " + file.path() + ": " + e.getMessage());
        return 1;
      }
      for (String user : users) {
        if (!user.equals(Credentials.BRIDGE_USER) && !user.equals(Credentials.SIMULATOR_USER)) {
          spec.commandLine().getOut().println(user);
        }
      }
      return 0;
    }
  }
}
