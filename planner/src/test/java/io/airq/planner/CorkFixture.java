package io.airq.planner;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.registry.SensorKind;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * Cork's Car-Free Day (Friday 22 September 2023, 07:00–19:00 Europe/Dublin) as the pipeline leaves
 * it, without the pipeline: the four city-centre sensors of {@code docs/examples/cork-sites.csv} on
 * the registry topic, and their real hourly NO2 of {@code shared/data/cork/<SITE>_combined.csv} (25
 * August to 30 September 2023) as hourly averages in InfluxDB, as the sink writes them for sensors
 * reporting once an hour (CorkCarFreeDayEndToEndIT replays the same files through the whole
 * pipeline). The sensors measure NO2 only. The files' Met Éireann columns (hourly rain in mm, mean
 * wind speed in knots) are a weather station's {@code rain} and {@code wind_speed} (m/s) averages,
 * the closure's weather station {@link #STATION}.
 */
final class CorkFixture {
  static final String CLOSURE_ID = "cork-car-free-day-2023";
  static final String STATION = "met-cork";
  private static final double KNOT = 0.514444;

  /**
   * As CorkCarFreeDayTest computes it: compared with the same hours of the other Fridays of
   * September 2023, and an after phase of the twelve hours from 19:00 to 07:00 over two local days,
   * whose interval is very wide.
   */
  static final String CLOSURE_JSON =
      """
      {"id":"cork-car-free-day-2023","name":"Cork Car-Free Day 2023",
       "treated":{"sensors":["cork-sps","cork-op","cork-gp","cork-bs"]},
       "start":"2023-09-22T07:00:00","end":"2023-09-22T19:00:00","after":"PT12H",
       "weather":{"station":"met-cork"},
       "zone":"Europe/Dublin",
       "comparisonPeriods":[{"start":"2023-09-01T07:00:00","end":"2023-09-01T19:00:00"},
        {"start":"2023-09-08T07:00:00","end":"2023-09-08T19:00:00"},
        {"start":"2023-09-15T07:00:00","end":"2023-09-15T19:00:00"},
        {"start":"2023-09-29T07:00:00","end":"2023-09-29T19:00:00"}]}""";

  private static final List<String[]> SITES =
      List.of(
          new String[] {"SPS", "cork-sps", "51.8988", "-8.4737", "St Patrick's Street"},
          new String[] {"OP", "cork-op", "51.8977", "-8.4700", "Oliver Plunkett Street"},
          new String[] {"GP", "cork-gp", "51.8966", "-8.4771", "Grand Parade"},
          new String[] {"BS", "cork-bs", "51.8972", "-8.4663", "Beasley Street"});

  private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");
  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX");
  private static final LocalDate FIRST = LocalDate.parse("2023-08-25");
  private static final LocalDate LAST = LocalDate.parse("2023-09-30");

  private CorkFixture() {}

  static void publishSensors(String bootstrap, String prefix) throws Exception {
    Topic<String, Sensor> topic = Topics.SENSORS.prefixed(prefix);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String[] s : SITES) {
        Sensor sensor =
            Sensor.builder(s[1])
                .position(Double.parseDouble(s[2]), Double.parseDouble(s[3]))
                .gatewayId("cork-city-centre")
                .area("Cork city centre")
                .street(s[4])
                .county("Cork")
                .hostType(HostType.PUBLIC)
                .reportingInterval(Duration.ofHours(1))
                .model("low-cost NO2")
                .build();
        producer
            .send(
                new ProducerRecord<>(
                    topic.name(), topic.serializeKey(sensor.id()), topic.serializeValue(sensor)))
            .get();
      }
      // the weather columns' station (position approximate: Cork Airport)
      Sensor station =
          Sensor.builder(STATION)
              .position(51.8472, -8.4861)
              .gatewayId(STATION)
              .county("Cork")
              .hostType(HostType.PUBLIC)
              .reportingInterval(Duration.ofHours(1))
              .model("Met Éireann synoptic station")
              .kind(SensorKind.WEATHER)
              .licence("CC-BY-4.0")
              .attribution("Met Éireann")
              .build();
      producer
          .send(
              new ProducerRecord<>(
                  topic.name(), topic.serializeKey(STATION), topic.serializeValue(station)))
          .get();
    }
  }

  /** Writes the four sites' hourly NO2 as sensor averages; returns the number of points. */
  static int writeHourlyAverages(String influxUrl, String db) throws IOException {
    Path dir = sharedData().resolve("cork");
    List<String> lines = new ArrayList<>();
    for (String[] s : SITES) {
      List<String> rows = Files.readAllLines(dir.resolve(s[0] + "_combined.csv"));
      List<String> header = List.of(rows.get(0).replace("\"", "").split(","));
      int no2 = header.indexOf("NO2");
      int rain = header.indexOf("rain");
      int wind = header.indexOf("wdsp");
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.replace("\"", "").split(",");
        OffsetDateTime t = OffsetDateTime.parse(f[0], TS);
        LocalDate day = t.atZoneSameInstant(DUBLIN).toLocalDate();
        if (day.isBefore(FIRST) || day.isAfter(LAST)) {
          continue;
        }
        if (!f[no2].equals("NA")) {
          lines.add(average(s[1], "Cork\\ city\\ centre", "no2", Double.parseDouble(f[no2]), t));
        }
        if (s[0].equals("BS") && !f[rain].equals("NA") && !f[wind].equals("NA")) {
          lines.add(average(STATION, "", "rain", Double.parseDouble(f[rain]), t));
          lines.add(average(STATION, "", "wind_speed", Double.parseDouble(f[wind]) * KNOT, t));
        }
      }
    }
    try (InfluxDB influx = InfluxDBFactory.connect(influxUrl)) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    }
    return lines.size();
  }

  private static String average(
      String key, String area, String quantity, double v, OffsetDateTime t) {
    return String.format(
        Locale.ROOT,
        "average,scope=sensor,key=%s,%scounty=Cork,window=1h,quantity=%s mean=%s,raw_mean=%s,"
            + "min=%s,max=%s,count=1i,expected=1i,coverage=100.0,correction=\"none\" %d",
        key,
        area.isEmpty() ? "" : "area=" + area + ",",
        quantity,
        v,
        v,
        v,
        v,
        t.toInstant().toEpochMilli() * 1_000_000L);
  }

  private static Path sharedData() {
    for (String candidate :
        new String[] {System.getProperty("airq.shared.data"), System.getenv("AIRQ_SHARED_DATA")}) {
      if (candidate != null && Files.isDirectory(Path.of(candidate, "cork"))) {
        return Path.of(candidate);
      }
    }
    throw new AssertionError(
        "the Cork data is missing: set AIRQ_SHARED_DATA (or -Dairq.shared.data) to the shared data"
            + " directory holding cork/<SITE>_combined.csv");
  }
}
