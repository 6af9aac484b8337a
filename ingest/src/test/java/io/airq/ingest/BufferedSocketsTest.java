package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BufferedSocketsTest {

  /**
   * The sender writes in pieces with pauses longer than the read timeout, as a broker on a slow
   * link would; the reader, like Paho's, takes single bytes and runs of bytes and carries on after
   * each timeout. Every byte must arrive once, in order.
   */
  @Test
  void readsThatTimeOutLoseNothing() throws Exception {
    byte[] sent = new byte[200_000];
    new Random(3).nextBytes(sent);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                  Random r = new Random(5);
                  int at = 0;
                  for (int chunk = 0; at < sent.length; chunk++) {
                    int n = Math.min(sent.length - at, 1 + r.nextInt(r.nextBoolean() ? 7 : 90_000));
                    out.write(sent, at, n);
                    out.flush();
                    at += n;
                    if (chunk == 1 || chunk == 3 || r.nextInt(4) == 0) {
                      // well beyond the reader's timeout, however slow the machine
                      Thread.sleep(chunk == 1 || chunk == 3 ? 200 : 30);
                    }
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      int timeouts = 0;
      try (Socket s = new BufferedSockets().createSocket()) {
        s.connect(server.getLocalSocketAddress());
        s.setSoTimeout(50);
        InputStream in = s.getInputStream();
        assertThat(s.getInputStream()).isSameAs(in);
        Random r = new Random(9);
        byte[] buf = new byte[100_000];
        while (true) {
          try {
            if (r.nextBoolean()) {
              int b = in.read();
              if (b < 0) {
                break;
              }
              got.write(b);
            } else {
              int n = in.read(buf, 0, 1 + r.nextInt(buf.length));
              if (n < 0) {
                break;
              }
              got.write(buf, 0, n);
            }
          } catch (SocketTimeoutException e) {
            timeouts++;
          }
        }
      }
      writer.join();
      assertThat(timeouts).as("the reader timed out along the way").isPositive();
      assertThat(got.toByteArray()).isEqualTo(sent);
    }
  }
}
