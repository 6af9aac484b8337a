package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.planner.api.ClosureProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page shows a refused closure's problems in its language: each message file has {@code
 * apiError.<code>} for every code {@link ClosureProblem} lists, with exactly that problem's
 * parameters as placeholders, and a word for every role a problem can name.
 */
class ApiProblemMessagesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");

  @Test
  void everyClosureProblemHasAMessageInEachLanguageWithItsParameters() {
    for (String lang : new String[] {"en", "sw"}) {
      PageMessages m = PageMessages.load(lang);
      for (ClosureProblem kind : ClosureProblem.values()) {
        String key = "apiError." + kind.code();
        assertThat(m.messages()).as("%s.json has %s", lang, key).containsKey(key);
        assertThat(PLACEHOLDER.matcher(m.messages().get(key)).results().map(r -> r.group(1)))
            .as("%s %s placeholders", lang, key)
            .containsExactlyInAnyOrderElementsOf(kind.params());
      }
      for (String role : ClosureProblem.ROLES) {
        assertThat(m.messages())
            .as("%s.json has the role %s", lang, role)
            .containsKey("apiError.role." + role);
      }
    }
  }

  /** docs/api.md's table of codes names every code, with its parameters. */
  @Test
  void theApiDocumentListsEveryCode() throws Exception {
    String doc = Files.readString(Path.of("../docs/api.md"));
    for (ClosureProblem kind : ClosureProblem.values()) {
      String params =
          kind.params().isEmpty()
              ? "—"
              : String.join(", ", kind.params().stream().map(p -> "`" + p + "`").toList());
      assertThat(doc).contains("| `" + kind.code() + "` | " + params + " |");
    }
  }
}
