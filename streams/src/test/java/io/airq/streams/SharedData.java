package io.airq.streams;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real data directory, given by the build as the system property airq.shared.data. */
public final class SharedData {
  private SharedData() {}

  public static Path file(String relative) {
    String dir = System.getProperty("airq.shared.data");
    if (dir == null) {
      throw new IllegalStateException("system property airq.shared.data is not set");
    }
    Path p = Path.of(dir).resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("missing shared data file " + p);
    }
    return p;
  }
}
