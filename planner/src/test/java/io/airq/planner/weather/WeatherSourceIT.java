package io.airq.planner.weather;

import static io.airq.planner.weather.WeatherFixtures.AIRPORT;
import static io.airq.planner.weather.WeatherFixtures.GP;
import static io.airq.planner.weather.WeatherFixtures.ROCHES_POINT;
import static io.airq.planner.weather.WeatherFixtures.SPS;
import static io.airq.planner.weather.WeatherFixtures.carFreeDay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.closure.Closure;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import io.airq.devstack.junit.RealServers;
import io.airq.devstack.junit.Servers;
import io.airq.kit.InfluxLogin;
import io.airq.planner.influx.AverageReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;

/**
 * A closure's weather read back from a real InfluxDB's hourly sensor means (as the sink writes
 * them): from its named station, else the nearest station with hours, else its treated sensors'
 * temperature and humidity, else none, each time saying which.
 */
@RealServers
class WeatherSourceIT {
  /** 06:00 UTC is 07:00 in Dublin on Car-Free Day. */
  private static final Instant H6 = Instant.parse("2023-09-22T06:00:00Z");

  private static final Instant H7 = Instant.parse("2023-09-22T07:00:00Z");

  private static String average(String key, String quantity, Instant t, double mean, long count) {
    return "average,scope=sensor,key="
        + key
        + ",area=Centre,county=Cork,window=1h,quantity="
        + quantity
        + " mean="
        + mean
        + ",raw_mean="
        + mean
        + ",min="
        + mean
        + ",max="
        + mean
        + ",count="
        + count
        + "i,expected=1i,coverage=100,correction=\"none\" "
        + t.getEpochSecond()
        + "000000000";
  }

  private static AverageReader database(Servers servers, String name, List<String> points) {
    String db = servers.newDatabase(name);
    try (InfluxDB influx = InfluxDBFactory.connect(servers.influxUrl())) {
      influx.query(new Query("CREATE DATABASE \"" + db + "\""));
      if (!points.isEmpty()) {
        influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, points);
      }
    }
    return new AverageReader(servers.influxUrl(), InfluxLogin.NONE, db, "");
  }

  private static HourlyWeather weather(AverageReader r, List<Sensor> registry, Closure c) {
    return new WeatherSource(r, () -> registry, 25, 0.75).hourly(c);
  }

  @Test
  void theNamedStationGivesEveryQuantityItHas(Servers servers) {
    List<String> p = new ArrayList<>();
    p.add(average("roches-point-wx", "wind_speed", H6, 7.2, 1));
    p.add(average("roches-point-wx", "wind_dir", H6, 350, 1));
    p.add(average("roches-point-wx", "rain", H6, 0.4, 1));
    p.add(average("roches-point-wx", "pressure", H7, 1011.5, 1));
    p.add(average("cork-airport-wx", "wind_speed", H6, 3.0, 1));
    try (AverageReader r = database(servers, "weather_named", p)) {
      HourlyWeather w =
          weather(r, List.of(SPS, GP, AIRPORT, ROCHES_POINT), carFreeDay("roches-point-wx"));
      assertThat(w.source()).isEqualTo("station:roches-point-wx");
      assertThat(w.hours()).containsOnlyKeys(H6, H7);
      assertThat(w.hours().get(H6))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(Quantity.WIND_SPEED, 7.2, Quantity.WIND_DIR, 350.0, Quantity.RAIN, 0.4));
      assertThat(w.hours().get(H7)).containsExactlyEntriesOf(Map.of(Quantity.PRESSURE, 1011.5));
    }
  }

  @Test
  void withoutANamedStationTheNearestWithHoursIsUsedAndSaysHowFar(Servers servers) {
    // the airport is nearest but has no hours in the period; Roche's Point has
    List<String> p = new ArrayList<>();
    p.add(average("cork-airport-wx", "wind_speed", Instant.parse("2023-08-01T00:00:00Z"), 3, 1));
    p.add(average("roches-point-wx", "wind_speed", H6, 7.2, 1));
    try (AverageReader r = database(servers, "weather_nearest", p)) {
      HourlyWeather w = weather(r, List.of(SPS, GP, AIRPORT, ROCHES_POINT), carFreeDay(null));
      assertThat(w.source()).isEqualTo("nearest:roches-point-wx (19.7 km)");
      assertThat(w.hours().get(H6)).containsEntry(Quantity.WIND_SPEED, 7.2);
    }
  }

  @Test
  void thenTheTreatedSensorsOwnTemperatureAndHumidityAveragedOverTheirValidHours(Servers servers) {
    List<String> p = new ArrayList<>();
    p.add(average("cork-sps", "temperature", H6, 14.0, 1));
    p.add(average("cork-gp", "temperature", H6, 15.0, 1));
    p.add(average("cork-sps", "humidity", H6, 80.0, 1));
    p.add(average("cork-sps", "no2", H6, 30.0, 1));
    // an hour with none of its expected readings does not count
    p.add(average("cork-gp", "temperature", H7, 99.0, 0));
    try (AverageReader r = database(servers, "weather_treated", p)) {
      HourlyWeather w = weather(r, List.of(SPS, GP, AIRPORT), carFreeDay(null));
      assertThat(w.source()).isEqualTo("treated-sensors");
      assertThat(w.hours()).containsOnlyKeys(H6);
      assertThat(w.hours().get(H6).get(Quantity.TEMPERATURE)).isCloseTo(14.5, within(1e-9));
      assertThat(w.hours().get(H6)).containsEntry(Quantity.HUMIDITY, 80.0).hasSize(2);
    }
  }

  @Test
  void withNothingToReadTheSourceIsNone(Servers servers) {
    List<String> p = List.of(average("cork-sps", "no2", H6, 30.0, 1));
    try (AverageReader r = database(servers, "weather_none", p)) {
      HourlyWeather w = weather(r, List.of(SPS, GP, AIRPORT), carFreeDay(null));
      assertThat(w.source()).isEqualTo("none");
      assertThat(w.hours()).isEmpty();
    }
  }
}
