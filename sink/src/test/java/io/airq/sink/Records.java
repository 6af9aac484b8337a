package io.airq.sink;

import io.airq.sink.line.LineResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Consumed records with their lines, for the tests of the sink's pure cores. */
final class Records {
  private Records() {}

  /** A record of topic t, partition p at offset o with n points ({@code name,i=0 v=1}...). */
  static Pending pending(String t, int p, long o, int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(t + "-" + p + "-" + o + ",i=" + i + " v=1");
    }
    ConsumerRecord<byte[], byte[]> r =
        new ConsumerRecord<>(
            t, p, o, ("k" + o).getBytes(StandardCharsets.UTF_8), new byte[] {'{', '}'});
    return Pending.of(r, "raw_90d", new LineResult.Lines(lines));
  }

  /** n records of one point each on partition 0 of topic t, offsets from..from+n-1. */
  static List<Pending> run(String t, long from, int n) {
    List<Pending> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(pending(t, 0, from + i, 1));
    }
    return out;
  }
}
