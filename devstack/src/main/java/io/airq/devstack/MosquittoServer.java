package io.airq.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real Mosquitto 2 broker from the machine's binary, listening on 127.0.0.1 with persistence in
 * its own directory. Queues for offline persistent sessions are unbounded, so a bridge that stops
 * acknowledging (Kafka down) loses nothing.
 */
public final class MosquittoServer implements Server {
  private final Path binary;
  private final Path dir;
  private final int port;
  private final Map<String, String> accounts;
  private final String acl;
  private ServerProcess process;

  private MosquittoServer(
      Path binary, Path dir, int port, Map<String, String> accounts, String acl) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.accounts = Map.copyOf(accounts);
    this.acl = acl;
  }

  /** True when the {@code mosquitto} binary is installed. */
  public static boolean installed() {
    return Binaries.find("mosquitto").isPresent();
  }

  /**
   * Starts Mosquitto with its data and log under {@code dir}, on {@code port} (0 = a free port).
   */
  public static MosquittoServer start(Path dir, int port) {
    return start(dir, port, Map.of(), null);
  }

  /**
   * Starts Mosquitto as production runs it: anonymous clients refused, these accounts in a password
   * file hashed by {@link MosquittoPasswords}, and this ACL (the text of an {@code acl_file}).
   *
   * @param accounts user name to password
   */
  public static MosquittoServer startSecured(
      Path dir, int port, Map<String, String> accounts, String acl) {
    if (accounts.isEmpty() || acl == null) {
      throw new IllegalArgumentException("a secured broker needs accounts and an ACL");
    }
    return start(dir, port, accounts, acl);
  }

  private static MosquittoServer start(
      Path dir, int port, Map<String, String> accounts, String acl) {
    Path binary =
        Binaries.find("mosquitto")
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "mosquitto is not installed: run ./airq setup (apt-get install -y mosquitto)"));
    MosquittoServer s =
        new MosquittoServer(binary, dir, port == 0 ? Loopback.freePort() : port, accounts, acl);
    s.start();
    return s;
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    Path conf = writeConfig();
    process =
        ServerProcess.start(
            "mosquitto:" + port,
            List.of(binary.toString(), "-c", conf.toString()),
            dir.resolve("mosquitto.log"));
    Loopback.await(
        "Mosquitto on port " + port,
        Duration.ofSeconds(20),
        () -> Loopback.accepts(port),
        process::requireAlive);
  }

  private Path writeConfig() {
    try {
      Path data = Files.createDirectories(dir.resolve("data"));
      // Mosquitto started as root drops to the 'mosquitto' user unless told to stay root, which it
      // is (below): it then runs as the owner of its directory, which nobody else may write.
      boolean root = "root".equals(System.getProperty("user.name"));
      ownerOnlyDirectory(dir);
      ownerOnlyDirectory(data);
      String conf =
          String.join(
              "\n",
              "listener " + port + " " + Loopback.HOST,
              security(),
              "persistence true",
              "persistence_location " + data + "/",
              "autosave_interval 1",
              "max_queued_messages 0",
              "max_queued_bytes 0",
              "max_inflight_messages 0",
              "persistent_client_expiration 1d",
              "log_dest stdout",
              "log_type error",
              "log_type warning",
              "log_type notice",
              "log_type information",
              "connection_messages true",
              root ? "user root" : "",
              "");
      Path file = dir.resolve("mosquitto.conf");
      Files.writeString(file, conf);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Mosquitto config under " + dir, e);
    }
  }

  /** The access lines of the config: anonymous, or a password file and an ACL. */
  private String security() throws IOException {
    if (accounts.isEmpty()) {
      return "allow_anonymous true";
    }
    Path passwords = dir.resolve("passwords");
    Files.deleteIfExists(passwords);
    Files.createFile(
        passwords,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    // hashed in Java: no plaintext password in any file, and none on a command line
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, String> a : new TreeMap<>(accounts).entrySet()) {
      lines.append(MosquittoPasswords.line(a.getKey(), a.getValue())).append('\n');
    }
    Files.writeString(passwords, lines);
    Path aclFile = dir.resolve("acl");
    Files.writeString(aclFile, acl);
    ownerOnly(aclFile);
    return String.join(
        "\n", "allow_anonymous false", "password_file " + passwords, "acl_file " + aclFile);
  }

  /**
   * Read and write for the owner only: the broker runs as the same user (as root it is told to stay
   * root), and no other local user may add an account or widen the ACL.
   */
  private static void ownerOnlyDirectory(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to set
    }
  }

  private static void ownerOnly(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to set
    }
  }

  @Override
  public String endpoint() {
    return "tcp://" + Loopback.HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      process.stop(Duration.ofSeconds(10));
      process = null;
    }
  }

  @Override
  public synchronized void kill() {
    if (process != null) {
      process.kill();
      process = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }
}
