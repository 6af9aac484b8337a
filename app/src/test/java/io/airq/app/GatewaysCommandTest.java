package io.airq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code airq gateways} refuses before it touches a file, and the password file's lines. */
class GatewaysCommandTest {
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
  void aGatewayIdIsATopicSegmentAndABrokerUserName() {
    assertThat(GatewaysCommand.problem("gw-cbd-1")).isEmpty();
    assertThat(GatewaysCommand.problem("Ward7.roof_2")).isEmpty();
    for (String bad : List.of("", "gw/1", "gw+", "gw#", "gw:1", "-gw", "gw 1", "x".repeat(101))) {
      assertThat(GatewaysCommand.problem(bad)).as("'%s'", bad).isPresent();
    }
    assertThat(GatewaysCommand.problem(Credentials.BRIDGE_USER).orElseThrow())
        .contains("service account");
    assertThat(GatewaysCommand.problem(Credentials.SIMULATOR_USER)).isPresent();
  }

  @Test
  void aBadIdOrAReservedAccountIsRefusedAndNoFileIsWritten() {
    Path file = dir.resolve("passwords");
    Run r = airq("gateways", "add", "gw/evil", "--file", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("gateway id").contains("gw/evil");
    r = airq("gateways", "add", "airq-bridge", "--file", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("airq-bridge is an airq service account");
    r = airq("gateways", "remove", "airq-simulator", "--file", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(file).doesNotExist();
  }

  @Test
  void aShortOrMissingPasswordFileIsRefused() throws Exception {
    Path file = dir.resolve("passwords");
    Path pw = Files.writeString(dir.resolve("pw"), "short\n");
    Run r =
        airq(
            "gateways", "add", "gw-1", "--file", file.toString(), "--password-file", pw.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("shorter than " + GatewaysCommand.MIN_PASSWORD);
    r = airq("gateways", "add", "gw-1", "--file", file.toString(), "--password-file", "none");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read the password").contains("none");
    assertThat(file).doesNotExist();
  }

  @Test
  void withoutAFileOrALocalStackTheCommandSaysWhatToDo() {
    Run r = airq("gateways", "list", "--dir", dir.resolve("none").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("run ./airq up once, or give --file");
  }

  @Test
  void generatedPasswordsAreLongRandomAndSafeInAFirmwareForm() {
    String a = GatewaysCommand.generatePassword();
    assertThat(a).hasSize(32).matches("[A-Za-z0-9_-]+");
    assertThat(GatewaysCommand.generatePassword()).isNotEqualTo(a);
  }

  @Test
  void anAccountsLineIsReplacedInPlaceOrAppendedAndRemovedAlone() {
    List<String> lines = List.of("# accounts", "airq-bridge:$7$b", "gw-1:$7$old", "gw-10:$7$ten");
    assertThat(MosquittoPasswordFile.users(lines)).containsExactly("airq-bridge", "gw-1", "gw-10");
    assertThat(MosquittoPasswordFile.withLine(lines, "gw-1", "gw-1:$7$new"))
        .containsExactly("# accounts", "airq-bridge:$7$b", "gw-1:$7$new", "gw-10:$7$ten");
    assertThat(MosquittoPasswordFile.withLine(lines, "gw-2", "gw-2:$7$two"))
        .endsWith("gw-10:$7$ten", "gw-2:$7$two");
    assertThat(MosquittoPasswordFile.withoutUser(lines, "gw-1"))
        .containsExactly("# accounts", "airq-bridge:$7$b", "gw-10:$7$ten");
  }
}
