package io.airq.sink.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airq.core.alert.Alert;
import io.airq.core.average.AverageWindow;
import io.airq.core.average.Scope;
import io.airq.core.average.WindowAverage;
import io.airq.core.average.WindowAverages;
import io.airq.core.average.WindowAverages.QuantityAverage;
import io.airq.core.closure.Closure;
import io.airq.core.closure.Group;
import io.airq.core.closure.Phase;
import io.airq.core.impact.Moments;
import io.airq.core.impact.PhaseAggregate;
import io.airq.core.index.IndexValue;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.QaFlag;
import io.airq.core.reading.QaRule;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PointMapperTest {
  static final Instant T = Instant.parse("2026-03-01T10:00:00.123456789Z");
  static final SensorPlace CBD =
      new SensorPlace(-1.28, 36.82, "Nairobi CBD", "Moi Ave", "Nairobi", false, null);

  static CleanReading reading(String sensor) {
    return new CleanReading(
        sensor,
        T,
        T,
        "gw",
        SourceFormat.byId("airq").orElseThrow(),
        CBD,
        Map.of(
            Quantity.PM25,
            new CorrectedValue(20.5, 14.25, "us-epa-2021-ext2022"),
            Quantity.HUMIDITY,
            CorrectedValue.uncorrected(61)),
        List.of(new QaFlag(QaRule.SPIKE, Quantity.PM25, "jump")));
  }

  @Test
  void cleanReadingBecomesOneReadingPointWithCorrectedRawAndFlags() {
    assertThat(PointMapper.reading(reading("nbo-cbd-01")))
        .isEqualTo(
            LineResult.of(
                "reading,sensor=nbo-cbd-01,area=Nairobi\\ CBD,county=Nairobi,format=airq"
                    + " pm25=14.25,pm25_raw=20.5,humidity=61,humidity_raw=61,flags=\"pm25:spike\""
                    + " 1772359200123456789"));
  }

  @Test
  void injectionAttemptInSensorIdStaysInsideTheTagValue() {
    LineResult r = PointMapper.reading(reading("x,evil=1 pm25=999"));
    assertThat(r)
        .isEqualTo(
            LineResult.of(
                "reading,sensor=x\\,evil\\=1\\ pm25\\=999,area=Nairobi\\ CBD,county=Nairobi,format=airq"
                    + " pm25=14.25,pm25_raw=20.5,humidity=61,humidity_raw=61,flags=\"pm25:spike\""
                    + " 1772359200123456789"));
  }

  @Test
  void lineBreakInATagIsRejectedWithAReasonNotWritten() {
    LineResult r = PointMapper.reading(reading("a\nb"));
    assertThat(r).isInstanceOf(LineResult.Rejected.class);
    assertThat(((LineResult.Rejected) r).reason()).contains("line break");
  }

  @Test
  void backslashesAreKeptUnlessInfluxCannotReadThemBack() {
    assertThat(LineBuilder.unrepresentable("a\\b")).isNull();
    assertThat(LineBuilder.unrepresentable("\\a\\b")).isNull();
    assertThat(LineBuilder.unrepresentable("a\\")).contains("backslash");
    assertThat(LineBuilder.unrepresentable("a\\\\b")).contains("backslash");
    assertThat(LineBuilder.unrepresentable("a\\,b")).contains("backslash");
    assertThat(LineBuilder.unrepresentable("a\\ b")).contains("backslash");
    assertThat(LineBuilder.unrepresentable("a\\=b")).contains("backslash");
    assertThat(LineBuilder.measurement("m").tag("k", "a\\b,c").field("f", 1L).line(T))
        .contains("m,k=a\\b\\,c f=1i 1772359200123456789");
  }

  @Test
  void stringFieldsEscapeQuotesAndBackslashesAndKeepNewlines() {
    assertThat(
            LineBuilder.measurement("m")
                .tag("k", "v")
                .field("s", "say \"hi\"\\\nnext, ünï=")
                .line(T))
        .contains("m,k=v s=\"say \\\"hi\\\"\\\\\nnext, ünï=\" 1772359200123456789");
  }

  @Test
  void nonFiniteFloatsAreLeftOutAndEmptyTagsOmitted() {
    assertThat(
            LineBuilder.measurement("m")
                .tag("a", "")
                .tag("b", null)
                .tag("c", "x")
                .field("nan", Double.NaN)
                .field("small", 1.5e-5)
                .field("big", 12345678.5)
                .line(T))
        .contains("m,c=x small=0.000015,big=12345678.5 1772359200123456789");
    assertThat(LineBuilder.measurement("m").field("nan", Double.NaN).time(T))
        .isInstanceOf(LineResult.Rejected.class);
  }

  @Test
  void windowAverageIsWrittenAtItsStartWithIntegerCountsAndItsIndexWithCompanions() {
    WindowAverage a =
        new WindowAverage(
            Scope.SENSOR,
            "nbo-cbd-01",
            "Nairobi CBD",
            "Nairobi",
            AverageWindow.HOUR,
            Instant.parse("2026-03-01T10:00:00Z"),
            Instant.parse("2026-03-01T11:00:00Z"),
            Quantity.PM25,
            57,
            60,
            95.0,
            3.5,
            40.25,
            21.0,
            15.5,
            "us-epa-2021-ext2022",
            List.of(
                new IndexValue(
                    "aqi_us_nowcast",
                    "us-epa-2024",
                    58,
                    "Moderate",
                    Quantity.PM25,
                    IndexValue.NOWCAST_12H)));
    assertThat(PointMapper.average(a))
        .isEqualTo(
            LineResult.of(
                "average,scope=sensor,key=nbo-cbd-01,area=Nairobi\\ CBD,county=Nairobi,window=1h,"
                    + "quantity=pm25 mean=15.5,raw_mean=21,min=3.5,max=40.25,count=57i,expected=60i,"
                    + "coverage=95,aqi_us_nowcast=58i,aqi_us_nowcast_category=\"Moderate\","
                    + "aqi_us_nowcast_pollutant=\"pm25\",aqi_us_nowcast_averaging=\"nowcast-12h\","
                    + "aqi_us_nowcast_id=\"us-epa-2024\",correction=\"us-epa-2021-ext2022\""
                    + " 1772359200000000000"));
  }

  @Test
  void aCalendarDayIsWrittenWithWindowDayAndItsDailyAqiLabelledCalendarDay() {
    WindowAverage a =
        new WindowAverage(
            Scope.AREA,
            "cbd",
            "cbd",
            "Nairobi",
            AverageWindow.DAY,
            Instant.parse("2026-02-28T21:00:00Z"),
            Instant.parse("2026-03-01T21:00:00Z"),
            Quantity.PM25,
            2,
            2,
            100.0,
            30,
            51,
            40.5,
            40.5,
            "none",
            List.of(
                new IndexValue(
                    "aqi_us",
                    "us-epa-2024",
                    113,
                    "Unhealthy for Sensitive Groups",
                    Quantity.PM25,
                    IndexValue.CALENDAR_DAY)));
    assertThat(PointMapper.average(a))
        .isEqualTo(
            LineResult.of(
                "average,scope=area,key=cbd,area=cbd,county=Nairobi,window=day,quantity=pm25"
                    + " mean=40.5,raw_mean=40.5,min=30,max=51,count=2i,expected=2i,coverage=100,"
                    + "aqi_us=113i,aqi_us_category=\"Unhealthy for Sensitive Groups\","
                    + "aqi_us_pollutant=\"pm25\",aqi_us_averaging=\"calendar-day\","
                    + "aqi_us_id=\"us-epa-2024\",correction=\"none\" 1772312400000000000"));
  }

  @Test
  void aWindowsQuantitiesAreOnePointEachWithTheWindowsTags() {
    Instant start = Instant.parse("2026-03-01T10:00:00Z");
    WindowAverages w =
        new WindowAverages(
            Scope.AREA,
            "CBD",
            "CBD",
            "Nairobi",
            AverageWindow.MINUTE,
            start,
            start.plusSeconds(60),
            Map.of(
                Quantity.PM10, new QuantityAverage(3, 3, 100, 20, 30, 25, 25, "none", null),
                Quantity.PM25,
                    new QuantityAverage(3, 3, 100, 10, 12, 20, 11, "us-epa-2021-ext2022", null)));
    String tags = "average,scope=area,key=CBD,area=CBD,county=Nairobi,window=1m,";
    assertThat(PointMapper.averages(w))
        .isEqualTo(
            new LineResult.Lines(
                List.of(
                    tags
                        + "quantity=pm25 mean=11,raw_mean=20,min=10,max=12,count=3i,expected=3i,"
                        + "coverage=100,correction=\"us-epa-2021-ext2022\" 1772359200000000000",
                    tags
                        + "quantity=pm10 mean=25,raw_mean=25,min=20,max=30,count=3i,expected=3i,"
                        + "coverage=100,correction=\"none\" 1772359200000000000")));
    assertThat(
            PointMapper.averages(
                new WindowAverages(
                    Scope.AREA, "CBD", "CBD", "", AverageWindow.HOUR, start, null, Map.of())))
        .isInstanceOf(LineResult.Rejected.class);
  }

  @Test
  void phaseAggregateIsWrittenAtThePhaseStartOfItsClosure() {
    Closure c =
        Closure.builder("moi-ave")
            .name("Moi Avenue")
            .period(
                LocalDateTime.parse("2026-03-10T06:00"), LocalDateTime.parse("2026-03-12T06:00"))
            .zone(ZoneId.of("Africa/Nairobi"))
            .build();
    PhaseAggregate p =
        new PhaseAggregate(
            "moi-ave",
            Group.TREATED,
            Phase.DURING,
            Quantity.PM25,
            Map.of(LocalDate.parse("2026-03-10"), new Moments(2, 30, 500)),
            1,
            Instant.parse("2026-03-10T05:00:00Z"));
    assertThat(PointMapper.closurePhase(p, c))
        .isEqualTo(
            LineResult.of(
                "closure_phase,closure=moi-ave,group=treated,phase=during,quantity=pm25"
                    + " hours=2i,mean=15,sum=30,sum_squares=500,invalid_hours=1i,"
                    + "days=\"{\\\"2026-03-10\\\":{\\\"count\\\":2,\\\"sum\\\":30.0,"
                    + "\\\"sumSquares\\\":500.0}}\" 1773111600000000000"));
    assertThat(PointMapper.closurePhase(p, null)).isInstanceOf(LineResult.Rejected.class);
  }

  @Test
  void alertIsWrittenAtTheWindowStart() {
    Alert a =
        new Alert(
            Scope.AREA,
            "Nairobi CBD",
            Quantity.PM25,
            AverageWindow.DAY_ROLLING,
            Instant.parse("2026-03-01T10:00:00Z"),
            Instant.parse("2026-03-02T10:00:00Z"),
            31.5,
            25,
            "who-2021",
            "interim-target-4",
            Alert.RAISED,
            "24h-rolling");
    assertThat(PointMapper.alert(a))
        .isEqualTo(
            LineResult.of(
                "alert,scope=area,key=Nairobi\\ CBD,quantity=pm25,window=24h,guideline=who-2021,"
                    + "status=raised mean=31.5,threshold=25,level=\"interim-target-4\","
                    + "averaging=\"24h-rolling\" 1772359200000000000"));
  }

  /** A pre-checked key writes what the plain field method writes, for values of every kind. */
  @Test
  void aFieldKeyCheckedOnceWritesTheSameLineAsAKeyCheckedEveryTime() {
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    for (String key : new String[] {"pm25", "pm25_raw", "a b", "x,y=z", "ünïcode"}) {
      for (double v : new double[] {0, -3, 12.5, 1.5e-5, 3.2e9, 1e300, Double.NaN}) {
        LineBuilder.Key k = LineBuilder.Key.of(key);
        assertThat(LineBuilder.measurement("m").field(k, v).field("n", 1L).line(t))
            .as("%s=%s first", key, v)
            .isEqualTo(LineBuilder.measurement("m").field(key, v).field("n", 1L).line(t));
        assertThat(LineBuilder.measurement("m").field("n", 1L).field(k, v).field(k, v).line(t))
            .as("%s=%s after another field", key, v)
            .isEqualTo(
                LineBuilder.measurement("m").field("n", 1L).field(key, v).field(key, v).line(t));
      }
    }
    assertThatThrownBy(() -> LineBuilder.Key.of("a\nb"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line break");
    assertThatThrownBy(() -> LineBuilder.Key.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
