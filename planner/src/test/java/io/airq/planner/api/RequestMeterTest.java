package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMeterTest {
  @Test
  void idsAndFileNamesCollapseIntoTheirRouteSoTheMetricKeepsFewSeries() {
    assertThat(RequestMeter.route("/api/closures/moi-avenue/impact"))
        .isEqualTo("/api/closures/{id}/impact");
    assertThat(RequestMeter.route("/api/closures/moi-avenue")).isEqualTo("/api/closures/{id}");
    assertThat(RequestMeter.route("/api/closures/")).isEqualTo("/api/closures");
    assertThat(RequestMeter.route("/api/sensors")).isEqualTo("/api/sensors");
    assertThat(RequestMeter.route("/api/sensors/esp8266-1")).isEqualTo("/api/sensors/{id}");
    assertThat(RequestMeter.route("/api/sensors/esp8266-1/retire"))
        .isEqualTo("/api/sensors/{id}/retire");
    assertThat(RequestMeter.route("/api/sensors/import")).isEqualTo("/api/sensors/import");
    assertThat(RequestMeter.route("/api/sensors/x/y")).isEqualTo("other");
    assertThat(RequestMeter.route("/api/series")).isEqualTo("/api/series");
    assertThat(RequestMeter.route("/api/tokens")).isEqualTo("/api/tokens");
    assertThat(RequestMeter.route("/api/tokens/0a1b2c3d4e5f")).isEqualTo("/api/tokens/{id}");
    assertThat(RequestMeter.route("/api/audit")).isEqualTo("/api/audit");
    assertThat(RequestMeter.route("/index.html")).isEqualTo("/");
    assertThat(RequestMeter.route("/web/js/main.js")).isEqualTo("/web/");
    assertThat(RequestMeter.route("/webjars/chart.js/4.5.1/dist/chart.umd.min.js"))
        .isEqualTo("/webjars/");
    // anything a scanner may try is one series, not one per path
    assertThat(RequestMeter.route("/wp-login.php")).isEqualTo("other");
    assertThat(RequestMeter.route("/api/closures/x/y/z")).isEqualTo("other");
    assertThat(RequestMeter.route("/api/closures/x/csv")).isEqualTo("other");
  }
}
