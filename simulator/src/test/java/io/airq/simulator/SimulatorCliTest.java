package io.airq.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class SimulatorCliTest {

  @ParameterizedTest
  @ValueSource(strings = {"simulate", "replay", "load"})
  void helpDescribesEveryOption(String command) {
    CommandLine cli = new CommandLine(new SimulatorCli());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute(command, "--help");
    assertThat(code).isZero();
    CommandLine sub = cli.getSubcommands().get(command);
    for (OptionSpec o : sub.getCommandSpec().options()) {
      assertThat(o.description()).as(o.longestName()).isNotEmpty();
      assertThat(String.join(" ", o.description())).as(o.longestName()).isNotBlank();
      assertThat(out.toString()).contains(o.longestName().replaceFirst("^-+", ""));
    }
  }
}
