package io.airq.planner.weather;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverages;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeatherImportTest {
  private static final Sensor STATION =
      Sensor.builder("cork-airport")
          .position(51.85, -8.49)
          .area("Airport")
          .county("Cork")
          .reportingInterval(Duration.ofHours(1))
          .kind(SensorKind.WEATHER)
          .build();

  @Test
  void eachHourBecomesTheStationsHourlyMeanWithFullCoverage() {
    Instant h = Instant.parse("2023-09-22T06:00:00Z");
    List<WindowAverages> w =
        WeatherImport.averages(
            STATION,
            List.of(new WeatherHour(h, Map.of(Quantity.WIND_SPEED, 4.1, Quantity.RAIN, 0.3))));
    assertThat(w).hasSize(1);
    WindowAverages a = w.get(0);
    assertThat(a.scope()).isEqualTo(Scope.SENSOR);
    assertThat(a.key()).isEqualTo("cork-airport");
    assertThat(a.area()).isEqualTo("Airport");
    assertThat(a.window()).isEqualTo(AverageWindow.HOUR);
    assertThat(a.start()).isEqualTo(h);
    assertThat(a.end()).isEqualTo(h.plusSeconds(3600));
    WindowAverages.QuantityAverage speed = a.quantities().get(Quantity.WIND_SPEED);
    assertThat(speed.mean()).isEqualTo(4.1);
    assertThat(speed.min()).isEqualTo(4.1);
    assertThat(speed.coverage()).isEqualTo(100);
    assertThat(speed.count()).isEqualTo(1);
  }

  @Test
  void aRequestIsCheckedHourByHour() throws Exception {
    String body =
        "{\"hours\":[{\"start\":\"2023-09-22T06:00:00Z\",\"values\":{\"wind_dir\":360}},"
            + "{\"start\":\"2023-09-22T06:30:00Z\",\"values\":{\"rain\":1}},"
            + "{\"start\":\"2023-09-22T07:00:00Z\",\"values\":{\"pm25\":3}}]}";
    assertThat(WeatherImport.read(Json.mapper().readTree(body)).errors())
        .containsExactly(
            "hours[0].values.wind_dir 360.0 is outside [0.0, 360.0)",
            "hours[1].start 2023-09-22T06:30:00Z is not on the hour",
            "hours[2].values: pm25 is not a quantity of the weather");
  }

  @Test
  void onlyARegisteredWeatherSensorTakesAHistory() {
    assertThat(WeatherImport.stationProblem("x", Optional.empty()))
        .get()
        .asString()
        .startsWith("station x is not a registered sensor");
    Sensor air = Sensor.builder("s1").position(0, 0).build();
    assertThat(WeatherImport.stationProblem("s1", Optional.of(air)))
        .contains("sensor s1 is of kind air, not weather: no weather history");
    assertThat(WeatherImport.stationProblem("cork-airport", Optional.of(STATION))).isEmpty();
  }
}
