package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
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

  @Test
  void writesAreSentCompressedAndEverythingElseAsItIs() throws Exception {
    MediaType text = MediaType.get("text/plain; charset=utf-8");
    Request write =
        new Request.Builder()
            .url("http://127.0.0.1:8086/write?db=airq&precision=n")
            .post(RequestBody.create("reading,sensor=a pm25=1.5 1\n", text))
            .build();
    Request query =
        new Request.Builder()
            .url("http://127.0.0.1:8086/query?q=SHOW+DATABASES")
            .post(RequestBody.create("", text))
            .build();
    Request encoded = write.newBuilder().header("Content-Encoding", "identity").build();
    Request ping = new Request.Builder().url("http://127.0.0.1:8086/ping").build();
    RecordingChain chain = new RecordingChain();

    for (Request r : List.of(write, query, encoded, ping)) {
      chain.request = r;
      new FastGzip().intercept(chain);
    }

    Request sent = chain.proceeded.get(0);
    assertThat(sent.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(sent.body().contentType()).isEqualTo(text);
    Buffer body = new Buffer();
    sent.body().writeTo(body);
    assertThat(new GZIPInputStream(body.inputStream()).readAllBytes())
        .isEqualTo("reading,sensor=a pm25=1.5 1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(chain.proceeded.subList(1, 4)).containsExactly(query, encoded, ping);
  }

  /** A chain that records what it was asked to send and answers 204. */
  private static final class RecordingChain implements Interceptor.Chain {
    Request request;
    final List<Request> proceeded = new ArrayList<>();

    @Override
    public Request request() {
      return request;
    }

    @Override
    public Response proceed(Request r) {
      proceeded.add(r);
      return new Response.Builder()
          .request(r)
          .protocol(Protocol.HTTP_1_1)
          .code(204)
          .message("No Content")
          .build();
    }

    @Override
    public Connection connection() {
      return null;
    }

    @Override
    public Call call() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int connectTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withConnectTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int readTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withReadTimeout(int timeout, TimeUnit unit) {
      return this;
    }

    @Override
    public int writeTimeoutMillis() {
      return 0;
    }

    @Override
    public Interceptor.Chain withWriteTimeout(int timeout, TimeUnit unit) {
      return this;
    }
  }
}
