package io.airq.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.SimMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Cork hourly NO2 files, with the example site list docs/examples/cork-sites.csv. */
class CorkReplayTest {
  private static final Path CORK =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"), "cork");
  static final Path SITES_FILE = Path.of("..", "docs", "examples", "cork-sites.csv");
  private static final SiteList SITES = SiteList.read(SITES_FILE);

  /** Instants and NO2 values of the rows with an NO2 value, read without the replay code. */
  private record Expected(List<Instant> times, List<Double> no2, long rows) {}

  private static Expected expected(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
    int no2 = header.indexOf("NO2");
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      if (!f[no2].equals("NA")) {
        // "2023-08-06 18:00:00+01:00"
        times.add(OffsetDateTime.parse(f[0].replace("\"", "").replace(' ', 'T')).toInstant());
        values.add(Double.valueOf(f[no2]));
      }
    }
    return new Expected(times, values, lines.size() - 1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SPS", "OP", "GP", "BS"})
  void eachSiteSendsExactlyItsRowsWithAnNo2ValueAtTheirOriginalInstants(String site)
      throws IOException {
    Path file = CORK.resolve(site + "_combined.csv");
    Expected want = expected(file);

    HourlyNo2File.Read read = HourlyNo2File.read(file, SITES.siteOf(file));
    List<SimMessage> messages = ReplayMessages.hourlyMessages(read.readings(), null);

    assertThat(read.rows()).isEqualTo(want.rows());
    assertThat(read.badRows()).isZero();
    assertThat(read.missingNo2()).isEqualTo(want.rows() - want.times().size());
    assertThat(messages).hasSize(want.times().size());
    String sensor = "cork-" + site.toLowerCase();
    List<Instant> times = new ArrayList<>();
    List<Double> no2 = new ArrayList<>();
    for (SimMessage m : messages) {
      assertThat(m.topic()).isEqualTo("airq/v1/cork-city-centre/" + sensor + "/airq");
      JsonNode body = Json.mapper().readTree(m.payload());
      Instant t = Instant.parse(body.get("time").asText());
      assertThat(m.publishAt()).isEqualTo(t);
      times.add(t);
      no2.add(body.get("values").get("no2").asDouble());
    }
    assertThat(times).isEqualTo(want.times());
    assertThat(no2).isEqualTo(want.no2());
  }

  @Test
  void aRowCarriesTheAirportTemperatureAndHumidityAndTheHourStartFromItsOffset()
      throws IOException {
    Path bs = CORK.resolve("BS_combined.csv");
    SimMessage first =
        ReplayMessages.hourlyMessages(HourlyNo2File.read(bs, SITES.siteOf(bs)).readings(), null)
            .get(0);
    // "2023-08-06 18:00:00+01:00",...,temp 17.7,...,rhum 55,...,NO2 12.1413636363636
    assertThat(new String(first.payload()))
        .isEqualTo(
            "{\"time\":\"2023-08-06T17:00:00Z\",\"values\":{\"no2\":12.1413636363636,"
                + "\"temperature\":17.7,\"humidity\":55.0}}");
  }

  @Test
  void theDirectoryRegistersOneSensorPerListedSiteNoClosureAndSkipsTheHolidayList()
      throws IOException {
    long expected = 0;
    for (String site : List.of("SPS", "OP", "GP", "BS")) {
      expected += expected(CORK.resolve(site + "_combined.csv")).times().size();
    }

    ReplayPlan plan = ReplayPlan.of(List.of(CORK), null, "", Duration.ofSeconds(155), SITES);

    assertThat(plan.messages()).hasSize((int) expected);
    assertThat(plan.messages())
        .isSortedAccordingTo((a, b) -> a.publishAt().compareTo(b.publishAt()));
    assertThat(plan.sensors())
        .extracting(Sensor::id)
        .containsExactlyInAnyOrder("cork-sps", "cork-op", "cork-gp", "cork-bs");
    assertThat(plan.sensors())
        .allSatisfy(
            s -> {
              assertThat(s.county()).isEqualTo("Cork");
              assertThat(s.area()).isEqualTo("Cork city centre");
              assertThat(s.gatewayId()).isEqualTo("cork-city-centre");
              assertThat(s.reportingInterval()).isEqualTo(Duration.ofHours(1));
              assertThat(s.lat()).isBetween(51.89, 51.91);
              assertThat(s.lon()).isBetween(-8.48, -8.46);
            });
    assertThat(plan.sensors().stream().filter(s -> s.id().equals("cork-sps")).findFirst())
        .get()
        .satisfies(s -> assertThat(s.street()).isEqualTo("St Patrick's Street"));
  }

  @Test
  void anHourlyFileWithoutItsSiteIsRefusedNamingTheFileAndTheSitesOption() {
    assertThatThrownBy(
            () -> ReplayPlan.of(List.of(CORK), null, "", Duration.ofSeconds(155), SiteList.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_combined.csv")
        .hasMessageContaining("--sites");
  }

  @Test
  void aFormatThatCannotCarryNo2IsRefusedNamingTheFormatsThatCan() {
    for (String format : List.of("sensor-community", "airgradient", "purpleair")) {
      assertThatThrownBy(() -> ReplayPlan.of(List.of(CORK), format, "", Duration.ZERO, SITES))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(format)
          .hasMessageContaining("NO2")
          .hasMessageContaining("airq or senml");
    }
    assertThatThrownBy(() -> ReplayPlan.of(List.of(CORK), "xml", "", Duration.ZERO, SITES))
        .hasMessageContaining("unknown payload format xml");
  }
}
