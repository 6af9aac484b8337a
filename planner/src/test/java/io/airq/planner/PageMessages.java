package io.airq.planner;

import com.fasterxml.jackson.core.type.TypeReference;
import io.airq.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The page's message files ({@code web/i18n/<lang>.json}), read as the page reads them. */
record PageMessages(String lang, Map<String, String> messages) {

  static PageMessages load(String lang) {
    String name = "web/i18n/" + lang + ".json";
    try (InputStream in = PageMessages.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no message file " + name + " on the class path");
      }
      return new PageMessages(
          lang, Json.mapper().readValue(in, new TypeReference<LinkedHashMap<String, String>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message {@code key}, placeholders filled from {@code params} (name, value, …). */
  String t(String key, String... params) {
    String m = messages.get(key);
    if (m == null) {
      throw new AssertionError("no message " + key + " in " + lang + ".json");
    }
    for (int i = 0; i + 1 < params.length; i += 2) {
      m = m.replace("{" + params[i] + "}", params[i + 1]);
    }
    return m;
  }

  /** A group's label on the page: treated, control, area:X, county:X. */
  String group(String label) {
    if (label.equals("treated") || label.equals("control")) {
      return t("group." + label);
    }
    String[] kv = label.split(":", 2);
    return t("group." + kv[0], "name", kv[1]);
  }
}
