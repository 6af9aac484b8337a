package io.airq.simulator.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airq.core.json.Json;
import io.airq.simulator.generate.SimMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends airrohr (sensor-community) readings as the firmware's Sensor.Community / sensors.AFRICA
 * sender does: one HTTP request per sensor pin to the bridge's push endpoint, {@code X-Sensor} the
 * device and {@code X-PIN: 1} the PM sensor's values (P0, P1, P2), then, once that is answered,
 * {@code X-PIN: 7} the DHT22's (temperature, humidity). Each device sends its readings in order,
 * devices in parallel. A body that is not a push body (a malformed message) goes whole, without
 * {@code X-PIN}. A 503 or a broken connection is sent again (up to 5 times, 0.2 s apart).
 */
public final class PinPusher {
  private static final Logger LOG = LoggerFactory.getLogger(PinPusher.class);
  private static final Set<String> PM = Set.of("P0", "P1", "P2");
  private static final Set<String> DHT22 = Set.of("temperature", "humidity");
  private static final int TRIES = 5;

  private PinPusher() {}

  /**
   * What was pushed.
   *
   * @param messages messages pushed
   * @param delivered messages whose every request the bridge answered with 2xx or 4xx (stored, or
   *     refused into the dead-letter topic)
   * @param requests HTTP requests sent, resends included
   */
  public record Outcome(long messages, long delivered, long requests) {}

  /**
   * The per-pin bodies of a push body, in sending order: pin 1 with its PM values, pin 7 with its
   * temperature and humidity, each with the body's other fields ({@code software_version}, {@code
   * timestamp}); a pin without values is left out. Empty when the body is not a JSON object with
   * {@code sensordatavalues}.
   */
  public static Map<String, byte[]> split(byte[] body) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(body);
    } catch (IOException e) {
      return Map.of();
    }
    if (n == null || !n.isObject() || !n.path("sensordatavalues").isArray()) {
      return Map.of();
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> pin : Map.of("1", PM, "7", DHT22).entrySet()) {
      ObjectNode o = ((ObjectNode) n).deepCopy();
      ArrayNode values = o.putArray("sensordatavalues");
      n.get("sensordatavalues")
          .forEach(
              v -> {
                if (pin.getValue().contains(v.path("value_type").asText())) {
                  values.add(v);
                }
              });
      if (!values.isEmpty()) {
        out.put(pin.getKey(), Json.write(o));
      }
    }
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    for (String p : List.of("1", "7")) {
      if (out.containsKey(p)) {
        ordered.put(p, out.get(p));
      }
    }
    return ordered;
  }

  /** Pushes {@code messages} to {@code url}, paced like the MQTT messages of the same run. */
  public static Outcome run(URI url, List<SimMessage> messages, Pacer pacer)
      throws InterruptedException {
    Map<String, List<SimMessage>> byDevice = new LinkedHashMap<>();
    for (SimMessage m : messages) {
      byDevice.computeIfAbsent(m.topic().split("/")[3], k -> new ArrayList<>()).add(m);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    AtomicLong delivered = new AtomicLong();
    AtomicLong requests = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, byDevice.size())));
    byDevice.forEach(
        (device, list) ->
            pool.execute(
                () -> {
                  try {
                    for (SimMessage m : list) {
                      pacer.await(m.publishAt());
                      if (push(http, url, device, m.payload(), requests)) {
                        delivered.incrementAndGet();
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    pool.shutdown();
    if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
      pool.shutdownNow();
    }
    return new Outcome(messages.size(), delivered.get(), requests.get());
  }

  /** One reading's requests, pin after pin; whether the bridge answered each. */
  private static boolean push(
      HttpClient http, URI url, String device, byte[] body, AtomicLong requests)
      throws InterruptedException {
    Map<String, byte[]> pins = split(body);
    if (pins.isEmpty()) {
      return send(http, url, device, null, body, requests);
    }
    boolean all = true;
    for (Map.Entry<String, byte[]> pin : pins.entrySet()) {
      all &= send(http, url, device, pin.getKey(), pin.getValue(), requests);
    }
    return all;
  }

  private static boolean send(
      HttpClient http, URI url, String device, String pin, byte[] body, AtomicLong requests)
      throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(60))
            .header("X-Sensor", device)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (pin != null) {
      b.header("X-PIN", pin);
    }
    HttpRequest request = b.build();
    String last = "";
    for (int i = 0; i < TRIES; i++) {
      requests.incrementAndGet();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 500) {
          return true;
        }
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    LOG.warn("push of {} pin {} to {} failed {} times, last: {}", device, pin, url, TRIES, last);
    return false;
  }
}
