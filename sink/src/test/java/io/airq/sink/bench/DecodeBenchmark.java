package io.airq.sink.bench;

import io.airq.core.json.CleanReadingDecoder;
import io.airq.core.json.Json;
import io.airq.core.reading.CleanReading;
import io.airq.core.reading.CorrectedValue;
import io.airq.core.reading.Quantity;
import io.airq.core.reading.SensorPlace;
import io.airq.core.reading.SourceFormat;
import io.airq.sink.line.LineResult;
import io.airq.sink.line.PointMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints the records/s of the sink's consumer-thread work on clean readings (decode the JSON, map
 * it to a line) on one thread: the mapper (Jackson databind) against the streaming fast path, in
 * alternating rounds. No servers. Not a test. Usage: {@code DecodeBenchmark [records]}.
 */
public final class DecodeBenchmark {
  private DecodeBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));
    List<byte[]> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // the same readings as SinkBenchmark
      values.add(
          Json.write(
              new CleanReading(
                  "bench-" + (i % 100),
                  t0.plusSeconds(i / 100),
                  t0,
                  "gw",
                  SourceFormat.byId("airq").orElseThrow(),
                  new SensorPlace(0, 0, "Bench Area", "", "Bench", false, null),
                  Map.of(
                      Quantity.PM25,
                      new CorrectedValue(10 + i % 7, 9 + i % 5, "us-epa-2021-ext2022"),
                      Quantity.PM10,
                      CorrectedValue.uncorrected(20 + i % 11)),
                  List.of())));
    }
    for (int round = 1; round <= 5; round++) {
      long chars = 0;
      long start = System.nanoTime();
      for (byte[] v : values) {
        chars += length(PointMapper.reading(Json.read(v, CleanReading.class)));
      }
      double mapper = n / ((System.nanoTime() - start) / 1e9);
      start = System.nanoTime();
      for (byte[] v : values) {
        chars += length(PointMapper.reading(CleanReadingDecoder.decode(v)));
      }
      double fast = n / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          "round %d: mapper %.0f records/s, fast path %.0f records/s (%d chars)%n",
          round, mapper, fast, chars);
    }
  }

  private static int length(LineResult r) {
    return ((LineResult.Lines) r).lines().get(0).length();
  }
}
