package io.airq.app;

import io.airq.devstack.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto password file: one {@code user:hash} line per account. An account is added by hashing
 * a plain {@code user:password} line with {@code mosquitto_passwd -U} in an owner-only file of its
 * own (so that no password is ever on a command line, where {@code ps} would show it), then
 * replacing the file in one move, owner-only and with the owner and group it had.
 */
final class MosquittoPasswordFile {
  private final Path file;

  MosquittoPasswordFile(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  Path path() {
    return file;
  }

  /** The accounts in the file, in its order; none when it does not exist. */
  List<String> users() throws IOException {
    return users(lines());
  }

  /** Adds the account, or gives it this password; true when it was there before. */
  boolean put(String user, String password) throws IOException {
    List<String> lines = lines();
    boolean existed = users(lines).contains(user);
    write(withLine(lines, user, hash(user, password)));
    return existed;
  }

  /** Removes the account; false when the file has none of that name. */
  boolean remove(String user) throws IOException {
    List<String> lines = lines();
    if (!users(lines).contains(user)) {
      return false;
    }
    write(withoutUser(lines, user));
    return true;
  }

  /** The user names of these lines (comments and blank lines are none). */
  static List<String> users(List<String> lines) {
    List<String> users = new ArrayList<>();
    for (String l : lines) {
      int colon = l.indexOf(':');
      if (!l.isBlank() && !l.startsWith("#") && colon > 0) {
        users.add(l.substring(0, colon));
      }
    }
    return users;
  }

  /** The lines with {@code user}'s line replaced by {@code line}, or {@code line} appended. */
  static List<String> withLine(List<String> lines, String user, String line) {
    List<String> out = new ArrayList<>();
    boolean placed = false;
    for (String l : lines) {
      if (l.startsWith(user + ":")) {
        if (!placed) {
          out.add(line);
          placed = true;
        }
      } else {
        out.add(l);
      }
    }
    if (!placed) {
      out.add(line);
    }
    return out;
  }

  /** The lines without {@code user}'s. */
  static List<String> withoutUser(List<String> lines, String user) {
    return lines.stream().filter(l -> !l.startsWith(user + ":")).toList();
  }

  private List<String> lines() throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  /** The {@code user:hash} line of this password, from {@code mosquitto_passwd -U}. */
  private String hash(String user, String password) throws IOException {
    Path tool =
        Binaries.find("mosquitto_passwd")
            .orElseThrow(
                () ->
                    new IOException(
                        "mosquitto_passwd is not installed: run ./airq setup (apt-get install -y"
                            + " mosquitto)"));
    Path plain = ownerOnlyFile(".new-account");
    try {
      Files.writeString(plain, user + ":" + password + "\n", StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(tool.toString(), "-U", plain.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("mosquitto_passwd -U failed: " + output.strip());
      }
      List<String> hashed = Files.readAllLines(plain, StandardCharsets.UTF_8);
      if (hashed.size() != 1 || !hashed.get(0).startsWith(user + ":$")) {
        throw new IOException("mosquitto_passwd -U wrote no hash for " + user);
      }
      return hashed.get(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing the password", e);
    } finally {
      Files.deleteIfExists(plain);
    }
  }

  /**
   * Replaces the file with these lines in one move: owner-only, with the owner and group of the
   * file it replaces (a broker that reads it as its own user keeps reading it).
   */
  private void write(List<String> lines) throws IOException {
    Path tmp = ownerOnlyFile(".tmp");
    try {
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      if (Files.exists(file)) {
        PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class);
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (!old.owner().equals(view.readAttributes().owner())) {
          view.setOwner(old.owner());
        }
        if (!old.group().equals(view.readAttributes().group())) {
          view.setGroup(old.group());
        }
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** A new file beside the password file, readable and writable by its owner only. */
  private Path ownerOnlyFile(String suffix) throws IOException {
    Path f = file.resolveSibling("." + file.getFileName() + suffix);
    Files.deleteIfExists(f);
    return Files.createFile(
        f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }
}
