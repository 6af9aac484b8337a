package io.airq.planner.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void cellsASpreadsheetWouldEvaluateAreEscaped() {
    assertThat(Csv.field("=HYPERLINK(\"http://x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    assertThat(Csv.field("+1")).isEqualTo("'+1");
    assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
    assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
    assertThat(Csv.field("\r=1")).isEqualTo("\"'\r=1\"");
  }

  @Test
  void ordinaryCellsAreKeptAndQuotedOnlyWhenNeeded() {
    assertThat(Csv.field("moi-avenue")).isEqualTo("moi-avenue");
    assertThat(Csv.field("Moi Avenue, CBD")).isEqualTo("\"Moi Avenue, CBD\"");
    assertThat(Csv.field("a\nb")).isEqualTo("\"a\nb\"");
    assertThat(Csv.field("")).isEmpty();
    assertThat(Csv.num(-1.5)).isEqualTo("-1.5000");
  }
}
