package io.airq.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.simulator.generate.SimMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SensorCommunityReplayTest {
  private static final Path ABERDEEN =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"), "aberdeen");
  private static final Pattern FILE = Pattern.compile("2019-05-01_(\\w+)_sensor_(\\d+)\\.csv");

  @Test
  void everySds011RowBecomesOneMessageAndItsNeighbourIdHumiditySensorIsJoined() throws IOException {
    long pmRows = 0;
    long pairedHumidityRows = 0;
    long unpairedHumidityRows = 0;
    List<Path> files;
    try (Stream<Path> s = Files.list(ABERDEEN)) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      Matcher m = FILE.matcher(f.getFileName().toString());
      if (!m.matches()) {
        continue;
      }
      long rows = Files.readAllLines(f).size() - 1;
      if (m.group(1).equals("sds011")) {
        pmRows += rows;
      } else {
        long pm = Long.parseLong(m.group(2)) - 1;
        boolean hasPm = Files.exists(ABERDEEN.resolve("2019-05-01_sds011_sensor_" + pm + ".csv"));
        if (hasPm) {
          pairedHumidityRows += rows;
        } else {
          unpairedHumidityRows += rows;
        }
      }
    }

    SensorsAfricaArchive.Replay replay = SensorsAfricaArchive.read(List.of(ABERDEEN));
    List<SimMessage> messages = Replayer.messages(replay);

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
}
