package io.airq.planner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An English message with {@code {name}} placeholders, the text behind a coded problem or reason
 * whose code the page translates (JSON's own braces, as in {@code {"station": …}}, are not
 * placeholders): its parameters, the text with values in place, and the values read back from such
 * a text.
 */
public final class MessageTemplate {
  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)\\}");

  private final String english;
  private final List<String> params;
  private final Pattern reading;

  public MessageTemplate(String english) {
    this.english = english;
    this.params = PARAM.matcher(english).results().map(r -> r.group(1)).toList();
    StringBuilder regex = new StringBuilder();
    Matcher m = PARAM.matcher(english);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(english.substring(last, m.start()))).append("(.+?)");
      last = m.end();
    }
    regex.append(Pattern.quote(english.substring(last)));
    this.reading = Pattern.compile(regex.toString());
  }

  /** The names of its parameters, in the order of the text. */
  public List<String> params() {
    return params;
  }

  /** The text with {@code values} by name in place. */
  public String fill(Map<String, String> values) {
    return PARAM.matcher(english).replaceAll(r -> Matcher.quoteReplacement(values.get(r.group(1))));
  }

  /** The text with {@code values} (name, value, name, value, …) in place. */
  public String fill(String... values) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (int i = 0; i + 1 < values.length; i += 2) {
      byName.put(values[i], values[i + 1]);
    }
    return fill(byName);
  }

  /** The values by name of a text this template made; empty for any other text. */
  public Optional<Map<String, String>> read(String text) {
    Matcher m = reading.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < params.size(); i++) {
      values.put(params.get(i), m.group(i + 1));
    }
    return Optional.of(values);
  }
}
