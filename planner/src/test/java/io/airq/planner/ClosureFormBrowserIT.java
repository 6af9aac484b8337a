package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A closure registered, changed and withdrawn on the page with an editor token, in headless
 * Chromium against a planner on real Kafka and InfluxDB: without a token (or with a wrong one) the
 * form is refused and nothing is registered; with the token, an invalid closure shows the API's own
 * 422 messages; a valid one is in the API and in the list.
 */
@RealServers
class ClosureFormBrowserIT {
  private static final PageMessages EN = PageMessages.load("en");
  private static final String ADMIN = "form-test-admin";
  private static final String ID = "form-made-2024";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aClosureMadeThroughTheFormIsInTheListAndTheApiAndTheFormWithoutATokenIsRefused(
      Servers servers) throws Exception {
    String prefix = servers.newPrefix("page-form");
    String db = servers.newDatabase("page_form");
    Path work = servers.newDirectory("page-form");
    MoiAvenueFixture.publishSensors(servers.kafkaBootstrap(), prefix);
    MoiAvenueFixture.writeHourlyAverages(servers.influxUrl(), db);
    try (PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(ADMIN))) {
      String base = "http://127.0.0.1:" + planner.port();
      awaitSensors(base, 4);
      HttpResponse<String> created =
          send(
              "POST",
              base + "/api/tokens",
              "{\"name\":\"page editor\",\"role\":\"editor\"}",
              ADMIN);
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String editor = Json.mapper().readTree(created.body()).get("token").asText();
      // a sensor on a resident's house: public output, the maps included, shows it ~100 m off
      HttpResponse<String> resident =
          send(
              "POST",
              base + "/api/sensors",
              "{\"id\":\"r1\",\"lat\":-1.283456,\"lon\":36.821789,\"area\":\"CBD\","
                  + "\"hostType\":\"resident\"}",
              ADMIN);
      assertThat(resident.statusCode()).as(resident.body()).isEqualTo(201);
      awaitSensors(base, 5);

      ChromeDriver chrome =
          HeadlessChromium.start(work, Files.createDirectories(work.resolve("d")));
      try {
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
        new Select(chrome.findElement(By.id("role-t1"))).selectByValue("treated");
        new Select(chrome.findElement(By.id("role-c1"))).selectByValue("control");

        // no token: refused by the page, nothing registered
        assertThat(submit(chrome)).containsExactly(EN.t("form.noToken"));
        // a wrong token: refused by the planner, with its reason
        type(chrome, "token", "not-a-token");
        assertThat(submit(chrome))
            .containsExactly(EN.t("form.noToken"), "the token is unknown or revoked");
        assertThat(get(base + "/api/closures/" + ID).statusCode()).isEqualTo(404);

        // the editor's token, an end before the start: the API's own 422 messages
        type(chrome, "token", editor);
        HttpResponse<String> api =
            send(
                "POST",
                base + "/api/closures",
                "{\"id\":\""
                    + ID
                    + "\",\"start\":\"2024-01-04T00:00:00\",\"end\":\"2024-01-03T00:00:00\","
                    + "\"zone\":\"Africa/Nairobi\",\"treated\":{\"sensors\":[\"t1\"]},"
                    + "\"control\":{\"sensors\":[\"c1\"]}}",
                editor);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
        List<String> apiErrors = new ArrayList<>();
        Json.mapper().readTree(api.body()).get("errors").forEach(e -> apiErrors.add(e.asText()));
        assertThat(apiErrors).contains("end must be after start");
        assertThat(submit(chrome)).containsExactlyElementsOf(apiErrors);

        // fixed: the phases preview, then saved, registered, listed
        setLocal(chrome, "end", "2024-01-06T00:00");
        type(chrome, "baseline", "3");
        type(chrome, "after", "48");
        List<WebElement> phases = chrome.findElements(By.cssSelector("#preview li"));
        assertThat(phases).hasSize(3);
        assertThat(phases.get(1).getText()).startsWith(EN.t("form.previewDuring") + ":");
        assertThat(submit(chrome)).isEmpty();
        wait(chrome).until(d -> d.getCurrentUrl().endsWith("#/closure/" + ID));
        JsonNode closure = json(base + "/api/closures/" + ID);
        assertThat(closure.get("name").asText()).isEqualTo("Made on the page");
        assertThat(closure.get("start").asText()).startsWith("2024-01-04T00:00");
        assertThat(closure.get("end").asText()).startsWith("2024-01-06T00:00");
        assertThat(closure.get("zone").asText()).isEqualTo("Africa/Nairobi");
        assertThat(closure.at("/treated/sensors/0").asText()).isEqualTo("t1");
        assertThat(closure.at("/control/sensors/0").asText()).isEqualTo("c1");
        assertThat(Duration.parse(closure.get("baseline").asText())).isEqualTo(Duration.ofDays(3));
        assertThat(Duration.parse(closure.get("after").asText())).isEqualTo(Duration.ofHours(48));
        chrome.get(base + "/#/");
        wait(chrome).until(d -> !d.findElements(By.linkText("Made on the page")).isEmpty());

        // changed, then withdrawn
        chrome.get(base + "/#/closure/" + ID + "/edit");
        wait(chrome).until(d -> !d.findElements(By.id("closure-form")).isEmpty());
        type(chrome, "name", "Made and changed on the page");
        assertThat(submit(chrome)).isEmpty();
        wait(chrome).until(d -> d.getCurrentUrl().endsWith("#/closure/" + ID));
        assertThat(json(base + "/api/closures/" + ID).get("name").asText())
            .isEqualTo("Made and changed on the page");
        chrome.get(base + "/#/closure/" + ID + "/edit");
        wait(chrome).until(d -> !d.findElements(By.id("withdraw")).isEmpty());
        chrome.findElement(By.id("withdraw")).click();
        chrome.switchTo().alert().accept();
        wait(chrome).until(d -> d.getCurrentUrl().endsWith("#/closure/" + ID));
        assertThat(json(base + "/api/closures/" + ID).get("withdrawnAt").isNull()).isFalse();
      } finally {
        chrome.quit();
      }
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

  private void awaitSensors(String base, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (json(base + "/api/sensors").size() >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the planner did not see " + n + " sensors");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String url) throws Exception {
    HttpResponse<String> r = get(url);
    assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private HttpResponse<String> send(String method, String url, String body, String token)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
