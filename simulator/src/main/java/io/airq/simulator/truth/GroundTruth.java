package io.airq.simulator.truth;

import io.airq.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * What the simulator knows and the pipeline should recover. Written as JSON; docs/simulator.md
 * describes every field.
 *
 * @param scenario scenario name
 * @param seed the seed used
 * @param closureId the registered closure's id
 * @param zone the closure's zone
 * @param beforeStart first instant of the before phase
 * @param closureStart first instant of the closure
 * @param closureEnd end of the closure (exclusive)
 * @param afterEnd end of the after phase (exclusive)
 * @param trafficFactor the treated streets' traffic multiplier during the closure
 * @param injectedTrafficChangePercent (trafficFactor − 1) × 100
 * @param groups group id (treated, control) → quantity id (pm25, pm10) → phase means
 * @param faults fault name → how many were injected
 * @param readingsGenerated readings simulated (every sensor, every interval)
 * @param validReadingsSent readings sent with a correct time and an unfaulted value (counted once)
 * @param messagesGenerated MQTT messages generated, faults included
 * @param messagesPublished MQTT messages the broker acknowledged (−1 before publishing)
 * @param readingsInMessages readings carried by the well-formed messages (duplicates, unknown
 *     sensors and faulty values included): what the bridge should put on the readings topic
 * @param uniqueReadingsSent distinct (sensor, device time) pairs of registered sensors sent: what
 *     the pipeline should store once each
 * @param pm25Accuracy PM2.5 as sent and after a perfect correction against the truth
 */
public record GroundTruth(
    String scenario,
    long seed,
    String closureId,
    ZoneId zone,
    Instant beforeStart,
    Instant closureStart,
    Instant closureEnd,
    Instant afterEnd,
    double trafficFactor,
    double injectedTrafficChangePercent,
    Map<String, Map<String, QuantityTruth>> groups,
    Map<String, Long> faults,
    long readingsGenerated,
    long validReadingsSent,
    long messagesGenerated,
    long messagesPublished,
    long readingsInMessages,
    long uniqueReadingsSent,
    Accuracy pm25Accuracy) {

  public GroundTruth withMessagesPublished(long published) {
    return withCounts(published, readingsInMessages, uniqueReadingsSent);
  }

  public GroundTruth withDelivery(long readingsInMessages, long uniqueReadingsSent) {
    return withCounts(messagesPublished, readingsInMessages, uniqueReadingsSent);
  }

  private GroundTruth withCounts(long published, long inMessages, long unique) {
    return new GroundTruth(
        scenario,
        seed,
        closureId,
        zone,
        beforeStart,
        closureStart,
        closureEnd,
        afterEnd,
        trafficFactor,
        injectedTrafficChangePercent,
        groups,
        faults,
        readingsGenerated,
        validReadingsSent,
        messagesGenerated,
        published,
        inMessages,
        unique,
        pm25Accuracy);
  }

  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GroundTruth read(Path file) {
    try {
      return Json.read(Files.readAllBytes(file), GroundTruth.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
