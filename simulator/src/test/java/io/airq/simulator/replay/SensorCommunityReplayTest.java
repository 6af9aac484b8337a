package io.airq.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.simulator.generate.SimMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SensorCommunityReplayTest {
  private static final Path ABERDEEN =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"), "aberdeen");
  private static final Pattern FILE = Pattern.compile("2019-05-01_(\\w+)_sensor_(\\d+)\\.csv");

  @Test
  void everySds011RowBecomesOneMessageAndTheHumiditySensorAtItsLocationIsJoined()
      throws IOException {
    long pmRows = 0;
    long pairedHumidityRows = 0;
    long unpairedHumidityRows = 0;
    List<Path> files;
    try (Stream<Path> s = Files.list(ABERDEEN)) {
      files = s.filter(f -> FILE.matcher(f.getFileName().toString()).matches()).sorted().toList();
    }
    // the location column of each file (one sensor per file, one location per sensor)
    Map<String, Long> pmAt = new HashMap<>();
    for (Path f : files) {
      if (f.getFileName().toString().contains("_sds011_")) {
        pmAt.merge(location(f), 1L, Long::sum);
      }
    }
    assertThat(pmAt.values()).as("SDS011s per location").allMatch(n -> n == 1);
    for (Path f : files) {
      long rows = Files.readAllLines(f).size() - 1;
      if (f.getFileName().toString().contains("_sds011_")) {
        pmRows += rows;
      } else if (pmAt.containsKey(location(f))) {
        pairedHumidityRows += rows;
      } else {
        unpairedHumidityRows += rows;
      }
    }
    assertThat(unpairedHumidityRows).as("a humidity sensor alone at its location").isPositive();

    SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(List.of(ABERDEEN));
    List<SimMessage> messages = ReplayMessages.messages(replay);

    assertThat(replay.badRows()).isZero();
    assertThat(messages).hasSize((int) (pmRows + unpairedHumidityRows));
    assertThat(replay.joined() + replay.unpairedDropped()).isEqualTo(pairedHumidityRows);
    assertThat(replay.joined()).isGreaterThan(pairedHumidityRows * 9 / 10);
    String first15092 =
        messages.stream()
            .filter(m -> m.topic().endsWith("/15092/sensor-community"))
            .map(m -> new String(m.payload()))
            .findFirst()
            .orElseThrow();
    assertThat(first15092)
        .contains("\"timestamp\":\"2019-05-01T00:00:29Z\"")
        .contains("{\"value_type\":\"P2\",\"value\":\"8.80\"}")
        .contains("{\"value_type\":\"humidity\",\"value\":\"96.03\"}")
        .doesNotContain("durP1");
  }

  private static String location(Path file) throws IOException {
    return Files.readAllLines(file).get(1).split(";")[2];
  }
}
