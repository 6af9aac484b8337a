package io.airq.app;

import java.io.PrintStream;
import java.nio.file.Path;

/** Starts the airq services of the local stack against its servers. */
final class Services {
  private Services() {}

  static void start(LocalStack stack, Path dir, PrintStream progress) {
    // wired as the service modules land
  }
}
