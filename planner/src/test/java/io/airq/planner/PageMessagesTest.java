package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's message files: the same keys in both languages, the same placeholders in each. */
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

  private static List<String> placeholders(String message) {
    Matcher m = PLACEHOLDER.matcher(message);
    return m.results().map(r -> r.group()).sorted().toList();
  }
}
