package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class FastGzipTest {
  private static String lines() {
    Random r = new Random(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      sb.append("reading,area=Kilimani\\ north,county=Nairobi,sensor=sa-")
          .append(i % 300)
          .append(" pm25=")
          .append(Math.round(r.nextDouble() * 9000) / 100.0)
          .append(",pm25_raw=")
          .append(Math.round(r.nextDouble() * 9000) / 100.0)
          .append(",flags=\"rh≥95\" ")
          .append(1_764_300_000_000_000_000L + i * 1_000_000_000L)
          .append('\n');
    }
    return sb.toString();
  }

  @Test
  void theBodyReadsBackExactlyAndIsCompressedAtTheFastLevel() throws Exception {
    String text = lines();
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    byte[] fast =
        FastGzip.gzip(RequestBody.create(text, MediaType.get("text/plain; charset=utf-8")));

    assertThat(new GZIPInputStream(new ByteArrayInputStream(fast)).readAllBytes()).isEqualTo(plain);
    ByteArrayOutputStream level6 = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(level6)) {
      gz.write(plain);
    }
    // compressed, but not at the default level (6), which packs this text tighter
    assertThat(fast.length).isLessThan(plain.length / 3).isGreaterThan(level6.size());
  }
}
