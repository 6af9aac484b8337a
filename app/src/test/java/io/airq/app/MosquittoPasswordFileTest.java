package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The password file {@code airq gateways} rewrites: concurrent commands lose no account, the file
 * keeps the access its broker needs, a stale pid is never signalled. That the broker takes the
 * lines is GatewaysCommandIT's part (and devstack's MosquittoPasswordsIT's).
 */
class MosquittoPasswordFileTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run airq(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine c = AirqMain.commandLine();
    c.setOut(new PrintWriter(out, true));
    c.setErr(new PrintWriter(err, true));
    int code = c.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void concurrentAddsKeepEveryAccountAndLeaveNoTemporaryFile() throws Exception {
    Path file = dir.resolve("passwords");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Run>> runs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String gw = "gw-" + i;
        runs.add(pool.submit(() -> airq("gateways", "add", gw, "--file", file.toString())));
      }
      for (Future<Run> r : runs) {
        assertThat(r.get().code()).as(r.get().err()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(new MosquittoPasswordFile(file).users())
        .containsExactlyInAnyOrderElementsOf(
            IntStream.range(0, 16).mapToObj(i -> "gw-" + i).toList());
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("passwords", ".passwords.lock");
    }
  }

  @Test
  void aRewrittenFileKeepsItsGroupsReadAndLosesOthersAccess() throws Exception {
    Path file = dir.resolve("passwords");
    assertThat(airq("gateways", "add", "gw-1", "--file", file.toString()).code()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as("a new file")
        .isEqualTo("rw-------");
    // root:mosquitto 0640 on a packaged broker: the broker reads it through its group
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThat(airq("gateways", "add", "gw-2", "--file", file.toString()).code()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r-----");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(airq("gateways", "remove", "gw-1", "--file", file.toString()).code()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as("others lose read")
        .isEqualTo("rw-r-----");
    assertThat(new MosquittoPasswordFile(file).users()).containsExactly("gw-2");
  }

  @Test
  void listingAMissingFileSaysSoAndFails() {
    Path none = dir.resolve("no-passwords");
    Run r = airq("gateways", "list", "--file", none.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read " + none).contains("no such file");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aStalePidFileIsReportedAndNotSignalled() throws Exception {
    Credentials.generate().write(dir);
    // this JVM's own pid: a live process, but not the stack's mosquitto
    long mine = ProcessHandle.current().pid();
    Files.writeString(dir.resolve(LocalBroker.PID_FILE), mine + "\n");
    Run r = airq("gateways", "add", "gw-1", "--dir", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Not reloaded")
        .contains("is stale (process " + mine + " is not mosquitto)")
        .doesNotContain("Reloaded");
    assertThat(LocalBroker.running(dir)).isEmpty();
    Files.writeString(dir.resolve(LocalBroker.PID_FILE), "not a pid\n");
    assertThat(LocalBroker.stale(dir)).isPresent();
    assertThat(LocalBroker.running(dir)).isEmpty();
  }
}
