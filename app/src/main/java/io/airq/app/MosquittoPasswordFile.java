package io.airq.app;

import io.airq.devstack.MosquittoPasswords;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A Mosquitto password file: one {@code user:hash} line per account. An account's line is hashed in
 * Java ({@link MosquittoPasswords}: no plaintext password in any file or on a command line), and
 * the file is replaced in one move ({@link OwnerOnlyFiles}), under a lock that a concurrent {@code
 * airq gateways} waits for, with the owner, group and mode it had, less any access for others.
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
    String line = MosquittoPasswords.line(user, password);
    synchronized (MosquittoPasswordFile.class) {
      try (FileChannel locked = lock()) {
        List<String> lines = lines();
        boolean existed = users(lines).contains(user);
        write(withLine(lines, user, line));
        return existed;
      }
    }
  }

  /** Removes the account; false when the file has none of that name. */
  boolean remove(String user) throws IOException {
    synchronized (MosquittoPasswordFile.class) {
      try (FileChannel locked = lock()) {
        List<String> lines = lines();
        if (!users(lines).contains(user)) {
          return false;
        }
        write(withoutUser(lines, user));
        return true;
      }
    }
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

  /**
   * An exclusive lock on {@code .<file>.lock} beside the file, held while it is read, changed and
   * replaced (another process waits; this JVM's threads are serialised by the class's monitor).
   */
  private FileChannel lock() throws IOException {
    Path f = file.resolveSibling("." + file.getFileName() + ".lock");
    Files.createDirectories(f.getParent());
    if (!Files.exists(f)) {
      try {
        Files.createFile(f, OwnerOnlyFiles.OWNER_ONLY);
      } catch (FileAlreadyExistsException e) {
        // another writer made it first
      }
    }
    FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE);
    try {
      channel.lock(); // released when the channel closes
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Replaces the file with these lines: with the owner and group of the file it replaces and its
   * mode less the bits of others (a broker that reads it as its own user or group keeps reading
   * it); owner-only (0600) when there was none.
   */
  private void write(List<String> lines) throws IOException {
    String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    if (!Files.exists(file)) {
      OwnerOnlyFiles.replace(file, text);
      return;
    }
    PosixFileAttributes old = Files.readAttributes(file, PosixFileAttributes.class);
    Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
    mode.addAll(old.permissions());
    mode.removeAll(
        EnumSet.of(
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE));
    OwnerOnlyFiles.replace(
        file,
        text,
        tmp -> {
          PosixFileAttributeView view =
              Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
          if (!old.owner().equals(view.readAttributes().owner())) {
            view.setOwner(old.owner());
          }
          if (!old.group().equals(view.readAttributes().group())) {
            view.setGroup(old.group());
          }
          Files.setPosixFilePermissions(tmp, mode);
        });
  }
}
