package io.airq.planner.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import io.airq.core.json.Json;
import io.airq.planner.PlannerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The web page's routes: the page and its modules ({@code /web/}), the WebJars it loads (Chart.js,
 * Leaflet), the page's settings ({@code /api/page}: the map tiles) and the method page ({@code
 * /method}: docs/method.md, or its Kiswahili translation docs/method.sw.md for {@code lang=sw},
 * packaged as resources, rendered with commonmark).
 */
final class PageRoutes {
  private static final List<String> WEBJARS =
      List.of("/webjars/chart.js/4.5.1/", "/webjars/leaflet/1.9.4/");
  private static final List<String> LANGS = List.of("en", "sw");

  private final PlannerConfig cfg;

  /** Language to the rendered method: docs/method.md (en), docs/method.&lt;lang&gt;.md. */
  private final Map<String, String> methodHtml;

  PageRoutes(PlannerConfig cfg) {
    this.cfg = cfg;
    var tables = List.of(TablesExtension.create());
    Parser parser = Parser.builder().extensions(tables).build();
    HtmlRenderer renderer = HtmlRenderer.builder().extensions(tables).build();
    this.methodHtml =
        Map.of(
            "en", renderer.render(parser.parse(text("docs/method.md"))),
            "sw", renderer.render(parser.parse(text("docs/method.sw.md"))));
  }

  /** Answers the request when it is one of the page's routes; false otherwise. */
  boolean route(HttpExchange ex, String method, String path, Map<String, String> q)
      throws IOException {
    if (!method.equals("GET")) {
      return false;
    }
    if (path.equals("/") || path.equals("/index.html")) {
      Http.resource(ex, "web/index.html", "text/html; charset=utf-8");
    } else if (path.startsWith("/web/") && !path.contains("..")) {
      Http.resource(ex, path.substring(1), Http.contentType(path));
    } else if (WEBJARS.stream().anyMatch(path::startsWith) && !path.contains("..")) {
      Http.resource(ex, "META-INF/resources" + path, Http.contentType(path));
    } else if (path.equals("/api/page")) {
      Http.json(
          ex,
          200,
          Map.of("map", Map.of("tiles", cfg.mapTiles(), "attribution", cfg.mapAttribution())));
    } else if (path.equals("/method")) {
      // a plain /method has no lang (and List.of(…).contains(null) would throw)
      String asked = q.getOrDefault("lang", "en");
      String lang = LANGS.contains(asked) ? asked : "en";
      Http.send(
          ex, 200, "text/html; charset=utf-8", methodPage(lang).getBytes(StandardCharsets.UTF_8));
    } else {
      return false;
    }
    return true;
  }

  private String methodPage(String lang) {
    Map<String, String> m = messages(lang);
    StringBuilder langs = new StringBuilder();
    for (String l : LANGS) {
      langs
          .append(langs.isEmpty() ? "" : " · ")
          .append("<a href=\"/method?lang=")
          .append(l)
          .append("\" lang=\"")
          .append(l)
          .append("\">")
          .append(esc(m.get("lang." + l)))
          .append("</a>");
    }
    String home = "/#/" + (lang.equals("en") ? "" : "?lang=" + lang);
    return "<!doctype html>\n<html lang=\""
        + lang
        + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
        + " content=\"width=device-width, initial-scale=1\"><title>"
        + esc(m.get("method.title"))
        + "</title><link rel=\"stylesheet\" href=\"/web/app.css\">"
        // the page keeps its language in the hash (#/…?lang=sw); a link carrying it there is
        // followed
        + "<script>const h = location.hash.match(/[#?&]lang=(\\w+)/);"
        + " if (h && h[1] !== document.documentElement.lang && !/[?&]lang=/.test(location.search))"
        + " location.replace('/method?lang=' + h[1]);</script>"
        + "</head><body><header><h1><a"
        + " href=\""
        + home
        + "\">"
        + esc(m.get("app.name"))
        + "</a></h1><nav aria-label=\""
        + esc(m.get("lang.label"))
        + "\"><span id=\"lang-label\">"
        + esc(m.get("lang.label"))
        + "</span> "
        + langs
        + "</nav><nav><a href=\""
        + home
        + "\">"
        + esc(m.get("nav.home"))
        + "</a></nav></header><main id=\"method\"><p class=\"note\">"
        + esc(m.get("method.intro"))
        + "</p><article>"
        + methodHtml.get(lang)
        + "</article></main></body></html>";
  }

  private static Map<String, String> messages(String lang) {
    try {
      return Json.mapper().readValue(text("web/i18n/" + lang + ".json"), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String resource) {
    try (InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not packaged with the planner");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
