package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A closure registered, changed and withdrawn on the page with an editor token, in headless
 * Chromium against a planner on real Kafka and InfluxDB: without a token (or with a wrong one) the
 * form is refused and nothing is registered; with the token, an invalid closure shows the API's 422
 * problems in the page's language (its message files, not the API's English); a valid one is in the
 * API and in the list.
 */
@RealServers
class ClosureFormBrowserIT {
  private static final PageMessages EN = PageMessages.load("en");
  private static final PageMessages SW = PageMessages.load("sw");
  private static final String ADMIN = "form-test-admin";
  private static final String ID = "form-made-2024";

  /** Moi Avenue between t1 and t2, as GeoJSON [lon, lat]. */
  private static final String STREET =
      "{\"type\":\"LineString\",\"coordinates\":[[36.82283,-1.28391],[36.8232,-1.2834],"
          + "[36.8235,-1.2829]]}";

  private PageSession page;

  @Test
  void aClosureMadeThroughTheFormIsInTheListAndTheApiAndTheFormWithoutATokenIsRefused(
      Servers servers) throws Exception {
    try (PageSession session =
        PageSession.start(
            servers,
            "page-form",
            (bootstrap, prefix, influx, db) -> {
              MoiAvenueFixture.publishSensors(bootstrap, prefix);
              MoiAvenueFixture.writeHourlyAverages(influx, db);
            },
            4,
            ADMIN)) {
      page = session;
      String base = session.base;
      ChromeDriver chrome = session.chrome;
      HttpResponse<String> created =
          page.send("POST", "/api/tokens", "{\"name\":\"page editor\",\"role\":\"editor\"}", ADMIN);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String editor = Json.mapper().readTree(created.body()).get("token").asText();
      // a sensor on a resident's house: public output, the maps included, shows it ~100 m off
      HttpResponse<String> resident =
          page.send(
              "POST",
              "/api/sensors",
              "{\"id\":\"r1\",\"lat\":-1.283456,\"lon\":36.821789,\"area\":\"CBD\","
                  + "\"hostType\":\"resident\"}",
              ADMIN);
      assertThat(resident.statusCode()).as(resident.body()).isEqualTo(201);
      session.awaitSensors(5);

      chrome.get(base + "/#/network");
      By r1 = By.cssSelector(".leaflet-marker-icon[data-sensor='r1']");
      wait(chrome).until(d -> !d.findElements(r1).isEmpty());
      WebElement marker = chrome.findElement(r1);
      assertThat(Double.parseDouble(marker.getAttribute("data-lat"))).isEqualTo(-1.283);
      assertThat(Double.parseDouble(marker.getAttribute("data-lon"))).isEqualTo(36.822);
      assertThat(marker.getAttribute("title")).contains(EN.t("map.coarsened"));

      chrome.get(base + "/#/");
      wait(chrome).until(d -> !d.findElements(By.id("new-closure")).isEmpty());
      chrome.findElement(By.id("new-closure")).click();
      wait(chrome).until(d -> !d.findElements(By.id("closure-form")).isEmpty());
      type(chrome, "id", ID);
      type(chrome, "name", "Made on the page");
      setLocal(chrome, "start", "2024-01-04T00:00");
      setLocal(chrome, "end", "2024-01-03T00:00");
      type(chrome, "zone", "Africa/Nairobi");
      // the map picker: Enter on t2's marker makes it treated, two clicks on c2's make it control;
      // the list follows; t1 and c1 are picked from the list
      By t2 = By.cssSelector("#picker-map .leaflet-marker-icon[data-sensor='t2']");
      By c2 = By.cssSelector("#picker-map .leaflet-marker-icon[data-sensor='c2']");
      wait(chrome).until(d -> !d.findElements(c2).isEmpty());
      chrome.findElement(t2).sendKeys(Keys.ENTER);
      chrome.findElement(c2).click();
      chrome.findElement(c2).click();
      assertThat(
              new Select(chrome.findElement(By.id("role-t2")))
                  .getFirstSelectedOption()
                  .getAttribute("value"))
          .isEqualTo("treated");
      assertThat(
              new Select(chrome.findElement(By.id("role-c2")))
                  .getFirstSelectedOption()
                  .getAttribute("value"))
          .isEqualTo("control");
      new Select(chrome.findElement(By.id("role-t1"))).selectByValue("treated");
      new Select(chrome.findElement(By.id("role-c1"))).selectByValue("control");
      // the closed street drawn on the map: two clicks away from the markers (which run from
      // Ruaka, north-west, to the CBD, south-east), north-east then south-west
      chrome.findElement(By.id("draw-street")).click();
      WebElement map = chrome.findElement(By.cssSelector("#picker-map .map"));
      chrome.executeScript("arguments[0].scrollIntoView({ block: 'center' })", map);
      new Actions(chrome).moveToElement(map, 150, -100).click().perform();
      new Actions(chrome).moveToElement(map, -150, 100).click().perform();
      chrome.findElement(By.id("draw-street")).click();
      assertThat(chrome.findElement(By.id("street-points")).getText())
          .isEqualTo(EN.t("form.streetPoints").replace("{n}", "2"));
      assertThat(chrome.findElements(By.cssSelector("#picker-map path.closed-street"))).hasSize(1);
      assertThat(chrome.findElements(By.cssSelector("#picker-map .leaflet-marker-icon.treated")))
          .extracting(e -> e.getAttribute("data-sensor"))
          .containsExactlyInAnyOrder("t1", "t2");
      assertThat(chrome.findElements(By.cssSelector("#picker-map .leaflet-marker-icon.control")))
          .extracting(e -> e.getAttribute("data-sensor"))
          .containsExactlyInAnyOrder("c1", "c2");

      // no token: refused by the page, nothing registered
      assertThat(submit(chrome)).containsExactly(EN.t("form.noToken"));
      // a wrong token: refused by the planner, with its reason in the page's words
      type(chrome, "token", "not-a-token");
      assertThat(submit(chrome))
          .containsExactly(EN.t("form.noToken"), EN.t("apiError.access.bad-token"));
      assertThat(page.get("/api/closures/" + ID).statusCode()).isEqualTo(404);

      // the editor's token, an end before the start: the API's 422 problems, in English
      type(chrome, "token", editor);
      HttpResponse<String> api =
          page.send(
              "POST",
              "/api/closures",
              "{\"id\":\""
                  + ID
                  + "\",\"start\":\"2024-01-04T00:00:00\",\"end\":\"2024-01-03T00:00:00\","
                  + "\"zone\":\"Africa/Nairobi\",\"treated\":{\"sensors\":[\"t1\"]},"
                  + "\"control\":{\"sensors\":[\"c1\"]}}",
              editor);
      assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
      JsonNode refused = Json.mapper().readTree(api.body());
      assertThat(refused.get("errors"))
          .extracting(JsonNode::asText)
          .contains("end must be after start");
      List<String> shown = new ArrayList<>();
      for (JsonNode p : refused.get("problems")) {
        shown.add(EN.t("apiError." + p.get("code").asText(), params(p.get("params"))));
      }
      assertThat(shown).hasSameSizeAs(refused.get("errors"));
      assertThat(shown).contains(EN.t("apiError.closure.end-before-start"));
      assertThat(submit(chrome)).containsExactlyElementsOf(shown);

      // fixed: the phases preview, then saved, registered, listed
      setLocal(chrome, "end", "2024-01-06T00:00");
      type(chrome, "baseline", "3");
      type(chrome, "after", "48");
      List<WebElement> phases = chrome.findElements(By.cssSelector("#preview li"));
      assertThat(phases).hasSize(3);
      assertThat(phases.get(1).getText()).startsWith(EN.t("form.previewDuring") + ":");
      assertThat(submit(chrome)).isEmpty();
      wait(chrome).until(d -> d.getCurrentUrl().endsWith("#/closure/" + ID));
      JsonNode closure = page.json("/api/closures/" + ID);
      assertThat(closure.get("name").asText()).isEqualTo("Made on the page");
      assertThat(closure.get("start").asText()).startsWith("2024-01-04T00:00");
      assertThat(closure.get("end").asText()).startsWith("2024-01-06T00:00");
      assertThat(closure.get("zone").asText()).isEqualTo("Africa/Nairobi");
      assertThat(closure.at("/treated/sensors"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("t1", "t2");
      assertThat(closure.at("/control/sensors"))
          .extracting(JsonNode::asText)
          .containsExactlyInAnyOrder("c1", "c2");
      JsonNode drawn = closure.at("/street/coordinates");
      assertThat(closure.at("/street/type").asText()).isEqualTo("LineString");
      assertThat(drawn).hasSize(2);
      assertThat(drawn.at("/0/0").asDouble()).isGreaterThan(drawn.at("/1/0").asDouble());
      assertThat(drawn.at("/0/1").asDouble()).isGreaterThan(drawn.at("/1/1").asDouble());
      for (JsonNode p : drawn) {
        assertThat(p.get(0).asDouble()).isBetween(36.70, 36.90);
        assertThat(p.get(1).asDouble()).isBetween(-1.35, -1.15);
      }
      assertThat(Duration.parse(closure.get("baseline").asText())).isEqualTo(Duration.ofDays(3));
      assertThat(Duration.parse(closure.get("after").asText())).isEqualTo(Duration.ofHours(48));
      chrome.get(base + "/#/");
      wait(chrome).until(d -> !d.findElements(By.linkText("Made on the page")).isEmpty());

      // a street given through the API: drawn on the form's map, kept when the form changes the
      // closure, then withdrawn
      ObjectNode withStreet = (ObjectNode) closure;
      withStreet.set("street", Json.mapper().readTree(STREET));
      HttpResponse<String> put =
          page.send("PUT", "/api/closures/" + ID, withStreet.toString(), editor);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      wait(chrome).until(d -> hasStreet(ID));
      chrome.get(base + "/#/closure/" + ID + "/edit");
      wait(chrome)
          .until(d -> !d.findElements(By.cssSelector("#picker-map path.closed-street")).isEmpty());
      type(chrome, "name", "Made and changed on the page");
      assertThat(submit(chrome)).isEmpty();
      wait(chrome).until(d -> d.getCurrentUrl().endsWith("#/closure/" + ID));
      JsonNode changed = page.json("/api/closures/" + ID);
      assertThat(changed.get("name").asText()).isEqualTo("Made and changed on the page");
      assertThat(changed.get("street")).isEqualTo(Json.mapper().readTree(STREET));
      // in Kiswahili, an end before the start: the Kiswahili message, not the API's English; then
      // withdrawn from the same form
      chrome.get(base + "/#/closure/" + ID + "/edit?lang=sw");
      wait(chrome).until(d -> !d.findElements(By.id("withdraw")).isEmpty());
      setLocal(chrome, "end", "2024-01-03T00:00");
      assertThat(submit(chrome))
          .containsExactly(SW.t("apiError.closure.end-before-start"))
          .doesNotContain("end must be after start", EN.t("apiError.closure.end-before-start"));
      chrome.findElement(By.id("withdraw")).click();
      chrome.switchTo().alert().accept();
      wait(chrome).until(d -> d.getCurrentUrl().endsWith("#/closure/" + ID + "?lang=sw"));
      assertThat(page.json("/api/closures/" + ID).get("withdrawnAt").isNull()).isFalse();
    }
  }

  /** A problem's params as name, value, … for {@link PageMessages#t}. */
  private static String[] params(JsonNode params) {
    List<String> out = new ArrayList<>();
    params
        .fields()
        .forEachRemaining(f -> List.of(f.getKey(), f.getValue().asText()).forEach(out::add));
    return out.toArray(String[]::new);
  }

  private boolean hasStreet(String id) {
    try {
      return page.json("/api/closures/" + id).has("street");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static WebDriverWait wait(ChromeDriver chrome) {
    return new WebDriverWait(chrome, Duration.ofSeconds(30));
  }

  private static void type(ChromeDriver chrome, String id, String text) {
    WebElement e = chrome.findElement(By.id(id));
    e.clear();
    e.sendKeys(text);
  }

  /** Sets a datetime-local input as a user's picker would, and tells the form. */
  private static void setLocal(ChromeDriver chrome, String id, String value) {
    chrome.executeScript(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
            + " e.dispatchEvent(new Event('input', { bubbles: true }));",
        id,
        value);
  }

  /** Clicks Save; returns the errors the form shows (empty once the page moved on). */
  private static List<String> submit(ChromeDriver chrome) throws InterruptedException {
    chrome.executeScript("document.getElementById('form-errors').innerHTML = ''");
    String before = chrome.getCurrentUrl();
    chrome.findElement(By.id("save")).click();
    wait(chrome)
        .until(
            d ->
                !d.getCurrentUrl().equals(before)
                    || !d.findElements(By.cssSelector("#form-errors li")).isEmpty());
    if (!chrome.getCurrentUrl().equals(before)) {
      return List.of();
    }
    return chrome.findElements(By.cssSelector("#form-errors li")).stream()
        .map(WebElement::getText)
        .toList();
  }
}
