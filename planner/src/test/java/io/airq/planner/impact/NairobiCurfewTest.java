package io.airq.planner.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Phase;
import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nairobi's curfew change (from local midnight 27 March 2021 = 2021-03-26T21:00Z), real PM2.5 of
 * five sensors.AFRICA sensors: the week from it against the week before. The expected numbers are
 * computed here from the raw archive with explicit UTC ranges and the EAT offset (+3 h).
 */
class NairobiCurfewTest {
  private static final Logger LOG = LoggerFactory.getLogger(NairobiCurfewTest.class);
  private static final Instant BEFORE = Instant.parse("2021-03-19T21:00:00Z");
  private static final Instant START = Instant.parse("2021-03-26T21:00:00Z");
  private static final Instant END = Instant.parse("2021-04-01T21:00:00Z");
  private static final long EXPECTED = 3600 / 155; // readings per hour at the nominal 155 s

  @Test
  void curfewWeekReportMatchesAnIndependentCalculationFromTheArchive() throws IOException {
    Path file =
        Path.of(
            System.getProperty("airq.shared.data", "../../shared/data"),
            "nairobi",
            "nairobi_2021-03-13_to_2021-04-09_sensors_africa_archive.csv.gz");
    // sensor -> hour start -> {sum, count}
    Map<String, Map<Instant, double[]>> acc = new TreeMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(";");
        if (!f[6].equals("P2")) {
          continue;
        }
        Instant t = OffsetDateTime.parse(f[5]).toInstant().truncatedTo(ChronoUnit.HOURS);
        double[] a =
            acc.computeIfAbsent(f[0], k -> new HashMap<>()).computeIfAbsent(t, k -> new double[2]);
        a[0] += Double.parseDouble(f[7]);
        a[1]++;
      }
    }
    List<HourlyMean> hours = new ArrayList<>();
    // independent: phase means over valid hours, daily means by EAT date
    double[] before = new double[2];
    double[] during = new double[2];
    long duringInvalid = 0;
    Map<LocalDate, double[]> beforeDays = new TreeMap<>();
    Map<LocalDate, double[]> duringDays = new TreeMap<>();
    for (var s : acc.entrySet()) {
      for (var h : s.getValue().entrySet()) {
        double mean = h.getValue()[0] / h.getValue()[1];
        long count = (long) h.getValue()[1];
        hours.add(new HourlyMean(s.getKey(), h.getKey(), mean, count, EXPECTED));
        boolean valid = count * 4 >= EXPECTED * 3;
        Instant t = h.getKey();
        LocalDate eat = t.atOffset(ZoneOffset.ofHours(3)).toLocalDate();
        if (!t.isBefore(BEFORE) && t.isBefore(START) && valid) {
          add(before, mean);
          add(beforeDays.computeIfAbsent(eat, k -> new double[2]), mean);
        } else if (!t.isBefore(START) && t.isBefore(END)) {
          if (valid) {
            add(during, mean);
            add(duringDays.computeIfAbsent(eat, k -> new double[2]), mean);
          } else {
            duringInvalid++;
          }
        }
      }
    }
    double mb = before[0] / before[1];
    double md = during[0] / during[1];
    double[] sb = sdOfDailyMeans(beforeDays);
    double[] sd = sdOfDailyMeans(duringDays);
    double a = sd[0] * sd[0] / (sd[1] * md * md);
    double b = sb[0] * sb[0] / (sb[1] * mb * mb);
    double df = (a + b) * (a + b) / (a * a / (sd[1] - 1) + b * b / (sb[1] - 1));
    double half = StudentT.quantile(0.975, df) * Math.sqrt(a + b);

    List<String> ids = List.copyOf(acc.keySet());
    List<Sensor> registry =
        ids.stream()
            .map(
                id ->
                    Sensor.builder(id)
                        .position(-1.28, 36.82)
                        .county("Nairobi")
                        .reportingInterval(Duration.ofSeconds(155))
                        .model("PMS5003")
                        .build())
            .toList();
    Closure curfew =
        Closure.builder("nairobi-curfew-2021")
            .name("Curfew from 20:00")
            .treated(SensorSelection.ofSensors(ids.toArray(String[]::new)))
            .period(
                LocalDateTime.parse("2021-03-27T00:00"), LocalDateTime.parse("2021-04-02T00:00"))
            .baseline(Duration.ofDays(7))
            .after(Duration.ZERO)
            .zone(ZoneId.of("Africa/Nairobi"))
            .build();
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(
            curfew, Quantity.PM25, registry, hours, ImpactAnalysis.Options.DEFAULT);
    PhaseStats pb = r.treated().phases().get(Phase.BEFORE);
    PhaseStats pd = r.treated().phases().get(Phase.DURING);
    assertThat(ids).containsExactlyInAnyOrder("158", "174", "176", "944", "946");
    assertThat(pb.mean()).isCloseTo(mb, within(1e-9));
    assertThat(pd.mean()).isCloseTo(md, within(1e-9));
    assertThat(pd.invalidHours()).isEqualTo(duringInvalid);
    assertThat(pd.expectedHours()).isEqualTo(5 * 6 * 24);
    assertThat(pd.coverage()).isCloseTo(during[1] / (5 * 6 * 24), within(1e-12));
    assertThat(pd.days()).isEqualTo(duringDays.size());
    Change c = r.treated().duringVsBefore();
    assertThat(c.percent()).isCloseTo((md / mb - 1) * 100, within(1e-9));
    assertThat(c.lowPercent()).isCloseTo((md / mb * Math.exp(-half) - 1) * 100, within(1e-6));
    assertThat(c.highPercent()).isCloseTo((md / mb * Math.exp(half) - 1) * 100, within(1e-6));
    // both phases pass the 75 % gate on this data; the outcome follows the independent interval
    assertThat(during[1] / (5 * 6 * 24)).isGreaterThanOrEqualTo(0.75);
    assertThat(before[1] / (5 * 7 * 24)).isGreaterThanOrEqualTo(0.75);
    double lo = md / mb * Math.exp(-half) - 1;
    double hi = md / mb * Math.exp(half) - 1;
    assertThat(r.treated().outcome())
        .isEqualTo(
            hi < 0
                ? Outcome.CLEAR_DECREASE
                : lo > 0 ? Outcome.CLEAR_INCREASE : Outcome.NO_CLEAR_CHANGE);
    LOG.info(
        "Nairobi curfew PM2.5: before {} ({} valid h, coverage {}), during {} ({} valid h,"
            + " coverage {}), change {}% [{}, {}], outcome {} ({}); {} / {}",
        mb,
        (long) before[1],
        pb.coverage(),
        md,
        (long) during[1],
        pd.coverage(),
        c.percent(),
        c.lowPercent(),
        c.highPercent(),
        r.treated().outcome(),
        r.treated().reason(),
        r.summaryEn(),
        r.summarySw());
  }

  private static void add(double[] acc, double v) {
    acc[0] += v;
    acc[1]++;
  }

  /** {sd of the daily means, number of days}. */
  private static double[] sdOfDailyMeans(Map<LocalDate, double[]> days) {
    double m = days.values().stream().mapToDouble(d -> d[0] / d[1]).average().orElseThrow();
    double ss = days.values().stream().mapToDouble(d -> Math.pow(d[0] / d[1] - m, 2)).sum();
    return new double[] {Math.sqrt(ss / (days.size() - 1)), days.size()};
  }
}
