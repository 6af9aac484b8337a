package io.airq.planner;

import io.airq.core.registry.HostType;
import io.airq.core.registry.Sensor;
import io.airq.core.topic.Topic;
import io.airq.core.topic.Topics;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;

/**
 * A two-day closure of Moi Avenue (Nairobi) with two treated sensors and two control sensors in
 * Ruaka (Kiambu): sensors on the registry topic and a week of hourly PM2.5 averages in InfluxDB as
 * the sink writes them (schema.md), with a daily cycle, day-to-day variation and a few hours below
 * the coverage gate. Deterministic (fixed seed); the expected numbers come from the API, not from
 * here.
 */
final class MoiAvenueFixture {
  static final String CLOSURE_ID = "moi-avenue-2024";
  static final List<String> TREATED = List.of("t1", "t2");
  static final List<String> CONTROL = List.of("c1", "c2");

  static final String CLOSURE_JSON =
      """
      {"id":"moi-avenue-2024","name":"Moi Avenue car-free days",
       "treated":{"sensors":["t1","t2"]},"control":{"sensors":["c1","c2"]},
       "start":"2024-01-04T00:00:00","end":"2024-01-06T00:00:00",
       "baseline":"P3D","after":"P2D","zone":"Africa/Nairobi",
       "street":{"type":"LineString","coordinates":[[36.82283,-1.28391],[36.8232,-1.2834],[36.8235,-1.2829]]}}""";

  private static final ZoneId ZONE = ZoneId.of("Africa/Nairobi");
  private static final LocalDateTime FIRST_HOUR = LocalDateTime.parse("2024-01-01T00:00:00");
  private static final LocalDateTime CLOSED = LocalDateTime.parse("2024-01-04T00:00:00");
  private static final LocalDateTime REOPENED = LocalDateTime.parse("2024-01-06T00:00:00");
  private static final int HOURS = 7 * 24;

  private MoiAvenueFixture() {}

  static void publishSensors(String bootstrap, String prefix) throws Exception {
    Topic<String, Sensor> topic = Topics.SENSORS.prefixed(prefix);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Sensor s :
          List.of(
              sensor("t1", -1.28391, 36.82283, "CBD", "Moi Avenue", "Nairobi"),
              sensor("t2", -1.28290, 36.82350, "CBD", "Moi Avenue", "Nairobi"),
              sensor("c1", -1.20370, 36.77430, "Ruaka", "Limuru Road", "Kiambu"),
              sensor("c2", -1.20590, 36.77810, "Ruaka", "Ruaka Road", "Kiambu"))) {
        producer
            .send(
                new ProducerRecord<>(
                    topic.name(), topic.serializeKey(s.id()), topic.serializeValue(s)))
            .get();
      }
    }
  }

  /** Writes hourly sensor averages from local 2024-01-01 00:00 for seven days. */
  static void writeHourlyAverages(String influxUrl, String db) {
    Random random = new Random(20240104);
    List<String> lines = new ArrayList<>();
    for (String sensor : List.of("t1", "t2", "c1", "c2")) {
      boolean treated = TREATED.contains(sensor);
      double base = sensor.endsWith("1") ? (treated ? 32 : 18) : (treated ? 27 : 22);
      double dayFactor = 1;
      for (int h = 0; h < HOURS; h++) {
        LocalDateTime local = FIRST_HOUR.plusHours(h);
        if (local.getHour() == 0) {
          dayFactor = 1 + 0.08 * random.nextGaussian();
        }
        double phase = local.isBefore(CLOSED) ? 1.0 : local.isBefore(REOPENED) ? 0.55 : 0.9;
        double level = base * (treated ? phase : 1 + (phase - 1) * 0.05);
        double mean =
            Math.round(
                    level
                        * dayFactor
                        * diurnal(local.getHour())
                        * (1 + 0.06 * random.nextGaussian())
                        * 10)
                / 10.0;
        // a gateway outage on the second closed day: four hours below the hourly gate
        boolean outage =
            sensor.equals("t2")
                && local.toLocalDate().toString().equals("2024-01-05")
                && local.getHour() >= 10
                && local.getHour() < 14;
        long ns = local.atZone(ZONE).toInstant().toEpochMilli() * 1_000_000L;
        lines.add(line(sensor, treated, mean, outage ? 30 : 60, ns));
      }
    }
    try (InfluxDB influx = InfluxDBFactory.connect(influxUrl)) {
      influx.query(new Query("CREATE DATABASE " + db));
      influx.write(db, "autogen", InfluxDB.ConsistencyLevel.ONE, lines);
    }
  }

  /** Morning and evening traffic peaks over a quieter night. */
  private static double diurnal(int hour) {
    return 0.7
        + 0.5 * Math.exp(-Math.pow(hour - 8, 2) / 6)
        + 0.4 * Math.exp(-Math.pow(hour - 19, 2) / 8);
  }

  private static String line(String sensor, boolean treated, double mean, int count, long ns) {
    return String.format(
        Locale.ROOT,
        "average,scope=sensor,key=%s,area=%s,county=%s,window=1h,quantity=pm25"
            + " mean=%.1f,raw_mean=%.1f,min=%.1f,max=%.1f,count=%di,expected=60i,coverage=%.1f,"
            + "aqi=50i,correction=\"none\" %d",
        sensor,
        treated ? "CBD" : "Ruaka",
        treated ? "Nairobi" : "Kiambu",
        mean,
        mean,
        mean,
        mean,
        count,
        100.0 * count / 60,
        ns);
  }

  private static Sensor sensor(
      String id, double lat, double lon, String area, String street, String county) {
    return Sensor.builder(id)
        .position(lat, lon)
        .area(area)
        .street(street)
        .county(county)
        .hostType(HostType.PUBLIC)
        .reportingInterval(Duration.ofMinutes(1))
        .model("PMS5003")
        .build();
  }
}
