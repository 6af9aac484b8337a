package io.airq.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints on every command: airq's version, from the build. */
final class AirqVersion implements IVersionProvider {
  static String version() {
    Properties p = new Properties();
    try (InputStream in = AirqVersion.class.getResourceAsStream("/airq-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read airq-version.properties", e);
    }
    return p.getProperty("version", "(unknown: built without Maven)");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"airq " + version()};
  }
}
