package io.airq.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.core.registry.Sensor;
import io.airq.simulator.generate.SimMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensorsAfricaReplayTest {
  private static final Path NAIROBI =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"), "nairobi");
  private static final String SAMPLE = "nairobi_2021-03-25_to_2021-03-26_replay_sample.csv";
  private static final String ARCHIVE =
      "nairobi_2021-03-13_to_2021-04-09_sensors_africa_archive.csv.gz";

  @ParameterizedTest
  @ValueSource(strings = {SAMPLE, ARCHIVE})
  void replaySendsOneMessagePerPmDeviceReadingAndJoinsOrDropsEveryDhtReading(String name)
      throws IOException {
    Path file = NAIROBI.resolve(name);
    Set<String> pmReadings = new HashSet<>();
    Set<String> dhtReadings = new HashSet<>();
    long rows = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                name.endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(file))
                    : Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        rows++;
        String[] f = line.split(";");
        (f[1].equals("pms5003") ? pmReadings : dhtReadings).add(f[0] + " " + f[5]);
      }
    }

    SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(file);
    List<SimMessage> messages = ReplayMessages.messages(replay);

    assertThat(replay.rows()).isEqualTo(rows);
    assertThat(replay.badRows()).isZero();
    assertThat(messages).hasSize(pmReadings.size());
    assertThat(replay.joined() + replay.unpairedDropped()).isEqualTo(dhtReadings.size());
    assertThat(replay.joined()).isGreaterThan(dhtReadings.size() * 9 / 10);
    long withHumidity =
        messages.stream().filter(m -> new String(m.payload()).contains("\"humidity\"")).count();
    assertThat(withHumidity).isEqualTo(replay.joined());
    assertThat(messages)
        .allSatisfy(
            m -> assertThat(m.topic()).matches("airq/v1/sensorsafrica-\\d+/\\d+/sensor-community"));
    assertThat(ReplayMessages.sensors(replay, "Nairobi", Duration.ofSeconds(155)))
        .extracting(Sensor::id)
        .containsExactlyInAnyOrder("158", "174", "176", "944", "946");
  }

  @Test
  void pmReadingCarriesTheHumidityOfItsDhtTakenASecondLaterAndTheOriginalTimestamp() {
    SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(NAIROBI.resolve(SAMPLE));
    SimMessage first944 =
        ReplayMessages.messages(replay).stream()
            .filter(m -> m.topic().equals("airq/v1/sensorsafrica-3505/944/sensor-community"))
            .findFirst()
            .orElseThrow();
    JsonNode body = Json.mapper().valueToTree(Json.read(first944.payload(), Object.class));
    assertThat(body.get("timestamp").asText()).isEqualTo("2021-03-25T00:00:11.292869Z");
    assertThat(body.get("sensordatavalues").toString())
        .contains("{\"value_type\":\"P2\",\"value\":\"26.50\"}")
        .contains("{\"value_type\":\"humidity\",\"value\":\"74.80\"}")
        .contains("{\"value_type\":\"temperature\",\"value\":\"16.70\"}");
  }

  /** A device reading of {@code id} at {@code location}: PM values or humidity. */
  private static DeviceReading device(String id, String location, boolean pm) {
    return new DeviceReading(
        id,
        pm ? "pms5003" : "DHT22",
        location,
        -1.2,
        36.9,
        Instant.parse("2021-03-25T00:00:00Z"),
        pm ? Map.of("P2", "10.0") : Map.of("humidity", "70.0"));
  }

  @Test
  void sensorsPairWithinTheirLocationInIdOrderAndNeverAcrossLocations() {
    // the Nairobi archive's sensors as its rows place them (sensor_id, sensor_type, location)
    List<DeviceReading> devices =
        List.of(
            device("946", "3505", true),
            device("945", "3505", false),
            device("944", "3505", true),
            device("947", "3505", false),
            device("158", "33", true),
            device("159", "33", false),
            device("174", "76", true),
            device("175", "77", false),
            device("176", "77", true),
            device("1001", "", false));

    assertThat(SensorsAfricaArchive.partners(devices))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("945", "944", "947", "946", "159", "158", "175", "176"));
  }

  @Test
  void idsSortAsNumbersBeforeTextIds() {
    List<String> ids = new java.util.ArrayList<>(List.of("b", "10", "9", "a", "100"));
    ids.sort(SensorsAfricaArchive::compareIds);
    assertThat(ids).containsExactly("9", "10", "100", "a", "b");
  }
}
