package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.reading.Quantity;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.replay.DeviceReading;
import io.airq.simulator.replay.HourlyNo2File;
import io.airq.simulator.replay.ReplayMessages;
import io.airq.simulator.replay.SensorsAfricaArchive;
import io.airq.simulator.replay.SiteList;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A replay in a chosen format decodes, with the test-side decoder, to the archive's readings. */
class ReplayFormatTest {
  private static final Path DATA =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"));
  private static final SensorsAfricaArchive.Replay NAIROBI =
      SensorsAfricaArchive.read(
          DATA.resolve("nairobi/nairobi_2021-03-25_to_2021-03-26_replay_sample.csv"));
  private static final SensorsAfricaArchive.Replay ABERDEEN =
      SensorsAfricaArchive.read(List.of(DATA.resolve("aberdeen")));

  @ParameterizedTest
  @ValueSource(strings = {"airq", "sensor-community", "airgradient", "purpleair", "senml"})
  void nairobiReadingsRoundTripThroughEveryFormat(String format) {
    List<SimMessage> messages = ReplayMessages.messages(NAIROBI, format);
    assertThat(messages).hasSize(NAIROBI.readings().size());
    for (int i = 0; i < messages.size(); i++) {
      DeviceReading d = NAIROBI.readings().get(i);
      SimMessage m = messages.get(i);
      assertThat(m.topic()).endsWith("/" + d.sensorId() + "/" + format);
      DecodedReading r = DecodedReading.decode(m.topic(), m.payload()).orElseThrow().get(0);
      assertThat(r.sensor()).isEqualTo(d.sensorId());
      // PurpleAir's DateTime and SenML's bt (as the simulator writes it) carry whole seconds
      Instant want =
          format.equals("purpleair") || format.equals("senml")
              ? d.time().truncatedTo(ChronoUnit.SECONDS)
              : d.time();
      assertThat(r.time()).isEqualTo(want);
      assertSameValues(r.values(), d.quantities());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"airq", "sensor-community", "purpleair", "senml"})
  void aberdeenReadingsWithPressureRoundTripInTheFormatsThatCarryIt(String format) {
    List<SimMessage> messages = ReplayMessages.messages(ABERDEEN, format);
    for (int i = 0; i < messages.size(); i++) {
      SimMessage m = messages.get(i);
      DecodedReading r = DecodedReading.decode(m.topic(), m.payload()).orElseThrow().get(0);
      assertSameValues(r.values(), ABERDEEN.readings().get(i).quantities());
    }
    assertThat(messages).anySatisfy(m -> assertThat(new String(m.payload())).contains("pressure"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"airq", "senml"})
  void corkNo2RoundTripsThroughAirqAndSenml(String format) {
    Path gp = DATA.resolve("cork/GP_combined.csv");
    SiteList sites = SiteList.read(Path.of("..", "docs", "examples", "cork-sites.csv"));
    List<HourlyNo2File.HourlyReading> readings =
        HourlyNo2File.read(gp, sites.siteOf(gp)).readings();
    List<SimMessage> messages = ReplayMessages.hourlyMessages(readings, format);
    for (int i = 0; i < messages.size(); i++) {
      SimMessage m = messages.get(i);
      DecodedReading r = DecodedReading.decode(m.topic(), m.payload()).orElseThrow().get(0);
      assertThat(r.time()).isEqualTo(readings.get(i).time());
      assertSameValues(r.values(), readings.get(i).values());
    }
  }

  @org.junit.jupiter.api.Test
  void airgradientIsRefusedForABme280sPressure() {
    assertThatThrownBy(() -> ReplayMessages.messages(ABERDEEN, "airgradient"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("airgradient format cannot carry pressure")
        .hasMessageContaining("airq, sensor-community, purpleair, senml");
  }

  private static void assertSameValues(Map<String, Double> got, Map<Quantity, Double> want) {
    assertThat(got.keySet())
        .containsExactlyInAnyOrderElementsOf(want.keySet().stream().map(Quantity::id).toList());
    want.forEach((q, v) -> assertThat(got.get(q.id())).as(q.id()).isCloseTo(v, within(1e-9)));
  }
}
