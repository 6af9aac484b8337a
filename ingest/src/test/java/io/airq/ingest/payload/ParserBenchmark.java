package io.airq.ingest.payload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.airq.core.json.Json;
import io.airq.core.reading.SourceFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH microbenchmark of {@link PayloadParser}: payloads per second on one thread (one core), per
 * format. airq JSON is a ~200-byte single reading as a gateway sends it; the other formats are the
 * real captured payloads in {@code ../shared/data/payloads/}, read at setup. Every payload is
 * checked to be accepted at setup, so the rejection path is never what is measured.
 *
 * <p>Not run by the build. Run it with {@code ./mvnw -B -pl ingest -am test -DskipTests
 * -Pparser-bench}; JMH options (such as {@code -f 1 -wi 3 -i 5 -r 2s}) can follow in {@code
 * -Dparser-bench.args=...}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ParserBenchmark {
  /** The aim for airq JSON single readings, per core. */
  static final double AIM_PER_SECOND = 200_000;

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");

  /** A single airq reading of ~200 bytes, as a gateway sends it. */
  static final String AIRQ_SINGLE =
      "{\"sensor\":\"nbo-cbd-01\",\"time\":\"2026-03-01T10:00:00Z\",\"values\":{\"pm25\":12.3,"
          + "\"pm10\":21.7,\"pm1\":5.2,\"temperature\":24.31,\"humidity\":61.2,"
          + "\"pressure\":1013.2},\"channelB\":{\"pm25\":12.1,\"pm10\":20.4}}";

  /** RFC 8428-style pack: one device, PM and temperature in one record set. */
  static final String SENML =
      "[{\"bn\":\"urn:dev:mac:0024befffe804ff1:\",\"bt\":1.7723232e9,\"bu\":\"ug/m3\","
          + "\"n\":\"pm25\",\"v\":12.3},{\"n\":\"pm10\",\"v\":21.7},"
          + "{\"n\":\"temperature\",\"u\":\"Cel\",\"v\":24.3},{\"n\":\"humidity\",\"u\":\"%RH\","
          + "\"v\":61}]";

  private static final ObjectReader TREE = Json.mapper().reader();

  private final PayloadParser parser = new PayloadParser(ParseLimits.DEFAULTS);
  private byte[] airqSingle;
  private byte[] airqBatch;
  private byte[] sensorCommunityPush;
  private byte[] firmwareRequestBody;
  private byte[] airGradient;
  private byte[] purpleAir;
  private byte[] senml;
  private Origin fromTopic;
  private Origin fromNamedSensor;
  private Origin purpleAirOrigin;

  @Setup
  public void readPayloads() {
    fromTopic = new Origin("airq/v1/gw-1/-", "gw-1", Optional.empty(), Optional.empty(), NOW);
    fromNamedSensor =
        new Origin(
            "airq/v1/gw-1/esp8266-15355455",
            "gw-1",
            Optional.of("esp8266-15355455"),
            Optional.empty(),
            NOW);
    // the captured PurpleAir document is stamped 2023-10-26T18:53:40z; received just after it
    purpleAirOrigin =
        new Origin(
            "airq/v1/gw-1/-",
            "gw-1",
            Optional.empty(),
            Optional.empty(),
            Instant.parse("2023-10-26T18:54:00Z"));
    airqSingle = AIRQ_SINGLE.getBytes(StandardCharsets.UTF_8);
    airqBatch = airqBatchOf100Bytes();
    sensorCommunityPush = shared("sensors_africa_push_example.json");
    String http =
        new String(shared("airrohr_custom_api_request_NRZ-2020-129.http"), StandardCharsets.UTF_8)
            .replace("\r\n", "\n");
    firmwareRequestBody =
        http.substring(http.indexOf("\n\n") + 2).trim().getBytes(StandardCharsets.UTF_8);
    airGradient = shared("airgradient_measures_current_fw3.1.3.json");
    purpleAir = shared("purpleair_pa-ii_local_json_fw7.02.json");
    senml = SENML.getBytes(StandardCharsets.UTF_8);
    mustAccept(airqSingle, fromTopic, SourceFormat.AIRQ_JSON);
    mustAccept(airqBatch, fromTopic, SourceFormat.AIRQ_JSON);
    mustAccept(sensorCommunityPush, fromNamedSensor, SourceFormat.SENSOR_COMMUNITY);
    mustAccept(firmwareRequestBody, fromTopic, SourceFormat.SENSOR_COMMUNITY);
    mustAccept(airGradient, fromTopic, SourceFormat.AIRGRADIENT);
    mustAccept(purpleAir, purpleAirOrigin, SourceFormat.PURPLEAIR);
    mustAccept(senml, fromTopic, SourceFormat.SENML);
  }

  private void mustAccept(byte[] body, Origin origin, SourceFormat format) {
    ParseResult r = parser.parse(body, origin);
    if (!(r instanceof ParseResult.Accepted a) || a.readings().get(0).format() != format) {
      throw new IllegalStateException("benchmark payload not accepted as " + format + ": " + r);
    }
  }

  private static byte[] shared(String name) {
    String dir = System.getProperty("airq.shared.data", "../shared/data");
    try {
      return Files.readAllBytes(Path.of(dir, "payloads", name));
    } catch (IOException e) {
      throw new UncheckedIOException("the shared payloads are read from " + dir, e);
    }
  }

  /**
   * The reference: Jackson reading the same bytes into a tree and nothing else, so the parser's own
   * cost shows as a ratio measured in the same run.
   */
  @Benchmark
  public JsonNode jacksonTreeOfAirqSingle() throws IOException {
    return TREE.readTree(airqSingle);
  }

  @Benchmark
  public ParseResult airqSingle() {
    return parser.parse(airqSingle, fromTopic);
  }

  /** What the bridge does per MQTT message: topic route plus parse. */
  @Benchmark
  public ParseResult airqSingleViaTopicRoute() {
    return TopicRoute.parse(parser, "airq/v1/gw-1/-", airqSingle, NOW, Optional.empty());
  }

  /** 100 readings in one message (an offline batch); ops are messages, not readings. */
  @Benchmark
  public ParseResult airqBatchOf100() {
    return parser.parse(airqBatch, fromTopic);
  }

  @Benchmark
  public ParseResult sensorCommunityPush() {
    return parser.parse(sensorCommunityPush, fromNamedSensor);
  }

  @Benchmark
  public ParseResult sensorCommunityFirmwareRequest() {
    return parser.parse(firmwareRequestBody, fromTopic);
  }

  @Benchmark
  public ParseResult airGradient() {
    return parser.parse(airGradient, fromTopic);
  }

  @Benchmark
  public ParseResult purpleAir() {
    return parser.parse(purpleAir, purpleAirOrigin);
  }

  @Benchmark
  public ParseResult senml() {
    return parser.parse(senml, fromTopic);
  }

  /** Runs the benchmarks (JMH command-line options may be given) and prints the aim check. */
  public static void main(String[] args) throws Exception {
    CommandLineOptions given = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(given).addProfiler(CpuTimeProfiler.class);
    if (given.getIncludes().isEmpty()) {
      options.include(ParserBenchmark.class.getName() + ".");
    }
    List<RunResult> results = new ArrayList<>(new Runner(options.build()).run());
    System.out.printf(
        "%nParserBenchmark, one thread (bytes: airq single %d, batch of 100 %d); payloads per"
            + " second of wall time (± 99.9 %% error) and per second of the JVM's CPU time:%n",
        AIRQ_SINGLE.getBytes(StandardCharsets.UTF_8).length, airqBatchOf100Bytes().length);
    for (RunResult r : results) {
      System.out.printf(
          "  %-32s %,10.0f/s wall ± %,9.0f   %,10.0f/s CPU%n",
          shortName(r),
          r.getPrimaryResult().getScore(),
          r.getPrimaryResult().getScoreError(),
          perCpuSecond(r));
    }
    double airq = rate(results, "airqSingle");
    double jackson = rate(results, "jacksonTreeOfAirqSingle");
    if (airq > 0) {
      System.out.printf(
          "  airq JSON single per CPU second: %.0f %% of the aim of %,.0f/s per core",
          100 * airq / AIM_PER_SECOND, AIM_PER_SECOND);
      System.out.printf(
          jackson > 0 ? ", %.0f %% of Jackson's bare tree read%n" : "%n", 100 * airq / jackson);
    }
  }

  private static String shortName(RunResult r) {
    String name = r.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  private static double perCpuSecond(RunResult r) {
    Result<?> cpu = r.getSecondaryResults().get(CpuTimeProfiler.LABEL);
    return cpu == null ? Double.NaN : cpu.getScore();
  }

  private static double rate(List<RunResult> results, String benchmark) {
    return results.stream()
        .filter(r -> shortName(r).equals(benchmark))
        .mapToDouble(ParserBenchmark::perCpuSecond)
        .findFirst()
        .orElse(0);
  }

  /** 100 airq readings a minute apart in one array. */
  static byte[] airqBatchOf100Bytes() {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 100; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append(
              AIRQ_SINGLE.replace("10:00:00Z", String.format("%02d:%02d:00Z", 8 + i / 60, i % 60)));
    }
    return batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
