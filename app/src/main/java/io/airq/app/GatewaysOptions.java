package io.airq.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options {@code airq gateways}' subcommands share: which password file, and the reload. */
final class GatewaysOptions {
  private GatewaysOptions() {}

  /** The password file every subcommand works on, and the local stack it may belong to. */
  static final class Target {
    @Option(
        names = "--file",
        paramLabel = "FILE",
        description =
            "Mosquitto's password file (password_file in mosquitto.conf). Default: the local"
                + " stack's, <dir>/mosquitto/passwords.")
    Path file;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = ".airq",
        description = "The local stack's state directory (./airq up's). Default: ${DEFAULT-VALUE}.")
    Path dir;

    /** The password file; throws when none is given and there is no local stack. */
    MosquittoPasswordFile passwords(CommandLine cmd) {
      if (file == null && Credentials.read(dir).isEmpty()) {
        throw new CommandLine.ParameterException(
            cmd,
            "no local stack in "
                + dir
                + " (no "
                + Credentials.FILE
                + "): run ./airq up once, or give --file");
      }
      return new MosquittoPasswordFile(file == null ? LocalBroker.passwordFile(dir) : file);
    }

    /** True when the file is the local stack's (its accounts are also in its credentials). */
    boolean stack() {
      Path own = LocalBroker.passwordFile(dir).toAbsolutePath().normalize();
      return (file == null || file.toAbsolutePath().normalize().equals(own))
          && Credentials.read(dir).isPresent();
    }
  }

  /** Whether add and remove make the local stack's broker re-read its accounts. */
  static final class Reload {
    @Option(
        names = "--reload",
        negatable = true,
        defaultValue = "true",
        fallbackValue = "true",
        description =
            "When the file is the local stack's and its broker runs, make it re-read its accounts"
                + " and ACL (SIGHUP to the pid in <dir>/mosquitto.pid): no restart. --no-reload"
                + " leaves that to the next start. Default: on.")
    boolean reload;

    /**
     * Reloads the local broker when asked and running; prints what happened or what to do. Returns
     * the exit code: 1 when the broker could not be told (the file is changed already).
     */
    int apply(Target t, PrintWriter out, PrintWriter err) {
      return apply(t, out, err, LocalBroker::reload);
    }

    /** How the broker is told to reload: SIGHUP to its pid ({@link LocalBroker#reload}). */
    interface Signal {
      void send(long pid) throws IOException;
    }

    int apply(Target t, PrintWriter out, PrintWriter err, Signal signal) {
      if (!t.stack()) {
        out.println(
            "Reload the broker so it re-reads the file (no restart): kill -HUP <its pid>,"
                + " systemctl reload mosquitto, or docker compose kill -s HUP mosquitto.");
        return 0;
      }
      Optional<Long> pid = LocalBroker.running(t.dir);
      Optional<String> stale = LocalBroker.stale(t.dir);
      if (stale.isPresent()) {
        out.println(
            "Not reloaded: "
                + t.dir.resolve(LocalBroker.PID_FILE)
                + " is stale ("
                + stale.get()
                + "), so no process was signalled. ./airq up starts the broker with this.");
      } else if (pid.isEmpty()) {
        out.println("The local stack's broker is not running: ./airq up starts it with this.");
      } else if (!reload) {
        out.println("Not reloaded (--no-reload): the broker applies it at its next start.");
      } else {
        try {
          signal.send(pid.get());
        } catch (IOException e) {
          err.println(
              "The file is changed, but the broker (pid "
                  + pid.get()
                  + ") was not reloaded: "
                  + e.getMessage()
                  + ". Run kill -HUP "
                  + pid.get()
                  + ", or ./airq down and ./airq up.");
          return 1;
        }
        out.println("Reloaded the local stack's broker (pid " + pid.get() + "): in effect now.");
      }
      return 0;
    }
  }
}
