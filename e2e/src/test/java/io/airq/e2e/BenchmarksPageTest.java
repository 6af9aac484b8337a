package io.airq.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/benchmarks.md is the page {@code ./airq bench} writes, followed by a table of dated runs
 * kept by hand; a rerun of the bench replaces the figures and keeps the table.
 */
class BenchmarksPageTest {
  private static final String TABLE =
      PipelineBenchmark.DATED_RUNS + "\n\n| date | figures |\n| --- | --- |\n| 2026-11-28 | 1 |\n";

  @Test
  void aRerunReplacesTheFiguresAndKeepsTheDatedRuns() {
    String previous = "# Benchmarks\n\nold figures\n\n" + TABLE;
    String page = "# Benchmarks\n\nnew figures\n";

    String written = PipelineBenchmark.withDatedRuns(page, previous);

    assertThat(written).isEqualTo("# Benchmarks\n\nnew figures\n\n" + TABLE);
  }

  @Test
  void aPageWithoutDatedRunsIsReplacedWhole() {
    String page = "# Benchmarks\n\nnew figures\n";

    assertThat(PipelineBenchmark.withDatedRuns(page, "# Benchmarks\n\nold figures\n"))
        .isEqualTo(page);
    assertThat(PipelineBenchmark.withDatedRuns(page, "")).isEqualTo(page);
  }

  @Test
  void theCommittedPageEndsWithItsOneTableOfDatedRuns() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "benchmarks.md"));

    int at = doc.indexOf("\n" + PipelineBenchmark.DATED_RUNS + "\n");
    assertThat(at)
        .as("docs/benchmarks.md has a \"" + PipelineBenchmark.DATED_RUNS + "\" section")
        .isPositive();
    assertThat(doc.indexOf("\n" + PipelineBenchmark.DATED_RUNS + "\n", at + 1)).isEqualTo(-1);
    assertThat(doc.substring(at + 1))
        .as("the dated runs are the page's last section")
        .doesNotContain("\n## ");
  }
}
