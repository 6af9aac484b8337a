package io.airq.planner.impact;

import static io.airq.planner.impact.ImpactFixtures.closure;
import static io.airq.planner.impact.ImpactFixtures.hours;
import static io.airq.planner.impact.ImpactFixtures.sensor;
import static io.airq.planner.impact.ImpactFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.closure.SensorSelection;
import io.airq.core.reading.Quantity;
import io.airq.core.registry.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed fixtures; the expected numbers are worked out in the comments. */
class ImpactAnalysisTest {
  private static final ImpactAnalysis.Options OPTIONS = ImpactAnalysis.Options.DEFAULT;

  /** UTC; before = 1–2 Jan, during = 3–4 Jan, after = 5 Jan; one treated, one control sensor. */
  private static Closure twoDayClosure() {
    return closure(
        SensorSelection.ofSensors("t1"),
        SensorSelection.ofSensors("c1"),
        LocalDateTime.parse("2024-01-03T00:00"),
        LocalDateTime.parse("2024-01-05T00:00"),
        Duration.ofDays(2),
        Duration.ofDays(1),
        "UTC");
  }

  private static List<HourlyMean> day(String sensor, String date, double value) {
    return hours(
        sensor, utc(date + "T00:00:00Z"), utc(date + "T00:00:00Z").plus(Duration.ofDays(1)), value);
  }

  private static List<HourlyMean> twoDayData() {
    List<HourlyMean> h = new ArrayList<>();
    // treated: before days 18, 22 (mean 20, sd √8 = 2·√2); during 9, 11 (mean 10, sd √2)
    h.addAll(day("t1", "2024-01-01", 18));
    h.addAll(day("t1", "2024-01-02", 22));
    h.addAll(day("t1", "2024-01-03", 9));
    h.addAll(day("t1", "2024-01-04", 11));
    h.addAll(day("t1", "2024-01-05", 10));
    // control: before 9, 11 (mean 10); during 7, 9 (mean 8)
    h.addAll(day("c1", "2024-01-01", 9));
    h.addAll(day("c1", "2024-01-02", 11));
    h.addAll(day("c1", "2024-01-03", 7));
    h.addAll(day("c1", "2024-01-04", 9));
    h.addAll(day("c1", "2024-01-05", 8));
    return h;
  }

  private static final List<Sensor> REGISTRY =
      List.of(sensor("t1", "Westlands", "Nairobi"), sensor("c1", "Ruaka", "Kiambu"));

  @Test
  void changeDuringVsBeforeUsesWelchOnDailyMeansWithDeltaMethodRatio() {
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(
            twoDayClosure(), Quantity.PM25, REGISTRY, twoDayData(), OPTIONS);
    GroupImpact t = r.treated();
    assertThat(t.phases().get(Phase.BEFORE).mean()).isEqualTo(20.0);
    assertThat(t.phases().get(Phase.DURING).mean()).isEqualTo(10.0);
    assertThat(t.phases().get(Phase.BEFORE).coverage()).isEqualTo(1.0);
    assertThat(t.phases().get(Phase.DURING).validHours()).isEqualTo(48);
    // log-variance terms: 8/(2·400) = 0.01 and 2/(2·100) = 0.01, each with 1 df, so Welch df = 2;
    // t(0.975, 2) = 4.302653; CI = 0.5·exp(±4.302653·√0.02) − 1 = [−72.79 %, −8.12 %]
    assertThat(t.duringVsBefore().percent()).isCloseTo(-50.0, within(1e-9));
    assertThat(t.duringVsBefore().degreesOfFreedom()).isCloseTo(2.0, within(1e-9));
    assertThat(t.duringVsBefore().lowPercent()).isCloseTo(-72.7913, within(1e-3));
    assertThat(t.duringVsBefore().highPercent()).isCloseTo(-8.1176, within(1e-3));
    assertThat(t.outcome()).isEqualTo(Outcome.CLEAR_DECREASE);
    assertThat(r.methodVersion()).isEqualTo("airq-impact-1.1");
  }

