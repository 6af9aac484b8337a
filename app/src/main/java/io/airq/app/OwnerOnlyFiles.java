package io.airq.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files replaced in one move: the text goes to a new temporary file beside the file, owner-only
 * from its creation on and of a name no other writer uses, which then replaces the file atomically
 * (a reader sees the old file or the new one, never half of one).
 */
final class OwnerOnlyFiles {
  static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  /** What to do to the temporary file before it replaces the file (its owner, group, mode). */
  interface Prepare {
    void apply(Path tmp) throws IOException;
  }

  private OwnerOnlyFiles() {}

  /** Replaces {@code file} with {@code text}, owner-only (0600). */
  static void replace(Path file, String text) throws IOException {
    replace(file, text, tmp -> {});
  }

  /** Replaces {@code file} with {@code text}, after {@code prepare} was applied to it. */
  static void replace(Path file, String text, Prepare prepare) throws IOException {
    Path dir = file.toAbsolutePath().normalize().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", OWNER_ONLY);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      prepare.apply(tmp);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
