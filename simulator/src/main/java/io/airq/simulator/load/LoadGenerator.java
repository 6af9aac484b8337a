package io.airq.simulator.load;

import io.airq.simulator.generate.SimMessage;
import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.MqttTarget;
import io.airq.simulator.publish.Pacer;
import io.airq.simulator.publish.ProgressBar;
import io.airq.simulator.publish.PublishLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Benchmark load: {@code sensors} sensors take turns publishing airq JSON payloads of about 200
 * bytes at a target total rate, for a duration, on {@code airq/v1/load-gw-<n>/load-<i>/airq}.
 * Reports the achieved rate and publish-to-acknowledgement latencies.
 */
public final class LoadGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

  private LoadGenerator() {}

  /** The outcome of a load run. */
  public record LoadReport(
      long sent,
      long acknowledged,
      long failed,
      double seconds,
      double achievedRate,
      long p50Ms,
      long p95Ms,
      long p99Ms,
      int payloadBytes) {
    public String summary() {
      return String.format(
          Locale.ROOT,
          "sent %d (%d acknowledged, %d failed) in %.1f s: %.0f msg/s; latency p50 %d ms, p95 %d"
              + " ms, p99 %d ms; payload %d bytes",
          sent,
          acknowledged,
          failed,
          seconds,
          achievedRate,
          p50Ms,
          p95Ms,
          p99Ms,
          payloadBytes);
    }

    private static final java.util.regex.Pattern SUMMARY =
        java.util.regex.Pattern.compile(
            "sent (\\d+) \\((\\d+) acknowledged, (\\d+) failed\\) in ([0-9.]+) s: ([0-9.]+) msg/s;"
                + " latency p50 (-?\\d+) ms, p95 (-?\\d+) ms, p99 (-?\\d+) ms; payload (\\d+) bytes");

    /**
     * The report a {@link #summary()} line states (the {@code load} command prints it), for a
     * caller that ran the load in another process.
     *
     * @throws IllegalArgumentException when {@code line} holds no summary
     */
    public static LoadReport parse(String line) {
      java.util.regex.Matcher m = SUMMARY.matcher(line);
      if (!m.find()) {
        throw new IllegalArgumentException("not a load summary: " + line);
      }
      return new LoadReport(
          Long.parseLong(m.group(1)),
          Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)),
          Double.parseDouble(m.group(4)),
          Double.parseDouble(m.group(5)),
          Long.parseLong(m.group(6)),
          Long.parseLong(m.group(7)),
          Long.parseLong(m.group(8)),
          Integer.parseInt(m.group(9)));
    }
  }

  /** Device time to the second ("2026-03-02T10:00:00"), the last one written. */
  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private record Second(long epochSecond, String text) {}

  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

  /**
   * An airq JSON payload of 190 to 210 bytes (about 200): a multi-sensor device's PM, NO2, O3, SO2,
   * CO, CO2, humidity, temperature and pressure, with the device time in milliseconds (a
   * fixed-width fraction; the PM values take 3 or 4 characters). Every value varies from one
   * message to the next by a hash of {@code n}, so a sensor's consecutive readings differ as a real
   * sensor's do: no value repeats long enough to be stuck and none reaches the humidity threshold;
   * a PM10 spike (value − median above 50) is possible but rare; the benchmark measures mostly
   * clean traffic. (Values once taken from {@code n} modulo small numbers were constant for each of
   * 1,000 sensors taking turns, and 5 of 11 quantities of nearly every reading were flagged stuck.)
   * Built from whole tenths and hundredths without {@code String.format} (PM1 and PM10 are 0.7 and
   * 1.6 times PM2.5, rounded half up): the load generator shares the machine with the pipeline it
   * measures, and formatting was most of its CPU.
   */
  public static byte[] payload(String sensor, Instant time, long n) {
    long h = mix(n);
    long pm25 = 50 + Long.remainderUnsigned(h, 400); // tenths of µg/m³: 5.0 to 44.9
    StringBuilder b = new StringBuilder(224);
    b.append("{\"sensor\":\"").append(sensor).append("\",\"time\":\"");
    appendTime(b, time);
    b.append("\",\"values\":{\"pm1\":");
    decimal(b, (pm25 * 7 + 5) / 10, 10);
    b.append(",\"pm25\":");
    decimal(b, pm25, 10);
    b.append(",\"pm10\":");
    decimal(b, (pm25 * 16 + 5) / 10, 10);
    b.append(",\"no2\":");
    decimal(b, 200 + bits(h, 9, 300), 10);
    b.append(",\"o3\":");
    decimal(b, 400 + bits(h, 18, 400), 10);
    b.append(",\"so2\":");
    decimal(b, 20 + bits(h, 27, 50), 10);
    b.append(",\"co\":");
    decimal(b, 30 + bits(h, 33, 20), 100);
    b.append(",\"co2\":").append(420 + bits(h, 38, 80));
    b.append(",\"humidity\":");
    decimal(b, 400 + bits(h, 44, 500), 10);
    b.append(",\"temperature\":");
    decimal(b, 150 + bits(h, 14, 150), 10);
    b.append(",\"pressure\":");
    decimal(b, 8400 + bits(h, 51, 100), 10);
    b.append("}}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** SplitMix64's finaliser: neighbouring and strided {@code n} give unrelated bits. */
  public static long mix(long n) {
    long z = n * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** 0 to range - 1 from the bits of {@code h} above {@code shift}. */
  public static long bits(long h, int shift, int range) {
    return Long.remainderUnsigned(h >>> shift, range);
  }

  /** {@code units / scale} with one decimal (scale 10) or two (scale 100); units ≥ 0. */
  private static void decimal(StringBuilder b, long units, int scale) {
    b.append(units / scale).append('.');
    long fraction = units % scale;
    if (scale == 100 && fraction < 10) {
      b.append('0');
    }
    b.append(fraction);
  }

  private static void appendTime(StringBuilder b, Instant time) {
    long second = time.getEpochSecond();
    Second last = lastSecond;
    if (last.epochSecond() != second) {
      last = new Second(second, SECOND.format(time));
      lastSecond = last;
    }
    int millis = time.getNano() / 1_000_000;
    b.append(last.text()).append('.');
    if (millis < 100) {
      b.append('0');
    }
    if (millis < 10) {
      b.append('0');
    }
    b.append(millis).append('Z');
  }

  /**
   * Publishes the load for {@code duration} at {@code rate} messages per second in all, paced by
   * the rate cap alone; each payload carries the time it was made, just before it is sent.
   */
  public static LoadReport run(MqttTarget mqtt, int sensors, double rate, Duration duration)
      throws InterruptedException {
    try (MqttPublisher publisher = mqtt.connect("airq-load")) {
      PublishLoop.Outcome out =
          PublishLoop.run(
              publisher,
              new Load(sensors, System.nanoTime() + duration.toNanos()),
              new Pacer(Instant.EPOCH, 0, rate),
              ProgressBar.none());
      LoadReport report =
          new LoadReport(
              out.sent(),
              out.acknowledged(),
              out.failed(),
              out.seconds(),
              out.acknowledged() / out.seconds(),
              out.p50Ms(),
              out.p95Ms(),
              out.p99Ms(),
              out.lastPayloadBytes());
      LOG.info("load: {}", report.summary());
      return report;
    }
  }

  /** Sensors {@code load-0} to {@code load-<sensors - 1>} taking turns until the deadline. */
  private static final class Load implements PublishLoop.Source {
    private final int sensors;
    private final long deadline;
    private long n;

    Load(int sensors, long deadline) {
      this.sensors = sensors;
      this.deadline = deadline;
    }

    @Override
    public boolean hasNext() {
      return System.nanoTime() < deadline;
    }

    @Override
    public Instant nextAt() {
      return Instant.EPOCH;
    }

    @Override
    public SimMessage next() {
      int i = (int) (n % sensors);
      String sensor = "load-" + i;
      byte[] p = payload(sensor, Instant.now(), n);
      n++;
      return new SimMessage(
          Instant.EPOCH, "airq/v1/load-gw-" + (i % 100) + "/" + sensor + "/airq", p, "reading", 1);
    }
  }
}
