package io.airq.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code airq weather import} before it reaches the API: help, usage, and a wrong file. */
class ImportWeatherCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run airq(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new PlannerCli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpNamesTheLayoutsAndOptions() {
    Run r = airq("weather", "import", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--station=ID", "--format=FORMAT", "--wind-unit=UNIT", "--dry-run")
        .contains("wdsp in knots")
        .contains("time,wind_speed,wind_dir,temperature,humidity,rain");
  }

  @Test
  void aFileWithWrongRowsIsRefusedWithTheirLineNumbersBeforeAnythingIsSent() throws Exception {
    Path f = dir.resolve("w.csv");
    Files.writeString(
        f,
        "time,wind_speed,wind_dir,rain\n"
            + "2024-01-10T00:00:00Z,4.5,350,0.2\n"
            + "2024-01-10T01:00:00Z,4.5,361,0.2\n");
    // no planner listens here: the file is refused before any request
    Run r =
        airq("weather", "import", f.toString(), "--station", "wx", "--api", "http://127.0.0.1:9");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("nothing imported, 1 problem(s):")
        .contains("line 3: wind_dir 361 is outside wind_dir's range [0.0, 360.0) °");
  }

  @Test
  void badOptionsAndUnreadableFilesAreUsageErrors() throws Exception {
    assertThat(airq("weather", "import", "x.csv").code()).isEqualTo(2);
    Run missing = airq("weather", "import", dir.resolve("none.csv").toString(), "--station", "wx");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read");
    Run directory = airq("weather", "import", dir.toString(), "--station", "wx");
    assertThat(directory.code()).isEqualTo(2);
    assertThat(directory.err()).contains("cannot read");
    Path f = dir.resolve("ok.csv");
    Files.writeString(f, "time,rain\n2024-01-10T00:00:00Z,0.2\n");
    Run unit = airq("weather", "import", f.toString(), "--station", "wx", "--wind-unit", "mph");
    assertThat(unit.code()).isEqualTo(2);
    assertThat(unit.err()).contains("--wind-unit must be knots or m/s: mph");
    assertThat(airq("weather").code()).isEqualTo(2);
  }
}
