package io.airq.simulator.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.core.reading.Quantity;
import io.airq.simulator.scenario.Scenario;
import io.airq.simulator.scenario.WeatherSpec;
import io.airq.simulator.scenario.WeatherStationSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The weather stations' readings: the city's weather ({@link CityModel}'s temperature and humidity,
 * the wind, rain and pressure of {@link WeatherSpec}) with a little noise, in airq JSON. Drawn from
 * their own random stream (from the seed), so a scenario's other readings are the same with or
 * without stations.
 */
final class StationReadings {
  private static final long SALT = 0x5EA7_4E12L;

  private StationReadings() {}

  static List<SimMessage> messages(Scenario scenario, CityModel model, Environment env) {
    List<SimMessage> out = new ArrayList<>();
    Random random = new Random(scenario.seed() ^ SALT);
    for (WeatherStationSpec s : scenario.weather().stations()) {
      long step = Math.max(1, s.interval().toSeconds());
      long offset = random.nextInt((int) Math.min(Integer.MAX_VALUE, step));
      for (Instant t = scenario.startInstant().plusSeconds(offset);
          t.isBefore(scenario.endInstant());
          t = t.plusSeconds(step)) {
        Map<Quantity, Double> v = values(scenario, model, env, t, step, random);
        out.add(
            new SimMessage(
                t,
                SimMessage.topic(s.gateway(), s.id(), "airq"),
                payload(s.id(), t, v),
                "weather",
                1));
      }
    }
    return out;
  }

  /**
   * One reading's values, in canonical units (rain: mm in the {@code seconds} before {@code t}).
   */
  static Map<Quantity, Double> values(
      Scenario scenario, CityModel model, Environment env, Instant t, long seconds, Random random) {
    WeatherSpec w = scenario.weather();
    boolean raining = env.raining(t);
    double days = (t.getEpochSecond() - scenario.startInstant().getEpochSecond()) / 86400.0;
    double speed = model.trueWindSpeed(t);
    double dir = w.windDirection() + w.windDirectionSwing() * Math.sin(2 * Math.PI * days / 5.0);
    Map<Quantity, Double> v = new EnumMap<>(Quantity.class);
    v.put(Quantity.WIND_SPEED, CityModel.round1(Math.max(0, speed + 0.3 * random.nextGaussian())));
    double d = Math.round(dir + 5 * random.nextGaussian());
    v.put(Quantity.WIND_DIR, ((d % 360) + 360) % 360);
    v.put(Quantity.RAIN, raining ? CityModel.round1(w.rainMmPerHour() * seconds / 3600.0) : 0.0);
    v.put(
        Quantity.TEMPERATURE,
        CityModel.round1(model.trueTemperature(t) + 0.2 * random.nextGaussian()));
    v.put(
        Quantity.HUMIDITY,
        CityModel.round1(
            Math.max(0, Math.min(100, model.trueHumidity(t) + random.nextGaussian()))));
    v.put(
        Quantity.PRESSURE,
        CityModel.round1(w.pressureMean() - (raining ? 8 : 0) + 0.3 * random.nextGaussian()));
    return v;
  }

  private static byte[] payload(String sensor, Instant t, Map<Quantity, Double> values) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("sensor", sensor);
    o.put("time", t.toString());
    ObjectNode v = o.putObject("values");
    values.forEach((q, x) -> v.put(q.id(), x));
    return Json.write(o);
  }
}
