package io.airq.planner.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.closure.Closure;
import io.airq.core.closure.ComparisonPeriod;
import io.airq.core.closure.Phase;
import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Cork's Car-Free Day (Friday 2023-09-22, 07:00–19:00 Europe/Dublin), real hourly NO2 of four
 * city-centre low-cost sensors, against the other Fridays of September 2023 at the same hours. The
 * expected numbers are computed here, straight from the CSV files, without the planner's code.
 */
class CorkCarFreeDayTest {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(CorkCarFreeDayTest.class);
  private static final List<String> SITES = List.of("BS", "GP", "OP", "SPS");
  private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
  private static final LocalDate CAR_FREE = LocalDate.parse("2023-09-22");
  private static final Set<LocalDate> OTHER_FRIDAYS =
      Set.of(
          LocalDate.parse("2023-09-01"),
          LocalDate.parse("2023-09-08"),
          LocalDate.parse("2023-09-15"),
          LocalDate.parse("2023-09-29"));

  private record Row(String site, OffsetDateTime time, double no2) {}

  private static List<Row> read() throws IOException {
    Path dir = Path.of(System.getProperty("airq.shared.data", "../../shared/data"), "cork");
    List<Row> rows = new ArrayList<>();
    for (String site : SITES) {
      List<String> lines = Files.readAllLines(dir.resolve(site + "_combined.csv"));
      List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
      int no2 = header.indexOf("NO2");
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.replace("\"", "").split(",");
        if (!f[no2].equals("NA")) {
          rows.add(new Row(site, OffsetDateTime.parse(f[0], TS), Double.parseDouble(f[no2])));
        }
      }
    }
    return rows;
  }

  private static boolean inHours(OffsetDateTime t) {
    int h = t.atZoneSameInstant(DUBLIN).getHour();
    return h >= 7 && h < 19;
  }

  @Test
  void carFreeDayReportMatchesAnIndependentCalculationFromTheCsv() throws IOException {
    List<Row> rows = read();
    // independent: means of sensor-hours, and daily means (all sites pooled per day)
    double duringSum = 0;
    int duringN = 0;
    Map<LocalDate, double[]> beforeDays = new TreeMap<>();
    for (Row r : rows) {
      LocalDate d = r.time().atZoneSameInstant(DUBLIN).toLocalDate();
      if (!inHours(r.time())) {
        continue;
      }
      if (d.equals(CAR_FREE)) {
        duringSum += r.no2();
        duringN++;
      } else if (OTHER_FRIDAYS.contains(d)) {
        double[] acc = beforeDays.computeIfAbsent(d, k -> new double[2]);
        acc[0] += r.no2();
        acc[1]++;
      }
    }
    double beforeSum = 0;
    int beforeN = 0;
    List<Double> dailyMeans = new ArrayList<>();
    for (double[] acc : beforeDays.values()) {
      beforeSum += acc[0];
      beforeN += (int) acc[1];
      dailyMeans.add(acc[0] / acc[1]);
    }
    double during = duringSum / duringN;
    double before = beforeSum / beforeN;
    double m = dailyMeans.stream().mapToDouble(x -> x).average().orElseThrow();
    double ss = dailyMeans.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
    int k = dailyMeans.size();
    double sd = Math.sqrt(ss / (k - 1));
    // one closure day: it borrows the baseline day-to-day sd, with k − 1 degrees of freedom
    double var = sd * sd / (during * during) + sd * sd / (k * before * before);
    double half = StudentT.quantile(0.975, k - 1) * Math.sqrt(var);
    double ratio = during / before;

    List<ComparisonPeriod> fridays =
        OTHER_FRIDAYS.stream()
            .sorted()
            .map(d -> new ComparisonPeriod(d.atTime(7, 0), d.atTime(19, 0)))
            .toList();
    Closure closure =
        Closure.builder("cork-car-free-day-2023")
            .name("Cork Car-Free Day")
            .treated(SensorSelection.ofSensors(SITES.toArray(String[]::new)))
            .period(
                LocalDateTime.parse("2023-09-22T07:00"), LocalDateTime.parse("2023-09-22T19:00"))
            .after(Duration.ofHours(12))
            .zone(DUBLIN)
            .comparisonPeriods(fridays)
            .build();
    List<Sensor> registry =
        SITES.stream()
            .map(
                s ->
                    Sensor.builder(s)
                        .position(51.9, -8.47)
                        .area("Cork city centre")
                        .street(s)
                        .county("Cork")
                        .reportingInterval(Duration.ofHours(1))
                        .build())
            .toList();
    List<HourlyMean> hours =
        rows.stream()
            .map(r -> new HourlyMean(r.site(), r.time().toInstant(), r.no2(), 1, 1))
            .toList();
    ImpactReport report =
        ImpactAnalysis.fromHourlyMeans(
            closure, Quantity.NO2, registry, hours, ImpactAnalysis.Options.DEFAULT);

    PhaseStats b = report.treated().phases().get(Phase.BEFORE);
    PhaseStats d = report.treated().phases().get(Phase.DURING);
    assertThat(d.mean()).isCloseTo(during, within(1e-9));
    assertThat(b.mean()).isCloseTo(before, within(1e-9));
    assertThat(d.expectedHours()).isEqualTo(4 * 12);
    assertThat(b.expectedHours()).isEqualTo(4 * 4 * 12);
    assertThat(d.validHours()).isEqualTo(duringN);
    assertThat(b.validHours()).isEqualTo(beforeN);
    assertThat(b.days()).isEqualTo(k);
    Change c = report.treated().duringVsBefore();
    assertThat(c.percent()).isCloseTo((ratio - 1) * 100, within(1e-9));
    assertThat(c.lowPercent()).isCloseTo((ratio * Math.exp(-half) - 1) * 100, within(1e-6));
    assertThat(c.highPercent()).isCloseTo((ratio * Math.exp(half) - 1) * 100, within(1e-6));
    LOG.info(
        "Cork Car-Free Day NO2: during {} ({} h), other Fridays {} ({} h, {} days), change {}% [{},"
            + " {}], outcome {}; {} / {}",
        during,
        duringN,
        before,
        beforeN,
        k,
        c.percent(),
        c.lowPercent(),
        c.highPercent(),
        report.treated().outcome(),
        report.summaryEn(),
        report.summarySw());
  }
}
