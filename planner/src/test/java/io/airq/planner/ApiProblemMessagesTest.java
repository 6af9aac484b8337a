package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.planner.api.ClosureProblem;
import io.airq.planner.impact.weather.WeatherReason;
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

  /**
   * A weather-adjusted result's reason reads back as its code and values, and each message file
   * words every code with exactly its values.
   */
  @Test
  void everyWeatherReasonParsesBackAndHasAMessageInEachLanguage() {
    for (WeatherReason r : WeatherReason.values()) {
      String[] values = new String[r.params().size() * 2];
      for (int i = 0; i < r.params().size(); i++) {
        values[2 * i] = r.params().get(i);
        values[2 * i + 1] = String.valueOf(10 + i) + ".5";
      }
      WeatherReason.Problem p = WeatherReason.parse(r.text(values)).orElseThrow();
      assertThat(p.code()).isEqualTo(r.code());
      for (int i = 0; i < r.params().size(); i++) {
        assertThat(p.params()).containsEntry(r.params().get(i), (10 + i) + ".5");
      }
      for (String lang : new String[] {"en", "sw"}) {
        String key = "weatherReason." + r.code();
        PageMessages m = PageMessages.load(lang);
        assertThat(m.messages()).as("%s.json has %s", lang, key).containsKey(key);
        assertThat(PLACEHOLDER.matcher(m.messages().get(key)).results().map(x -> x.group(1)))
            .as("%s %s placeholders", lang, key)
            .containsExactlyInAnyOrderElementsOf(r.params());
      }
    }
    assertThat(WeatherReason.parse("something else")).isEmpty();
  }

  /** The page words the API's licence line itself: it must know that exact line to replace it. */
  @Test
  void thePageKnowsTheApisLicenceLine() throws Exception {
    String js = Files.readString(Path.of("src/main/resources/web/js/closure.js"));
    assertThat(js.replaceAll("\"\\s*\\+?\\s*\n\\s*\"", ""))
        .contains("\"" + io.airq.planner.api.Provenance.LICENCE + "\"");
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