  @Test
  void differenceInDifferencesIsTheRatioOfRatios() {
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(
            twoDayClosure(), Quantity.PM25, REGISTRY, twoDayData(), OPTIONS);
    // (10/20)/(8/10) − 1 = −37.5 %; terms 0.01, 0.01, 2/(2·64) = 0.015625, 0.01, each 1 df:
    // df = 0.045625² / (3·0.0001 + 0.015625²) = 3.82556; t = 2.827095; CI [−65.83 %, +14.32 %]
    assertThat(r.differenceInDifferences().percent()).isCloseTo(-37.5, within(1e-9));
    assertThat(r.differenceInDifferences().degreesOfFreedom()).isCloseTo(3.82556, within(1e-4));
    assertThat(r.differenceInDifferences().lowPercent()).isCloseTo(-65.8317, within(1e-3));
    assertThat(r.differenceInDifferences().highPercent()).isCloseTo(14.3238, within(1e-3));
    assertThat(r.didOutcome()).isEqualTo(Outcome.NO_CLEAR_CHANGE);
    assertThat(r.control().phases().get(Phase.DURING).mean()).isEqualTo(8.0);
  }

  @Test
  void breakdownPerAreaAndCountyCoversTheTreatedSensors() {
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(
            twoDayClosure(), Quantity.PM25, REGISTRY, twoDayData(), OPTIONS);
    assertThat(r.breakdown())
        .extracting(GroupImpact::label)
        .containsExactly("area:Westlands", "county:Nairobi");
    assertThat(r.breakdown().get(0).duringVsBefore().percent()).isCloseTo(-50.0, within(1e-9));
  }

  @Test
  void summariesStateTheNumbersInEnglishAndSwahili() {
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(
            twoDayClosure(), Quantity.PM25, REGISTRY, twoDayData(), OPTIONS);
    assertThat(r.summaryEn())
        .startsWith("While the road was closed, average PM2.5 fell by 50% compared with before")
        .contains("8% to 73% lower");
    assertThat(r.summarySw())
        .startsWith("Wakati barabara ilipofungwa, wastani wa PM2.5 ulishuka kwa 50%")
        .contains("kati ya 8% na 73%")
        .contains("maeneo ya udhibiti, mabadiliko yalikuwa -38%");
  }

