package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.config.ConfigReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is generated from the services' key declarations; this test fails when the
 * file and the code differ, and rewrites the file when run with {@code -Dairq.write-docs=true}.
 */
class ConfigurationDocTest {
  static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void configurationReferenceMatchesTheKeyDeclarations() throws IOException {
    String expected = ConfigReference.markdown(List.copyOf(ServiceConfigs.byCommand().values()));
    if (Boolean.getBoolean("airq.write-docs")) {
      Files.writeString(DOC, expected);
    }
    String actual = Files.exists(DOC) ? Files.readString(DOC) : "(missing)";
    assertThat(actual)
        .as(
            "docs/configuration.md differs from the keys the services declare. Regenerate it:"
                + " ./mvnw -o -pl app test -Dtest=ConfigurationDocTest -Dairq.write-docs=true")
        .isEqualTo(expected);
  }

  @Test
  void everyServiceKeyIsInTheReferenceWithItsVariable() throws IOException {
    String doc = Files.readString(DOC);
    ServiceConfigs.byCommand()
        .forEach(
            (command, spec) -> {
              assertThat(doc).contains("## " + spec.service());
              spec.keys()
                  .forEach(
                      k ->
                          assertThat(doc)
                              .contains("| `" + k.name() + "` | `" + k.envName() + "` |"));
            });
  }
}
