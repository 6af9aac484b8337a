package io.airq.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hourly PM2.5 means the pipeline should store for a replay of a sensors.AFRICA archive file,
 * computed here straight from the CSV and the documents, with no production code: the pairing of
 * each PM sensor with its DHT22 (docs/simulator.md, the data README), the QA rules and the US EPA
 * correction (docs/quality.md). Kept apart from the code under test on purpose: a shared mistake
 * would cancel out.
 */
final class NairobiSampleExpectation {
  /** PM sensor -> the DHT22 beside it (shared/data/README.md). */
  static final Map<String, String> DHT_OF_PM =
      Map.of("944", "945", "158", "159", "176", "175", "946", "947");

  private static final Duration PAIRING = Duration.ofMinutes(1);
  private static final int STUCK = 10;
  private static final int SPIKE_MIN_HISTORY = 5;
  private static final int MEDIAN_WINDOW = 10;
  private static final double SPIKE_FACTOR = 4;
  private static final double SPIKE_DELTA = 50;
  private static final double HIGH_HUMIDITY = 95;

  /** One (sensor, timestamp) group of CSV rows: value type -> value. */
  record Row(String sensor, Instant time, Map<String, Double> values) {}

  /** The expected mean and count of one sensor-hour, and how many of its values were corrected. */
  record Hour(double mean, long count, long corrected) {}

  /** Readings per sensor in time order, as the archive has them. */
  static Map<String, List<Row>> read(Path csv) {
    Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
    Map<String, Instant> times = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(csv);
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(";", -1);
        String key = f[0] + "|" + f[5];
        times.putIfAbsent(key, OffsetDateTime.parse(f[5]).toInstant());
        groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(f[6], Double.parseDouble(f[7]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, List<Row>> bySensor = new TreeMap<>();
    groups.forEach(
        (key, values) -> {
          String sensor = key.substring(0, key.indexOf('|'));
          bySensor
              .computeIfAbsent(sensor, s -> new ArrayList<>())
              .add(new Row(sensor, times.get(key), values));
        });
    bySensor.values().forEach(l -> l.sort((a, b) -> a.time().compareTo(b.time())));
    return bySensor;
  }

  /** sensor -> hour start -> the expected hourly PM2.5 mean (corrected, unflagged values). */
  static Map<String, Map<Instant, Hour>> hourlyPm25(Path csv) {
    Map<String, List<Row>> bySensor = read(csv);
    Map<String, Map<Instant, Hour>> out = new TreeMap<>();
    for (Map.Entry<String, List<Row>> e : bySensor.entrySet()) {
      if (!e.getValue().get(0).values().containsKey("P2")) {
        continue; // a DHT22: its values travel inside its PM sensor's readings
      }
      String partner = DHT_OF_PM.get(e.getKey()); // none for 174
      List<Row> dht = partner == null ? List.of() : bySensor.getOrDefault(partner, List.of());
      boolean[] used = new boolean[dht.size()];
      Deque<Double> pmHistory = new ArrayDeque<>();
      Deque<Double> rhHistory = new ArrayDeque<>();
      Map<Instant, double[]> sums = new TreeMap<>(); // sum, count, corrected
      for (Row pm : e.getValue()) {
        Double rh = humidityNear(pm.time(), dht, used);
        double x = pm.values().get("P2");
        boolean pmFlagged = flagged(x, pmHistory, 0, 1000) || (rh != null && rh >= HIGH_HUMIDITY);
        boolean rhFlagged = rh != null && flagged(rh, rhHistory, 0, 100);
        if (pmFlagged) {
          continue;
        }
        boolean correct = rh != null && !rhFlagged;
        double[] s =
            sums.computeIfAbsent(pm.time().truncatedTo(ChronoUnit.HOURS), h -> new double[3]);
        s[0] += correct ? epa(x, rh) : x;
        s[1]++;
        s[2] += correct ? 1 : 0;
      }
      Map<Instant, Hour> hours = new TreeMap<>();
      sums.forEach((h, s) -> hours.put(h, new Hour(s[0] / s[1], (long) s[1], (long) s[2])));
      out.put(e.getKey(), hours);
    }
    return out;
  }

  /** The humidity of the nearest unused DHT22 reading within a minute, marking it used. */
  private static Double humidityNear(Instant t, List<Row> dht, boolean[] used) {
    int best = -1;
    long bestGap = Long.MAX_VALUE;
    for (int i = 0; i < dht.size(); i++) {
      long gap = Math.abs(Duration.between(t, dht.get(i).time()).toMillis());
      if (!used[i] && gap <= PAIRING.toMillis() && gap < bestGap) {
        best = i;
        bestGap = gap;
      }
    }
    if (best < 0) {
      return null;
    }
    used[best] = true;
    return dht.get(best).values().get("humidity");
  }

  /**
   * The rules of docs/quality.md that can fire on this value: out of range, stuck (the same value
   * in 10 consecutive readings) and spike (over 4x and 50 above the median of the last 10, after at
   * least 5). Adds the value to the history.
   */
  private static boolean flagged(double v, Deque<Double> history, double min, double max) {
    boolean flag = v < min || v > max;
    if (history.size() >= STUCK - 1) {
      boolean same = true;
      int i = 0;
      for (var it = history.descendingIterator(); it.hasNext() && i < STUCK - 1; i++) {
        same &= it.next() == v;
      }
      flag |= same;
    }
    if (history.size() >= SPIKE_MIN_HISTORY) {
      List<Double> last = new ArrayList<>(history);
      last = new ArrayList<>(last.subList(Math.max(0, last.size() - MEDIAN_WINDOW), last.size()));
      last.sort(Double::compare);
      int n = last.size();
      double median = n % 2 == 1 ? last.get(n / 2) : (last.get(n / 2 - 1) + last.get(n / 2)) / 2;
      flag |= v > median * SPIKE_FACTOR && v - median > SPIKE_DELTA;
    }
    history.addLast(v);
    while (history.size() > Math.max(STUCK, MEDIAN_WINDOW)) {
      history.removeFirst();
    }
    return flag;
  }

  /** US EPA PurpleAir/Plantower correction, 2021 with the 2022 extension (docs/quality.md). */
  static double epa(double x, double rh) {
    double v;
    if (x < 30) {
      v = 0.524 * x - 0.0862 * rh + 5.75;
    } else if (x < 50) {
      double w = x / 20 - 1.5;
      v = (0.786 * w + 0.524 * (1 - w)) * x - 0.0862 * rh + 5.75;
    } else if (x < 210) {
      v = 0.786 * x - 0.0862 * rh + 5.75;
    } else if (x < 260) {
      double w = x / 50 - 4.2;
      v =
          (0.69 * w + 0.786 * (1 - w)) * x
              - 0.0862 * rh * (1 - w)
              + 2.966 * w
              + 5.75 * (1 - w)
              + 8.84e-4 * x * x * w;
    } else {
      v = 2.966 + 0.69 * x + 8.84e-4 * x * x;
    }
    return Math.max(0, v);
  }

  private NairobiSampleExpectation() {}
}
