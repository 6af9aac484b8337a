package io.airq.sink.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.index.IndexValue;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Grafana's dashboard (deploy/grafana) reads only fields the sink writes, and each index panel's
 * title names the averaging its index was computed on: the daily panels (EPA's daily AQI with O3
 * and CO on their 8h-daily-max, NAQI on CPCB's calendar day) read window {@code day}, the rolling
 * ones {@code 24h}, the hourly ones {@code 1h}.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD = Path.of("../deploy/grafana/dashboards/airq-overview.json");
  private static final Pattern SELECTED =
      Pattern.compile("\\(\"([a-z0-9_]+)\"\\) FROM \"average\"");

  /** The field keys of {@code average} points of a window with both US indices. */
  private static Set<String> averageFields() {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    WindowAverage a =
        new WindowAverage(
            Scope.SENSOR,
            "s",
            "a",
            "c",
            AverageWindow.HOUR,
            t,
            t.plusSeconds(3600),
            Quantity.PM25,
            60,
            60,
            100,
            1,
            2,
            3,
            4,
            "none",
            List.of(
                new IndexValue("aqi_us_nowcast", "us-epa-2024", 1, "Good", Quantity.PM25, "n"),
                new IndexValue("aqi_us", "us-epa-2024", 1, "Good", Quantity.PM25, "d"),
                new IndexValue("aqi_us_overall", "us-epa-2024", 1, "Good", Quantity.PM25, "n"),
                new IndexValue("eaqi", "eu-eaqi-2024", 1, "Good", Quantity.PM25, "e"),
                new IndexValue("naqi", "in-naqi-2014", 1, "Good", Quantity.PM25, "n")));
    String line = ((LineResult.Lines) PointMapper.average(a)).lines().get(0);
    Set<String> out = new HashSet<>();
    for (String kv : line.split(" ")[1].split(",")) {
      out.add(kv.substring(0, kv.indexOf('=')));
    }
    return out;
  }

  @Test
  void everyAverageFieldThePanelsReadIsWrittenAndIndexPanelsNameTheirAveraging() throws Exception {
    JsonNode d = Json.mapper().readTree(Files.readString(DASHBOARD));
    Set<String> written = averageFields();
    int indexPanels = 0;
    boolean naqiDay = false;
    boolean dailyWithGases = false;
    for (JsonNode panel : d.path("panels")) {
      String title = panel.path("title").asText();
      for (JsonNode target : panel.path("targets")) {
        Matcher m = SELECTED.matcher(target.path("query").asText());
        while (m.find()) {
          String field = m.group(1);
          assertThat(written).as("field %s of panel '%s'", field, title).contains(field);
          if (field.equals("aqi_us_nowcast")) {
            assertThat(title).contains("NowCast").contains("12 hourly");
            assertThat(target.path("query").asText()).contains("\"window\" = '1h'");
            indexPanels++;
          } else if (field.equals("aqi_us_overall")) {
            assertThat(title).contains("of the hour").contains("1-hour").contains("8-hour");
            assertThat(target.path("query").asText()).contains("\"window\" = '1h'");
            indexPanels++;
          } else if (field.equals("eaqi")) {
            assertThat(title).contains("24-hour running mean").contains("hourly");
            assertThat(target.path("query").asText()).contains("\"window\" = '1h'");
            indexPanels++;
          } else if (field.equals("naqi")) {
            String query = target.path("query").asText();
            assertThat(title).contains("at least 3 pollutants").contains("8-hour");
            assertThat(query).doesNotContain("\"quantity\"");
            if (query.contains("\"window\" = 'day'")) {
              assertThat(title).contains("CPCB's day").contains("local calendar day");
              naqiDay = true;
            } else {
              assertThat(title).contains("rolling 24-hour");
              assertThat(query).contains("\"window\" = '24h'");
            }
            indexPanels++;
          } else if (field.equals("aqi_us")) {
            String query = target.path("query").asText();
            if (query.contains("\"window\" = 'day'")) {
              assertThat(title).contains("daily AQI").contains("local calendar day");
              if (!query.contains("\"quantity\" =")) {
                // every pollutant's daily AQI: O3 and CO are on their 8h-daily-max
                assertThat(title).contains("O3 and CO on the day's highest 8-hour mean");
                assertThat(query).contains("max(\"aqi_us\")");
                dailyWithGases = true;
              }
            } else {
              assertThat(title).contains("rolling 24-hour");
              assertThat(query).contains("\"window\" = '24h'");
            }
            indexPanels++;
          }
        }
      }
    }
    assertThat(naqiDay).as("a panel of NAQI on CPCB's calendar day").isTrue();
    assertThat(dailyWithGases).as("a panel of the daily AQI with O3 and CO").isTrue();
    assertThat(indexPanels).isEqualTo(8);
  }
}
