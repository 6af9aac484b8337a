package io.airq.simulator.load;

import io.airq.simulator.publish.MqttPublisher;
import io.airq.simulator.publish.Pacer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
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
  }

  /** Device time with a fixed-width fraction, so that every payload has the same length. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * An airq JSON payload of 190 to 210 bytes (about 200): a multi-sensor device's PM, NO2, O3, SO2,
   * CO, CO2, humidity, temperature and pressure, with the device time in milliseconds.
   */
  public static byte[] payload(String sensor, Instant time, long n) {
    double pm25 = 5 + (n * 7919 % 400) / 10.0;
    String json =
        String.format(
            Locale.ROOT,
            "{\"sensor\":\"%s\",\"time\":\"%s\",\"values\":{\"pm1\":%.1f,\"pm25\":%.1f,"
                + "\"pm10\":%.1f,\"no2\":%.1f,\"o3\":%.1f,\"so2\":%.1f,\"co\":%.2f,"
                + "\"co2\":%.0f,\"humidity\":%.1f,"
                + "\"temperature\":%.1f,\"pressure\":%.1f}}",
            sensor,
            TIME.format(time),
            pm25 * 0.7,
            pm25,
            pm25 * 1.6,
            20.0 + n % 30,
            40.0 + n % 40,
            2.0 + n % 5,
            0.3 + (n % 20) / 100.0,
            420.0 + n % 80,
            40.0 + n % 50,
            15.0 + n % 15,
            840.0 + n % 10);
    return json.getBytes(StandardCharsets.UTF_8);
  }

  public static LoadReport run(
      String mqttUrl,
      String username,
      String password,
      int sensors,
      double rate,
      Duration duration,
      int qos,
      int window)
      throws InterruptedException {
    try (MqttPublisher publisher =
        new MqttPublisher(
            mqttUrl,
            "airq-load-" + UUID.randomUUID().toString().substring(0, 8),
            username,
            password,
            qos,
            window)) {
      Pacer pacer = new Pacer(Instant.EPOCH, 0, rate);
      long started = System.nanoTime();
      long end = started + duration.toNanos();
      long n = 0;
      int bytes = 0;
      while (System.nanoTime() < end) {
        pacer.await(Instant.EPOCH);
        int i = (int) (n % sensors);
        String sensor = "load-" + i;
        byte[] p = payload(sensor, Instant.now(), n);
        bytes = p.length;
        publisher.publish("airq/v1/load-gw-" + (i % 100) + "/" + sensor + "/airq", p);
        n++;
      }
      publisher.flush(60_000);
      double seconds = (System.nanoTime() - started) / 1e9;
      LoadReport report =
          new LoadReport(
              n,
              publisher.acked(),
              publisher.failed(),
              seconds,
              publisher.acked() / seconds,
              publisher.latencyPercentileMs(0.5),
              publisher.latencyPercentileMs(0.95),
              publisher.latencyPercentileMs(0.99),
              bytes);
      LOG.info("load: {}", report.summary());
      return report;
    } catch (MqttException e) {
      throw new IllegalStateException("MQTT connection to " + mqttUrl + " failed", e);
    }
  }
}
