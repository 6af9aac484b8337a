package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planner page in headless Chromium against a planner on real Kafka and InfluxDB: both charts
 * draw the API's numbers, the accessible table shows them with the page's rounding, both summaries
 * are there, the CSV downloads. Leaves a screenshot in {@code target/planner-page.png}; with {@code
 * -Dairq.update-screenshot=true} it also replaces the README's {@code
 * docs/images/planner-page.png}.
 */
@RealServers
class PlannerPageBrowserIT {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerPageBrowserIT.class);
  private static final String ID = MoiAvenueFixture.CLOSURE_ID;

  private static final PageMessages EN = PageMessages.load("en");

  private PageSession page;

  @Test
  void closurePageShowsTheApiNumbersInChartsTableAndCsvAndTakesAScreenshot(Servers servers)
      throws Exception {
    try (PageSession session =
        PageSession.start(
            servers,
            "planner-page",
            (bootstrap, prefix, influx, db) -> {
              MoiAvenueFixture.publishSensors(bootstrap, prefix);
              MoiAvenueFixture.writeHourlyAverages(influx, db);
            },
            4,
            "page-test-admin")) {
      page = session;
      String base = session.base;
      ChromeDriver chrome = session.chrome;
      Path downloads = session.downloads;
      assertThat(session.send("POST", "/api/closures", MoiAvenueFixture.CLOSURE_JSON).statusCode())
          .isEqualTo(201);
      JsonNode api = session.json("/api/closures/" + ID + "/impact?quantity=pm25");
      JsonNode report = api.get("report");
      LOG.info(
          "API: treated during vs before {} % [{}, {}], DiD {} %",
          report.at("/treated/duringVsBefore/percent"),
          report.at("/treated/duringVsBefore/lowPercent"),
          report.at("/treated/duringVsBefore/highPercent"),
          report.at("/differenceInDifferences/percent"));
      // no map tiles, as in an offline deployment: the maps must still show every sensor
      chrome.executeCdpCommand("Network.enable", Map.of());
      chrome.executeCdpCommand(
          "Network.setBlockedURLs", Map.of("urls", List.of("*tile.openstreetmap.org*")));
      chrome.get(base + "/#/closure/" + ID);
      page.awaitCharts();
      assertMapShows(chrome, MoiAvenueFixture.TREATED, MoiAvenueFixture.CONTROL);
      // the closed street (the closure's GeoJSON LineString): a line through its three positions
      String street =
          chrome.findElement(By.cssSelector("#map-box path.closed-street")).getAttribute("d");
      assertThat(street.split("L")).hasSize(3);
      assertThat(chrome.findElement(By.cssSelector("#map-box .map-legend")).getText())
          .contains(EN.t("map.legendStreet"));
      // the link to the explorer: the closure's sensors over its phases' local days, in its zone
      Map<String, String> explore = new LinkedHashMap<>();
      String href = chrome.findElement(By.id("explore")).getAttribute("href");
      for (String kv : href.substring(href.indexOf('?') + 1).split("&")) {
        String[] p = kv.split("=", 2);
        explore.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
      }
      assertThat(href).contains("#/explorer?");
      assertThat(List.of(explore.get("sensors").split(",")))
          .containsExactlyInAnyOrder("t1", "t2", "c1", "c2");
      assertThat(explore)
          .containsEntry("zone", "Africa/Nairobi")
          .containsEntry("from", "2024-01-01")
          .containsEntry("to", "2024-01-07")
          .containsEntry("quantity", "pm25");
      JsonNode charts = chartState(chrome);

      assertChartDrawn(charts.get("series"));
      assertChartDrawn(charts.get("phases"));
      assertReadableWithoutColour(charts, chrome);
      assertSeriesChartShowsTheApiSeries(
          charts.get("series"), base, api.get("periods"), api.get("hourGate").asDouble());
      assertPhasesChartShowsTheReport(charts.get("phases"), report);
      assertTableShowsTheReport(chrome, report);

      String en = chrome.findElement(By.cssSelector("p.summary[lang='en']")).getText();
      String sw =
          chrome
              .findElement(By.cssSelector("p.summary[lang='sw']"))
              .getAttribute("textContent")
              .trim();
      assertThat(en).isNotBlank().isEqualTo(report.get("summaryEn").asText());
      assertThat(sw).isNotBlank().isEqualTo(report.get("summarySw").asText()).isNotEqualTo(en);

      chrome.findElement(By.cssSelector("a[download='" + ID + "-impact.csv']")).click();
      assertCsvMatchesTheReport(awaitDownload(downloads.resolve(ID + "-impact.csv")), report);

      PageScreenshot.take(chrome, "planner-page");

      // withdrawn by an editor: the page says so, above the same report
      HttpResponse<String> withdrawn = session.send("DELETE", "/api/closures/" + ID, "");
      assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
      chrome.get(base + "/#/");
      chrome.get(base + "/#/closure/" + ID);
      page.awaitCharts();
      assertThat(chrome.findElement(By.cssSelector("#main p.withdrawn")).getText())
          .startsWith(EN.t("closure.withdrawn").replace("{date}.", ""));
      chrome.get(base + "/#/");
      new WebDriverWait(chrome, Duration.ofSeconds(30))
          .until(d -> chrome.findElement(By.id("main")).getText().contains("(withdrawn "));

      writeFlaggedReadings(session.influxUrl, session.db);
      assertExplorerShowsTheStoredAverages(chrome, base);

      // the network page: every sensor on the map, tiles still blocked
      chrome.get(base + "/#/network");
      new WebDriverWait(chrome, Duration.ofSeconds(30))
          .until(d -> chrome.findElements(By.cssSelector(".leaflet-marker-icon")).size() == 4);
      assertThat(chrome.findElements(By.cssSelector(".leaflet-marker-icon")))
          .extracting(e -> e.getAttribute("data-sensor"))
          .containsExactlyInAnyOrder("t1", "t2", "c1", "c2");
      assertThat(chrome.findElements(By.cssSelector("#main tbody th")))
          .extracting(WebElement::getText)
          .containsExactlyInAnyOrder("t1", "t2", "c1", "c2");
    }
  }

  /**
   * The closure's map with its tiles blocked: every treated sensor a square marked T, every control
   * a circle marked C (shape and letter, not colour alone), each named in its title, at its
   * position; the page says the background did not load.
   */
  static void assertMapShows(ChromeDriver chrome, List<String> treated, List<String> control) {
    Map<String, List<String>> groups = Map.of("treated", treated, "control", control);
    for (Map.Entry<String, List<String>> g : groups.entrySet()) {
      List<WebElement> markers =
          chrome.findElements(By.cssSelector(".leaflet-marker-icon." + g.getKey()));
      assertThat(markers)
          .extracting(e -> e.getAttribute("data-sensor"))
          .containsExactlyInAnyOrderElementsOf(g.getValue());
      for (WebElement m : markers) {
        assertThat(m.isDisplayed()).isTrue();
        assertThat(m.getText()).isEqualTo(EN.t("map." + g.getKey()));
        assertThat(m.getAttribute("title"))
            .startsWith(m.getAttribute("data-sensor") + " — ")
            .contains(
                EN.t(g.getKey().equals("treated") ? "map.legendTreated" : "map.legendControl"));
      }
    }
    assertThat(chrome.findElements(By.cssSelector(".leaflet-marker-icon")))
        .hasSize(treated.size() + control.size());
    String square =
        (String)
            chrome.executeScript(
                "return getComputedStyle(document.querySelector('.leaflet-marker-icon.treated')).borderRadius");
    String circle =
        (String)
            chrome.executeScript(
                "return getComputedStyle(document.querySelector('.leaflet-marker-icon.control')).borderRadius");
    assertThat(square).isEqualTo("0px");
    assertThat(circle).isEqualTo("50%");
    new WebDriverWait(chrome, Duration.ofSeconds(30))
        .until(d -> chrome.findElement(By.cssSelector(".map-tiles-failed")).isDisplayed());
  }

  /**
   * The explorer on two sensors for one day: the chart and the table hold every stored hourly
   * average with its corrected and raw mean, extremes, coverage and correction, as /api/series.
   */
  private void assertExplorerShowsTheStoredAverages(ChromeDriver chrome, String base)
      throws Exception {
    chrome.get(
        base
            + "/#/explorer?sensors=t1,c1&quantity=pm25&window=1h&from=2024-01-03&to=2024-01-03"
            + "&zone=Africa/Nairobi");
    new WebDriverWait(chrome, Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#explorer-table tbody tr")).isEmpty());
    List<List<String>> expected = new ArrayList<>();
    for (String sensor : List.of("t1", "c1")) {
      JsonNode series =
          page.json("/api/series?sensor=" + sensor + "&quantity=pm25&window=1h" + NAIROBI_JAN_3);
      assertThat(series.get("points")).hasSize(24);
      for (JsonNode p : series.get("points")) {
        assertThat(p.has("rawMean") && p.has("min") && p.has("max")).as(p.toString()).isTrue();
        expected.add(
            List.of(
                sensor,
                nairobi(p.get("time").asText()),
                fmt(p.get("mean"), 2),
                fmt(p.get("rawMean"), 2),
                fmt(p.get("min"), 2),
                fmt(p.get("max"), 2),
                fmt(p.get("coverage"), 0),
                p.get("count").asText() + " / " + p.get("expected").asText(),
                p.get("correction").asText(),
                ""));
      }
    }
    List<List<String>> shown = new ArrayList<>();
    for (WebElement tr : chrome.findElements(By.cssSelector("#explorer-table tbody tr"))) {
      shown.add(
          tr.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList());
    }
    assertThat(shown).containsExactlyElementsOf(expected);
    JsonNode drawn =
        Json.mapper()
            .readTree(
                (String)
                    chrome.executeScript(
                        "return JSON.stringify(Chart.getChart('explorer-chart').data.datasets"
                            + ".map((d) => [d.label, d.data.length, d.borderDash || []]))"));
    assertThat(drawn).hasSize(4);
    assertThat(drawn.get(0).get(0).asText()).isEqualTo(EN.t("explorer.corrected", "key", "t1"));
    assertThat(drawn.get(1).get(0).asText()).isEqualTo(EN.t("explorer.raw", "key", "t1"));
    drawn.forEach(d -> assertThat(d.get(1).asInt()).isEqualTo(24));
    assertThat(drawn.get(0).get(2)).isNotEqualTo(drawn.get(2).get(2));
    assertThat(chrome.findElements(By.cssSelector("#results a[download$='.csv']"))).hasSize(2);

    // the QA flags: t1's two readings flagged on pm25, not the one flagged on humidity only
    new WebDriverWait(chrome, Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#flags-table tbody tr")).isEmpty());
    JsonNode flags = page.json("/api/flags?sensor=t1&quantity=pm25" + NAIROBI_JAN_3);
    assertThat(flags.get("readings")).hasSize(2);
    List<List<String>> t1Flags =
        List.of(
            List.of("t1", "2024-01-03 08:00:00", "pm25:out-of-range", "900.00", "900.00"),
            List.of(
                "t1", "2024-01-03 12:30:00", "pm25:stuck,humidity:out-of-range", "31.00", "33.00"));
    assertThat(rows(chrome, "#flags-table tbody tr")).containsExactlyElementsOf(t1Flags);

    // the area CBD (t1 and t2): the flagged readings of every sensor in it, on the same local day
    chrome.get(
        base
            + "/#/explorer?area=CBD&quantity=pm25&window=1h&from=2024-01-03&to=2024-01-03"
            + "&zone=Africa/Nairobi");
    new WebDriverWait(chrome, Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#flags-table tbody tr")).isEmpty());
    assertThat(chrome.findElement(By.cssSelector("#flags-table caption")).getText())
        .isEqualTo(
            EN.t("explorer.flagsCaptionArea", "quantity", EN.t("quantity.pm25"), "area", "CBD"));
    assertThat(rows(chrome, "#flags-table tbody tr")).containsExactlyElementsOf(t1Flags);
  }

  /** 2024-01-03 in Nairobi (UTC+3), as the explorer asks the API for it. */
  private static final String NAIROBI_JAN_3 = "&from=2024-01-02T21:00:00Z&to=2024-01-03T21:00:00Z";

  /** An instant as the explorer shows it in Nairobi: "2024-01-03 08:00:00". */
  private static String nairobi(String instant) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .format(Instant.parse(instant).atZone(java.time.ZoneId.of("Africa/Nairobi")));
  }

  private static List<List<String>> rows(ChromeDriver chrome, String css) {
    List<List<String>> out = new ArrayList<>();
    for (WebElement tr : chrome.findElements(By.cssSelector(css))) {
      out.add(tr.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList());
    }
    return out;
  }

  /** Three raw readings of t1 with QA flags, as the sink stores them (influxdb-schema.md). */
  private static void writeFlaggedReadings(String influxUrl, String db) {
    try (org.influxdb.InfluxDB influx = org.influxdb.InfluxDBFactory.connect(influxUrl)) {
      influx.write(
          db,
          "autogen",
          org.influxdb.InfluxDB.ConsistencyLevel.ONE,
          List.of(
              "reading,sensor=t1 pm25=900,pm25_raw=900,flags=\"pm25:out-of-range\" "
                  + Instant.parse("2024-01-03T05:00:00Z").toEpochMilli() * 1_000_000L,
              "reading,sensor=t1 pm25=31,pm25_raw=33,flags=\"pm25:stuck,humidity:out-of-range\" "
                  + Instant.parse("2024-01-03T09:30:00Z").toEpochMilli() * 1_000_000L,
              "reading,sensor=t1 humidity=120,flags=\"humidity:out-of-range\" "
                  + Instant.parse("2024-01-03T10:00:00Z").toEpochMilli() * 1_000_000L));
    }
  }

  /** Size, inked pixels, labels and datasets of both Chart.js instances, read in the page. */
  private static JsonNode chartState(ChromeDriver chrome) throws Exception {
    String state =
        (String)
            chrome.executeScript(
                """
                const out = {};
                for (const id of ["series", "phases"]) {
                  const chart = Chart.getChart(id);
                  const canvas = chart.canvas;
                  const box = canvas.getBoundingClientRect();
                  const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
                  let inked = 0;
                  for (let i = 3; i < px.length; i += 4) if (px[i] > 0) inked++;
                  out[id] = {
                    width: box.width, height: box.height, inked,
                    ariaLabel: canvas.getAttribute("aria-label") || "",
                    labels: chart.data.labels || [],
                    datasets: chart.data.datasets.map((d) => ({
                      label: d.label,
                      dash: d.borderDash || [],
                      pointStyle: d.pointStyle || null,
                      patterned: d.backgroundColor instanceof CanvasPattern,
                      data: d.data.map((p) => (p !== null && typeof p === "object" ? [p.x, p.y] : p)),
                    })),
                  };
                }
                return JSON.stringify(out);""");
    return Json.mapper().readTree(state);
  }

  private static void assertChartDrawn(JsonNode chart) {
    assertThat(chart.get("width").asDouble()).isGreaterThan(300);
    assertThat(chart.get("height").asDouble()).isGreaterThan(200);
    assertThat(chart.get("inked").asLong()).as("pixels drawn on the canvas").isGreaterThan(1000);
  }

  /** Lines differ by dash and marker, bars by fill pattern; canvases and controls are named. */
  private static void assertReadableWithoutColour(JsonNode charts, ChromeDriver chrome) {
    JsonNode lines = charts.at("/series/datasets");
    assertThat(lines.get(0).get("dash")).isNotEqualTo(lines.get(1).get("dash"));
    assertThat(lines.get(0).get("pointStyle")).isNotEqualTo(lines.get(1).get("pointStyle"));
    JsonNode bars = charts.at("/phases/datasets");
    assertThat(bars.get(0).get("patterned").asBoolean()).as("treated bars patterned").isTrue();
    assertThat(bars.get(1).get("patterned").asBoolean()).as("control bars patterned").isTrue();
    assertThat(charts.at("/series/ariaLabel").asText()).isNotBlank();
    assertThat(charts.at("/phases/ariaLabel").asText()).isNotBlank();
    assertThat(chrome.findElement(By.cssSelector("label[for='quantity']")).getText())
        .isEqualTo(EN.t("quantity.label"));
  }

  /**
   * The line chart: hourly means of the valid sensor-hours of the treated and of the control
   * sensors, as /api/series gives them; the invalid sensor-hours marked apart.
   */
  private void assertSeriesChartShowsTheApiSeries(
      JsonNode chart, String base, JsonNode periods, double hourGate) throws Exception {
    String from = periods.at("/before/0/from").asText();
    String to = periods.at("/after/to").asText();
    JsonNode datasets = chart.get("datasets");
    assertThat(datasets).hasSize(3);
    assertThat(datasets.get(0).get("label").asText()).isEqualTo(EN.t("closure.series.treated"));
    assertThat(datasets.get(1).get("label").asText()).isEqualTo(EN.t("closure.series.control"));
    assertThat(datasets.get(2).get("label").asText()).isEqualTo(EN.t("closure.series.invalid"));
    List<List<String>> groups = List.of(MoiAvenueFixture.TREATED, MoiAvenueFixture.CONTROL);
    int invalid = 0;
    for (int g = 0; g < 2; g++) {
      Map<Long, double[]> expected = new LinkedHashMap<>();
      for (String sensor : groups.get(g)) {
        JsonNode series =
            page.json(
                "/api/series?sensor="
                    + sensor
                    + "&quantity=pm25&window=1h&from="
                    + URLEncoder.encode(from, StandardCharsets.UTF_8)
                    + "&to="
                    + URLEncoder.encode(to, StandardCharsets.UTF_8));
        for (JsonNode p : series.get("points")) {
          if (p.get("count").asLong() < hourGate * p.get("expected").asLong()) {
            invalid++;
            continue;
          }
          double[] acc =
              expected.computeIfAbsent(
                  Instant.parse(p.get("time").asText()).toEpochMilli(), t -> new double[2]);
          acc[0] += p.get("mean").asDouble();
          acc[1]++;
        }
      }
      List<JsonNode> drawn = new ArrayList<>();
      datasets.get(g).get("data").forEach(p -> drawn.add(p));
      drawn.removeIf(p -> p.get(1).isNull());
      assertThat(drawn).hasSize(expected.size()).hasSizeGreaterThan(24 * 6);
      int i = 0;
      for (Map.Entry<Long, double[]> e : expected.entrySet()) {
        JsonNode point = drawn.get(i++);
        assertThat(point.get(0).asLong()).isEqualTo(e.getKey());
        assertThat(point.get(1).asDouble())
            .as("%s at %s", datasets.get(g).get("label").asText(), Instant.ofEpochMilli(e.getKey()))
            .isCloseTo(e.getValue()[0] / e.getValue()[1], within(1e-9));
      }
    }
    assertThat(invalid).as("the fixture's outage hours").isEqualTo(4);
    assertThat(datasets.get(2).get("data")).hasSize(invalid);
  }

  /** The bar chart: the changes during and after, and the difference in differences. */
  private static void assertPhasesChartShowsTheReport(JsonNode chart, JsonNode report) {
    assertThat(chart.get("labels"))
        .extracting(JsonNode::asText)
        .containsExactly(
            EN.t("closure.phases.during"),
            EN.t("closure.phases.after"),
            EN.t("closure.phases.did"));
    JsonNode ds = chart.get("datasets");
    assertThat(ds).hasSize(3);
    String[] groups = {"treated", "control"};
    for (int g = 0; g < 2; g++) {
      JsonNode data = ds.get(g).get("data");
      assertThat(ds.get(g).get("label").asText()).isEqualTo(EN.t("closure.phases." + groups[g]));
      assertThat(data.get(0).asDouble())
          .isEqualTo(report.get(groups[g]).at("/duringVsBefore/percent").asDouble());
      assertThat(data.get(1).asDouble())
          .isEqualTo(report.get(groups[g]).at("/afterVsBefore/percent").asDouble());
      assertThat(data.get(2).isNull()).isTrue();
    }
    assertThat(ds.get(2).get("data").get(2).asDouble())
        .isEqualTo(report.at("/differenceInDifferences/percent").asDouble());
  }

  private static void assertTableShowsTheReport(ChromeDriver chrome, JsonNode report) {
    WebElement table = chrome.findElement(By.cssSelector("#main table"));
    assertThat(table.findElement(By.tagName("caption")).getText())
        .contains(report.get("methodVersion").asText())
        .contains(fmt(report.get("coverageGate").asDouble() * 100, 0) + " %");
    List<List<String>> shown = new ArrayList<>();
    for (WebElement tr : table.findElements(By.cssSelector("tbody tr"))) {
      shown.add(
          tr.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList());
    }
    List<List<String>> expected = new ArrayList<>();
    for (JsonNode g : groups(report)) {
      for (String phase : List.of("before", "during", "after")) {
        JsonNode s = g.at("/phases/" + phase);
        if (s.isMissingNode()) {
          continue;
        }
        JsonNode ch =
            phase.equals("during")
                ? g.get("duringVsBefore")
                : phase.equals("after") ? g.get("afterVsBefore") : null;
        expected.add(
            List.of(
                EN.group(g.get("label").asText()),
                EN.t("phase." + phase),
                fmt(s.get("mean"), 2),
                s.get("validHours").asText() + " / " + s.get("expectedHours").asText(),
                fmt(s.get("coverage").asDouble() * 100, 0) + " %",
                s.get("days").asText(),
                ch == null ? "" : pct(ch.get("percent")),
                ch == null
                    ? ""
                    : EN.t(
                        "closure.table.range",
                        "low",
                        pct(ch.get("lowPercent")),
                        "high",
                        pct(ch.get("highPercent"))),
                phase.equals("during") ? EN.t("outcome." + g.get("outcome").asText()) : ""));
      }
    }
    JsonNode did = report.get("differenceInDifferences");
    expected.add(
        List.of(
            EN.t("group.did"),
            EN.t("phase.during"),
            "",
            pct(did.get("percent")),
            EN.t(
                "closure.table.range",
                "low",
                pct(did.get("lowPercent")),
                "high",
                pct(did.get("highPercent"))),
            EN.t("outcome." + report.get("didOutcome").asText())));
    assertThat(shown).containsExactlyElementsOf(expected);
  }

  private static void assertCsvMatchesTheReport(String csv, JsonNode report) {
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("# method_version: " + report.get("methodVersion").asText());
    assertThat(lines).anyMatch(l -> l.startsWith("# licence: "));
    List<String> rows = lines.stream().filter(l -> !l.startsWith("#")).toList();
    assertThat(rows.get(0))
        .isEqualTo(
            "group,phase,mean,valid_hours,invalid_hours,expected_hours,coverage,days,"
                + "change_percent,ci_low_percent,ci_high_percent,outcome");
    int checked = 0;
    for (JsonNode g : groups(report)) {
      for (String phase : List.of("before", "during", "after")) {
        JsonNode s = g.at("/phases/" + phase);
        String row =
            rows.stream()
                .filter(r -> r.startsWith(g.get("label").asText() + "," + phase + ","))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("no CSV row " + g.get("label") + " " + phase));
        String[] f = row.split(",", -1);
        assertThat(Double.parseDouble(f[2])).isCloseTo(s.get("mean").asDouble(), within(5e-5));
        assertThat(f[3]).isEqualTo(s.get("validHours").asText());
        assertThat(f[5]).isEqualTo(s.get("expectedHours").asText());
        assertThat(f[7]).isEqualTo(s.get("days").asText());
        if (phase.equals("during")) {
          JsonNode ch = g.get("duringVsBefore");
          assertThat(Double.parseDouble(f[8]))
              .isCloseTo(ch.get("percent").asDouble(), within(5e-5));
          assertThat(Double.parseDouble(f[9]))
              .isCloseTo(ch.get("lowPercent").asDouble(), within(5e-5));
          assertThat(f[11]).isEqualTo(g.get("outcome").asText());
        }
        checked++;
      }
    }
    assertThat(rows).hasSize(1 + checked + 1);
    assertThat(rows.get(rows.size() - 1)).startsWith("difference-in-differences,during,");
  }

  private static List<JsonNode> groups(JsonNode report) {
    List<JsonNode> out = new ArrayList<>();
    out.add(report.get("treated"));
    if (!report.get("control").isNull()) {
      out.add(report.get("control"));
    }
    report.get("breakdown").forEach(out::add);
    assertThat(out).extracting(g -> g.get("label").asText()).contains("area:CBD", "county:Nairobi");
    return out;
  }

  private static String awaitDownload(Path file) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Path partial = file.resolveSibling(file.getFileName() + ".crdownload");
    while (!(Files.exists(file) && !Files.exists(partial)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(file).as("the downloaded CSV").exists();
    return Files.readString(file);
  }

  /**
   * JavaScript's {@code Number.prototype.toFixed}: half away from zero on the exact binary value.
   */
  static String toFixed(double v, int digits) {
    String abs = new BigDecimal(Math.abs(v)).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    return (v < 0 ? "-" : "") + abs;
  }

  /** The page's {@code fmt}: a dash for a missing number. */
  private static String fmt(JsonNode v, int digits) {
    return v == null || v.isNull() ? "—" : toFixed(v.asDouble(), digits);
  }

  private static String fmt(double v, int digits) {
    return toFixed(v, digits);
  }

  /** The page's {@code pct}: signed, one decimal, a dash for a missing number. */
  private static String pct(JsonNode v) {
    if (v == null || v.isNull()) {
      return "—";
    }
    return (v.asDouble() > 0 ? "+" : "") + toFixed(v.asDouble(), 1) + " %";
  }
}
