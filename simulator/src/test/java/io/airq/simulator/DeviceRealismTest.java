package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import io.airq.simulator.generate.DeviceTimes;
import io.airq.simulator.generate.Generation;
import io.airq.simulator.generate.Generator;
import io.airq.simulator.generate.SensorResponse;
import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.generate.SimReading;
import io.airq.simulator.scenario.FaultSpec;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.SensorBehaviourSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the simulated devices send is what real ones send: payloads of the real shapes (the captured
 * ones in ../shared/data/payloads), no time where the firmware sends none, NO2 slightly negative
 * near zero, PurpleAir channels that now and then disagree.
 */
class DeviceRealismTest {
  private static final Path PAYLOADS =
      Path.of(System.getProperty("airq.shared.data", "../../shared/data"), "payloads");

  private static final Scenario SMALL =
      Scenario.builtIn("nairobi-closure")
          .withStartDate(LocalDate.of(2026, 3, 2))
          .with(3, 1, 3, null, null, 20260302L, FaultSpec.NONE);

  @Test
  void withFirmwareTimesAirGradientAndAirrohrPayloadsHaveTheRealFieldsAndNoTime() throws Exception {
    Generation g = Generator.generate(SMALL, DeviceTimes.FIRMWARE);
    JsonNode realAirGradient = read("airgradient_measures_current_fw3.1.3.json");
    JsonNode realPush = read("sensors_africa_push_example.json");
    int airgradient = 0;
    int airrohr = 0;
    for (SimMessage m : g.messages()) {
      JsonNode n = Json.mapper().readTree(m.payload());
      switch (m.topic().split("/")[4]) {
        case "airgradient" -> {
          airgradient++;
          assertThat(n.has("timestamp")).isFalse();
          assertThat(realAirGradient.has("timestamp")).isFalse();
          for (String f : List.of("pm01", "pm02", "pm10", "atmp", "rhum", "firmware")) {
            assertThat(realAirGradient.has(f)).as(f).isTrue();
            assertThat(n.has(f)).as(f).isTrue();
          }
        }
        case "sensor-community" -> {
          airrohr++;
          assertThat(fields(n)).isEqualTo(fields(realPush));
          assertThat(n.get("sensordatavalues").get(0).get("value").isTextual()).isTrue();
        }
        case "airq" -> assertThat(n.has("time")).isTrue();
        case "purpleair" -> assertThat(n.has("DateTime")).isTrue();
        case "senml" -> assertThat(n.get(0).has("bt")).isTrue();
        default -> throw new AssertionError(m.topic());
      }
    }
    assertThat(airgradient).isPositive();
    assertThat(airrohr).isPositive();
    // accelerated runs keep the device time; real-time runs send what the firmware sends
    assertThat(DeviceTimes.AUTO.resolve(1)).isEqualTo(DeviceTimes.FIRMWARE);
    assertThat(DeviceTimes.AUTO.resolve(0)).isEqualTo(DeviceTimes.ALWAYS);
    assertThat(DeviceTimes.AUTO.resolve(20_000)).isEqualTo(DeviceTimes.ALWAYS);
    for (SimMessage m : Generator.generate(SMALL).messages()) {
      if (m.topic().endsWith("/airgradient") || m.topic().endsWith("/sensor-community")) {
        assertThat(Json.mapper().readTree(m.payload()).has("timestamp")).isTrue();
      }
    }
  }

  @Test
  void no2CellsReadSlightlyNegativeNearZeroAndNowhereElse() throws Exception {
    Generation g = Generator.generate(SMALL);
    long negative = 0;
    long withNo2 = 0;
    for (SimReading r : g.readings()) {
      String format = SMALL.sensors().get(r.sensorIndex()).format();
      assertThat(r.hasNo2()).isEqualTo(format.equals("airq") || format.equals("senml"));
      if (!r.hasNo2()) {
        continue;
      }
      withNo2++;
      if (r.no2() < 0) {
        negative++;
        assertThat(r.no2()).as("a negative NO2 is small").isGreaterThan(-15);
        assertThat(r.trueNo2()).as("the truth under a negative reading").isLessThan(15);
      }
    }
    System.out.printf("NO2: %d of %d readings negative%n", negative, withNo2);
    assertThat(negative).isPositive().isLessThan(withNo2 / 10);
    long sentNegative = 0;
    for (SimMessage m : g.messages()) {
      for (DecodedReading d : DecodedReading.decode(m.topic(), m.payload()).orElseThrow()) {
        if (d.values().getOrDefault("no2", 0.0) < 0) {
          sentNegative++;
        }
      }
    }
    assertThat(sentNegative).isEqualTo(negative);
  }

  @Test
  void purpleAirChannelsDifferAndNowAndThenDisagree() throws Exception {
    Generation g = Generator.generate(SMALL);
    JsonNode real = read("purpleair_pa-ii_local_json_fw7.02.json");
    long readings = 0;
    long differ = 0;
    long disagree = 0;
    for (SimMessage m : g.messages()) {
      if (!m.topic().endsWith("/purpleair")) {
        continue;
      }
      JsonNode n = Json.mapper().readTree(m.payload());
      for (String f : List.of("pm2_5_cf_1", "pm2_5_cf_1_b", "pm10_0_cf_1_b", "current_temp_f")) {
        assertThat(real.has(f)).as(f).isTrue();
        assertThat(n.has(f)).as(f).isTrue();
      }
      double a = n.get("pm2_5_cf_1").asDouble();
      double b = n.get("pm2_5_cf_1_b").asDouble();
      readings++;
      differ += a != b ? 1 : 0;
      double diff = Math.abs(a - b);
      disagree += diff > 5 && diff / ((a + b) / 2) > 0.70 ? 1 : 0;
    }
    System.err.printf(
        "purpleair: %d readings, channels differ in %d, disagree (US EPA rule) in %d%n",
        readings, differ, disagree);
    assertThat(differ).isGreaterThan(readings / 2);
    assertThat(disagree).isPositive().isLessThan(readings / 20);
  }

  @Test
  void aPerfectCorrectionOfTheNoiseFreeResponseLeavesOnlyTheUnitsBias() {
    SensorBehaviourSpec b = SMALL.sensorBehaviour();
    for (double rh : new double[] {20, 50, 80, 95}) {
      double growth = b.growth(rh);
      double response = 30 * 1.07 * SensorResponse.gain("PMS5003") * growth;
      assertThat(SensorResponse.perfectCorrection("PMS5003", response, rh, b))
          .isCloseTo(30 * 1.07, within(1e-9));
    }
    assertThat(SensorResponse.gain("PMS5003")).isEqualTo(SensorResponse.PLANTOWER_GAIN);
    assertThat(SensorResponse.gain("SDS011")).isEqualTo(1.0);
  }

  private static JsonNode read(String name) throws Exception {
    return Json.mapper().readTree(Files.readAllBytes(PAYLOADS.resolve(name)));
  }

  private static Set<String> fields(JsonNode n) {
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
