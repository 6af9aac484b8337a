package io.airq.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.devstack.junit.Servers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' shared set-up: a fixture's sensors and averages on the real servers (a fresh
 * topic prefix and database), a planner on them with an admin token, once it sees the sensors, and
 * headless Chromium with a downloads folder; the API calls and waits the tests share. Closing it
 * quits Chromium and stops the planner.
 */
final class PageSession implements AutoCloseable {
  /** Loads a fixture's registry and stored averages. */
  interface Fixture {
    void load(String bootstrap, String prefix, String influxUrl, String db) throws Exception;
  }

  final String base;
  final ChromeDriver chrome;
  final Path downloads;
  final String influxUrl;
  final String db;
  private final String admin;
  private final PlannerServer planner;
  private final HttpClient http = HttpClient.newHttpClient();

  private PageSession(
      PlannerServer planner, ChromeDriver chrome, Path downloads, Servers s, String db, String a) {
    this.planner = planner;
    this.base = "http://127.0.0.1:" + planner.port();
    this.chrome = chrome;
    this.downloads = downloads;
    this.influxUrl = s.influxUrl();
    this.db = db;
    this.admin = a;
  }

  /**
   * Loads {@code fixture} under names made from {@code name}, starts the planner with {@code admin}
   * as its admin token, waits until it sees {@code sensors} sensors, starts Chromium.
   */
  static PageSession start(Servers servers, String name, Fixture fixture, int sensors, String admin)
      throws Exception {
    String prefix = servers.newPrefix(name);
    String db = servers.newDatabase(name.replace('-', '_'));
    Path work = servers.newDirectory(name);
    fixture.load(servers.kafkaBootstrap(), prefix, servers.influxUrl(), db);
    PlannerServer planner =
        PlannerServer.start(
            PlannerConfig.of(0, servers.influxUrl(), db, servers.kafkaBootstrap(), prefix)
                .withAdminToken(admin));
    Path downloads = Files.createDirectories(work.resolve("downloads"));
    ChromeDriver chrome;
    try {
      chrome = HeadlessChromium.start(work, downloads);
    } catch (Exception | AssertionError e) {
      planner.close();
      throw e;
    }
    PageSession session = new PageSession(planner, chrome, downloads, servers, db, admin);
    try {
      session.awaitSensors(sensors);
    } catch (Exception | AssertionError e) {
      session.close();
      throw e;
    }
    return session;
  }

  /** Waits (≤ 60 s) until the planner's registry holds at least {@code n} sensors. */
  void awaitSensors(int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (json("/api/sensors").size() >= n) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the planner did not see " + n + " sensors");
  }

  /** Opens a page of the planner ({@code "/#/closure/x"}). */
  void open(String path) {
    chrome.get(base + path);
  }

  WebDriverWait waiting() {
    return new WebDriverWait(chrome, Duration.ofSeconds(30));
  }

  /** Waits (≤ 60 s) until the closure page drew its series and phases charts; fails on an error. */
  void awaitCharts() {
    try {
      new WebDriverWait(chrome, Duration.ofSeconds(60))
          .until(
              d ->
                  (Boolean)
                      chrome.executeScript(
                          "return !!document.querySelector('#main .error')"
                              + " || !!(window.Chart && Chart.getChart('series')"
                              + " && Chart.getChart('phases'))"));
    } catch (TimeoutException e) {
      throw new AssertionError(
          "the closure page drew no charts in 60 s; it shows: "
              + chrome.findElement(By.id("main")).getText(),
          e);
    }
    assertThat(chrome.findElements(By.cssSelector("#main .error")))
        .as("error shown by the page")
        .extracting(WebElement::getText)
        .isEmpty();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GET {@code path}, which must answer 200, as JSON. */
  JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  /** {@code method} {@code path} with a JSON body and the admin token. */
  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(method, path, body, admin);
  }

  HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    try {
      chrome.quit();
    } finally {
      planner.close();
    }
  }
}
