package io.airq.e2e;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A fixed set of airq-JSON readings for the fault suite: {@code sensors} sensors, one reading of
 * PM2.5 and PM10 every {@code interval} for {@code hours} hours from {@code start} (an hour
 * boundary), values drawn from {@code seed}. Values lie in [10, 50] µg/m³ with two decimals, so no
 * QA rule can fire in any arrival order (no spike over 50 above the median, no value ten times the
 * same), and a redelivered or reordered reading changes no average.
 */
record FaultInput(Instant start, int sensors, Duration interval, int hours, long seed) {
  static final List<String> QUANTITIES = List.of("pm25", "pm10");

  /** Two days of three sensors every 5 minutes, ending an hour ago. */
  static FaultInput small(long seed) {
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(49));
    return new FaultInput(start, 3, Duration.ofMinutes(5), 48, seed);
  }

  record Message(String sensor, Instant time, String topicSuffix, byte[] payload) {}

  int perSensor() {
    return (int) (Duration.ofHours(hours).toSeconds() / interval.toSeconds());
  }

  int total() {
    return perSensor() * sensors;
  }

  static String sensor(int s) {
    return "f-" + s;
  }

  double value(String quantity, int s, int i) {
    long mix = seed * 1_000_003L + s * 7_919L + i * 104_729L + quantity.hashCode();
    return Math.round((10 + 40 * new SplittableRandom(mix).nextDouble()) * 100) / 100.0;
  }

  /**
   * The messages in time order (sensors interleaved), for topic airq/v1/{gateway}/{sensor}/airq.
   */
  List<Message> messages() {
    List<Message> out = new ArrayList<>(total());
    for (int i = 0; i < perSensor(); i++) {
      Instant t = start.plus(interval.multipliedBy(i));
      for (int s = 0; s < sensors; s++) {
        String body =
            "{\"sensor\":\""
                + sensor(s)
                + "\",\"time\":\""
                + t
                + "\",\"values\":{\"pm25\":"
                + value("pm25", s, i)
                + ",\"pm10\":"
                + value("pm10", s, i)
                + "}}";
        out.add(
            new Message(
                sensor(s),
                t,
                sensor(s) + "/airq",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  List<Sensor> registry(String gateway) {
    List<Sensor> out = new ArrayList<>();
    for (int s = 0; s < sensors; s++) {
      out.add(
          Sensor.builder(sensor(s))
              .position(-1.28 + s * 0.01, 36.82)
              .gatewayId(gateway)
              .area("fault-area")
              .county("Nairobi")
              .hostType(HostType.PUBLIC)
              .reportingInterval(interval)
              .model("SDS011")
              .build());
    }
    return out;
  }

  /** "sensor|quantity|hour start" -> {mean, count}, straight from the generated values. */
  Map<String, double[]> expectedHourly() {
    Map<String, double[]> sums = new TreeMap<>();
    for (int s = 0; s < sensors; s++) {
      for (int i = 0; i < perSensor(); i++) {
        Instant hour = start.plus(interval.multipliedBy(i)).truncatedTo(ChronoUnit.HOURS);
        for (String q : QUANTITIES) {
          double[] a = sums.computeIfAbsent(sensor(s) + "|" + q + "|" + hour, k -> new double[2]);
          a[0] += value(q, s, i);
          a[1]++;
        }
      }
    }
    sums.values().forEach(a -> a[0] /= a[1]);
    return sums;
  }
}
