package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page's message files: the same keys in both languages, the same placeholders in each; the
 * Kiswahili method follows the English one's method versions.
 */
class PageMessagesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+\\}");

  /** Messages that are the same words in both languages (names, formats, the languages). */
  private static final List<String> SAME =
      List.of(
          "lang.en",
          "lang.sw",
          "quantity.pm25",
          "quantity.pm10",
          "quantity.pm1",
          "quantity.no2",
          "quantity.o3",
          "closure.download.csv",
          "closure.download.json",
          "map.treated",
          "map.control");

  @Test
  void everyKeyIsInBothLanguagesWithTheSamePlaceholdersAndTranslated() {
    Map<String, String> en = PageMessages.load("en").messages();
    Map<String, String> sw = PageMessages.load("sw").messages();
    assertThat(sw.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
    for (String key : en.keySet()) {
      assertThat(placeholders(sw.get(key))).as(key).isEqualTo(placeholders(en.get(key)));
      assertThat(sw.get(key)).as("sw %s", key).isNotBlank();
      if (!SAME.contains(key)) {
        assertThat(sw.get(key)).as("sw %s is translated", key).isNotEqualTo(en.get(key));
      }
    }
  }

  /**
   * The Kiswahili method (docs/method.sw.md, served at /method?lang=sw) translates the same
   * methods: its top-level headings name the method versions the English one does, in the same
   * order, so a new method version in method.md fails here until the translation follows.
   */
  @Test
  void kiswahiliMethodNamesTheSameMethodVersionsAsTheEnglishOne() throws Exception {
    assertThat(methodVersions("docs/method.sw.md"))
        .isNotEmpty()
        .isEqualTo(methodVersions("docs/method.md"));
  }

  private static List<String> methodVersions(String resource) throws Exception {
    try (var in = PageMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource + " packaged with the planner").isNotNull();
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return Pattern.compile("(?m)^# .*`([^`]+)`$")
          .matcher(text)
          .results()
          .map(r -> r.group(1))
          .toList();
    }
  }

  private static List<String> placeholders(String message) {
    Matcher m = PLACEHOLDER.matcher(message);
    return m.results().map(r -> r.group()).sorted().toList();
  }
}