  @Test
  void oneDayClosureBorrowsTheBaselineDayToDayVariability() {
    Closure c =
        closure(
            SensorSelection.ofSensors("t1"),
            null,
            LocalDateTime.parse("2024-01-04T00:00"),
            LocalDateTime.parse("2024-01-05T00:00"),
            Duration.ofDays(3),
            Duration.ofDays(1),
            "UTC");
    List<HourlyMean> h = new ArrayList<>();
    h.addAll(day("t1", "2024-01-01", 18));
    h.addAll(day("t1", "2024-01-02", 20));
    h.addAll(day("t1", "2024-01-03", 22));
    h.addAll(day("t1", "2024-01-04", 10));
    ImpactReport r = ImpactAnalysis.fromHourlyMeans(c, Quantity.NO2, REGISTRY, h, OPTIONS);
    // sd of baseline days = 2 (2 df) used for both: 4/(1·100) + 4/(3·400) = 0.043333;
    // 0.5·exp(±4.302653·√0.043333) − 1 = [−79.58 %, +22.45 %]
    Change ch = r.treated().duringVsBefore();
    assertThat(ch.percent()).isCloseTo(-50.0, within(1e-9));
    assertThat(ch.lowPercent()).isCloseTo(-79.5833, within(1e-3));
    assertThat(ch.highPercent()).isCloseTo(22.4486, within(1e-3));
    assertThat(r.treated().outcome()).isEqualTo(Outcome.NO_CLEAR_CHANGE);
    assertThat(r.control()).isNull();
    assertThat(r.didOutcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThat(r.summaryEn())
        .contains("no clear change in average NO2")
        .contains("-50%")
        .endsWith(
            "There were no control sites, so this change may also come from the weather or from a"
                + " change across the whole city.");
    assertThat(r.summarySw())
        .contains("hakukuwa na mabadiliko ya wazi")
        .contains("Hakukuwa na maeneo ya udhibiti");
    // the after phase has no data at all
    assertThat(r.treated().afterVsBefore().percent()).isNaN();
  }

  @Test
  void emptyDuringPhaseIsInsufficientData() {
    List<HourlyMean> h = new ArrayList<>();
    h.addAll(day("t1", "2024-01-01", 18));
    h.addAll(day("t1", "2024-01-02", 22));
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(twoDayClosure(), Quantity.PM25, REGISTRY, h, OPTIONS);
    assertThat(r.treated().outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThat(r.treated().reason()).isEqualTo("the during phase has no valid hours");
    assertThat(r.treated().phases().get(Phase.DURING).mean()).isNaN();
    assertThat(r.treated().phases().get(Phase.DURING).expectedHours()).isEqualTo(48);
    assertThat(r.summaryEn()).startsWith("There is not enough data");
    assertThat(r.summarySw()).startsWith("Hakuna data ya kutosha");
  }

  @Test
  void allHoursInvalidCountAsInvalidAndGiveInsufficientData() {
    List<HourlyMean> h = new ArrayList<>();
    for (HourlyMean m : twoDayData()) {
      // 44 of 60 readings = 73 % < 75 %
      h.add(new HourlyMean(m.sensor(), m.hourStart(), m.mean(), 44, 60));
    }
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(twoDayClosure(), Quantity.PM25, REGISTRY, h, OPTIONS);
    PhaseStats before = r.treated().phases().get(Phase.BEFORE);
    assertThat(before.validHours()).isZero();
    assertThat(before.invalidHours()).isEqualTo(48);
    assertThat(r.treated().outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThat(r.didOutcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
  }

  @Test
  void phaseBelowCoverageGateIsInsufficientEvenWithAClearChange() {
    List<HourlyMean> h = new ArrayList<>(twoDayData());
    // drop 13 of the 48 during hours of t1: 35/48 = 72.9 % < 75 %
    h.removeIf(
        m ->
            m.sensor().equals("t1")
                && !m.hourStart().isBefore(utc("2024-01-03T00:00:00Z"))
                && m.hourStart().isBefore(utc("2024-01-03T13:00:00Z")));
    ImpactReport r =
        ImpactAnalysis.fromHourlyMeans(twoDayClosure(), Quantity.PM25, REGISTRY, h, OPTIONS);
    assertThat(r.treated().phases().get(Phase.DURING).coverage())
        .isCloseTo(35 / 48.0, within(1e-12));
    assertThat(r.treated().outcome()).isEqualTo(Outcome.INSUFFICIENT_DATA);
    assertThat(r.treated().reason()).contains("73% of its hours valid, below the 75% gate");
    ImpactAnalysis.Options lenient = new ImpactAnalysis.Options(false, 0.75, 0.7);
    assertThat(
            ImpactAnalysis.fromHourlyMeans(twoDayClosure(), Quantity.PM25, REGISTRY, h, lenient)
                .treated()
                .outcome())
        .isNotEqualTo(Outcome.INSUFFICIENT_DATA);
  }

  @Test
  void closureAcrossMidnightSplitsItsHoursIntoTwoLocalDays() {
    // Dublin in January is UTC+0: during = 22:00–02:00 on 10/11 Jan
    Closure c =
        closure(
            SensorSelection.ofSensors("t1"),
            null,
            LocalDateTime.parse("2024-01-10T22:00"),
            LocalDateTime.parse("2024-01-11T02:00"),
            Duration.ofHours(4),
            Duration.ofHours(4),
            "Europe/Dublin");
    List<HourlyMean> h = new ArrayList<>();
    h.addAll(hours("t1", utc("2024-01-10T18:00:00Z"), utc("2024-01-10T22:00:00Z"), 20));
    h.addAll(hours("t1", utc("2024-01-10T22:00:00Z"), utc("2024-01-11T00:00:00Z"), 8));
    h.addAll(hours("t1", utc("2024-01-11T00:00:00Z"), utc("2024-01-11T02:00:00Z"), 12));
    Map<Phase, PhaseInput> in =
        PhaseAggregator.aggregate(c, Group.TREATED, Quantity.PM25, List.of("t1"), h, false, 0.75);
    PhaseInput during = in.get(Phase.DURING);
    assertThat(during.expectedHours()).isEqualTo(4);
    assertThat(during.aggregate().days())
        .containsOnlyKeys(LocalDate.parse("2024-01-10"), LocalDate.parse("2024-01-11"));
    assertThat(during.aggregate().days().get(LocalDate.parse("2024-01-10")).mean()).isEqualTo(8);
    PhaseStats s = PhaseStats.of(during.aggregate(), during.expectedHours());
    // mean of hours 10, sd of daily means (8, 12) = 2·√2
    assertThat(s.mean()).isEqualTo(10.0);
    assertThat(s.days()).isEqualTo(2);
    assertThat(s.dailyMeanSd()).isCloseTo(2 * Math.sqrt(2), within(1e-12));
  }

  @Test
  void autumnDstSwitchGivesTheClosureAnExtraHour() {
    // 29 Oct 2023: Dublin goes from IST (UTC+1) to GMT at 02:00 local; 00:00–04:00 local lasts
    // five hours: 2023-10-28T23:00Z to 2023-10-29T04:00Z
    Closure c =
        closure(
            SensorSelection.ofSensors("t1", "t2"),
            null,
            LocalDateTime.parse("2023-10-29T00:00"),
            LocalDateTime.parse("2023-10-29T04:00"),
            Duration.ofDays(1),
            Duration.ofDays(1),
            "Europe/Dublin");
    List<HourlyMean> h =
        new ArrayList<>(hours("t1", utc("2023-10-28T23:00:00Z"), utc("2023-10-29T04:00:00Z"), 5));
    Map<Phase, PhaseInput> in =
        PhaseAggregator.aggregate(
            c, Group.TREATED, Quantity.PM25, List.of("t1", "t2"), h, false, 0.75);
    assertThat(in.get(Phase.DURING).expectedHours()).isEqualTo(10);
    assertThat(in.get(Phase.DURING).aggregate().total().count()).isEqualTo(5);
    // the day before: 2023-10-28T00:00 IST = 2023-10-27T23:00Z, 24 hours to the closure
    assertThat(in.get(Phase.BEFORE).expectedHours()).isEqualTo(48);
    // the day after: 04:00 GMT to 04:00 GMT next day
    assertThat(in.get(Phase.AFTER).expectedHours()).isEqualTo(48);
    PhaseStats during = PhaseStats.of(in.get(Phase.DURING).aggregate(), 10);
    assertThat(during.coverage()).isEqualTo(0.5);
  }

  @Test
  void springDstSwitchGivesTheClosureOneHourLess() {
    Closure c =
        closure(
            SensorSelection.ofSensors("t1"),
            null,
            LocalDateTime.parse("2023-03-26T00:00"),
            LocalDateTime.parse("2023-03-26T04:00"),
            Duration.ofDays(1),
            Duration.ofDays(1),
            "Europe/Dublin");
    assertThat(PhaseAggregator.expectedHours(c, 1, false).get(Phase.DURING)).isEqualTo(3);
  }

  @Test
  void matchedHoursKeepOnlyBaselineHoursOnTheClosuresWeekdaysAndHours() {
    // Friday 2024-01-12 07:00–19:00 UTC, baseline 7 days: matched keeps Friday 5 Jan 07:00–19:00
    Closure c =
        closure(
            SensorSelection.ofSensors("t1"),
            null,
            LocalDateTime.parse("2024-01-12T07:00"),
            LocalDateTime.parse("2024-01-12T19:00"),
            Duration.ofDays(7),
            Duration.ofHours(1),
            "UTC");
    List<HourlyMean> h = new ArrayList<>();
    h.addAll(hours("t1", utc("2024-01-05T00:00:00Z"), utc("2024-01-12T07:00:00Z"), 30));
    // the matched Friday hours read 20, everything else 30
    h.replaceAll(
        m ->
            !m.hourStart().isBefore(utc("2024-01-05T07:00:00Z"))
                    && m.hourStart().isBefore(utc("2024-01-05T19:00:00Z"))
                ? new HourlyMean("t1", m.hourStart(), 20, 60, 60)
                : m);
    h.addAll(hours("t1", utc("2024-01-12T07:00:00Z"), utc("2024-01-12T19:00:00Z"), 10));
    Map<Phase, PhaseInput> matched =
        PhaseAggregator.aggregate(c, Group.TREATED, Quantity.PM25, List.of("t1"), h, true, 0.75);
    assertThat(matched.get(Phase.BEFORE).expectedHours()).isEqualTo(12);
    assertThat(matched.get(Phase.BEFORE).aggregate().total().mean()).isEqualTo(20.0);
    Map<Phase, PhaseInput> all =
        PhaseAggregator.aggregate(c, Group.TREATED, Quantity.PM25, List.of("t1"), h, false, 0.75);
    assertThat(all.get(Phase.BEFORE).expectedHours()).isEqualTo(7 * 24);
    assertThat(all.get(Phase.BEFORE).aggregate().total().mean())
        .isCloseTo((12 * 20.0 + 156 * 30.0) / 168, within(1e-12));
  }

  @Test
  void liveAggregatesGiveTheSameReportAsHourlyMeans() {
    Closure c = twoDayClosure();
    List<HourlyMean> h = twoDayData();
    ImpactReport retro = ImpactAnalysis.fromHourlyMeans(c, Quantity.PM25, REGISTRY, h, OPTIONS);
    ImpactReport live =
        ImpactAnalysis.fromAggregates(
            c,
            Quantity.PM25,
            PhaseAggregator.aggregate(
                c, Group.TREATED, Quantity.PM25, List.of("t1"), h, false, 0.75),
            1,
            PhaseAggregator.aggregate(
                c, Group.CONTROL, Quantity.PM25, List.of("c1"), h, false, 0.75),
            1,
            OPTIONS);
    assertThat(live.treated()).isEqualTo(retro.treated());
    assertThat(live.differenceInDifferences()).isEqualTo(retro.differenceInDifferences());
    assertThat(live.summarySw()).isEqualTo(retro.summarySw());
  }

  /** twoDayClosure, with the treated group the area Westlands (t1's). */
  private static Closure westlandsClosure() {
    return closure(
        SensorSelection.ofAreas("Westlands"),
        SensorSelection.ofSensors("c1"),
        LocalDateTime.parse("2024-01-03T00:00"),
        LocalDateTime.parse("2024-01-05T00:00"),
        Duration.ofDays(2),
        Duration.ofDays(1),
        "UTC");
  }

  @Test
  void aSensorRegisteredAfterTheClosureDoesNotChangeItsReport() {
    Closure c = westlandsClosure();
    List<HourlyMean> h = twoDayData();
    ImpactReport before = ImpactAnalysis.fromHourlyMeans(c, Quantity.PM25, REGISTRY, h, OPTIONS);
    Sensor later = installed(sensor("t9", "Westlands", "Nairobi"), c.afterEnd().plusSeconds(1));
    List<Sensor> grown = new ArrayList<>(REGISTRY);
    grown.add(later);
    ImpactReport after = ImpactAnalysis.fromHourlyMeans(c, Quantity.PM25, grown, h, OPTIONS);
    assertThat(after).isEqualTo(before);
    assertThat(before.treated().phases().get(Phase.DURING).coverage()).isEqualTo(1.0);
    // registered as entries were before the history fields (in service since always), it counts
    grown.set(2, sensor("t9", "Westlands", "Nairobi"));
    assertThat(
            ImpactAnalysis.fromHourlyMeans(c, Quantity.PM25, grown, h, OPTIONS)
                .treated()
                .phases()
                .get(Phase.DURING)
                .coverage())
        .isEqualTo(0.5);
  }

  @Test
  void aSensorIsExpectedOnlyForTheHoursItWasInService() {
    Closure c = twoDayClosure();
    Instant midDuring = c.startInstant().plus(Duration.ofHours(10));
    Sensor t1 = sensor("t1", "Westlands", "Nairobi");
    Sensor retired = t1.retiredAt(midDuring);
    Map<Phase, Long> expected = PhaseAggregator.expectedHours(c, List.of(retired), false);
    assertThat(expected.get(Phase.BEFORE)).isEqualTo(48);
    assertThat(expected.get(Phase.DURING)).isEqualTo(10);
    assertThat(expected.get(Phase.AFTER)).isZero();
    Sensor installedMidway = installed(t1, midDuring.plus(Duration.ofMinutes(20)));
    Map<Phase, Long> later = PhaseAggregator.expectedHours(c, List.of(installedMidway), false);
    assertThat(later.get(Phase.BEFORE)).isZero();
    assertThat(later.get(Phase.DURING))
        .as("the hour it was installed in counts: in service for 40 of its minutes")
        .isEqualTo(48 - 10);
    assertThat(later.get(Phase.AFTER)).isEqualTo(24);
  }

  private static Sensor installed(Sensor s, Instant when) {
    return s.toBuilder().installed(when).build();
  }
}
