package io.airq.sink;

import static io.airq.sink.Records.pending;
import static io.airq.sink.Records.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BisectionTest {
  /** InfluxDB as far as bisection sees it: refuses a write holding a bad record, else stores. */
  static final class Influx implements Bisection.Write {
    final Set<Long> bad = new HashSet<>();
    final List<Pending> stored = new ArrayList<>();
    int writes;

    @Override
    public void write(List<Pending> records) throws InfluxWriter.BadPoints {
      writes++;
      for (Pending p : records) {
        if (bad.contains(p.record().offset()) && !p.lines().isEmpty()) {
          throw new InfluxWriter.BadPoints("bad point at " + p.record().offset());
        }
      }
      stored.addAll(records);
    }
  }

  @Test
  void aBatchWithoutBadPointsIsWrittenInOneRequest() throws Exception {
    Influx influx = new Influx();
    List<Pending> batch = run("t", 0, 100);
    assertThat(Bisection.write(batch, influx)).isEqualTo(batch);
    assertThat(influx.writes).isEqualTo(1);
    assertThat(influx.stored).isEqualTo(batch);
  }

  @Test
  void badRecordsAreIsolatedAndEveryOtherRecordIsWrittenInOrder() throws Exception {
    Influx influx = new Influx();
    influx.bad.addAll(List.of(0L, 37L, 38L, 99L));
    List<Pending> batch = run("t", 0, 100);

    List<Pending> out = Bisection.write(batch, influx);

    assertThat(out)
        .extracting(p -> p.record().offset())
        .containsExactlyElementsOf(batch.stream().map(p -> p.record().offset()).toList());
    assertThat(out.stream().filter(Pending::rejected).map(p -> p.record().offset()))
        .containsExactly(0L, 37L, 38L, 99L);
    assertThat(out.stream().filter(Pending::rejected))
        .allSatisfy(
            p -> {
              assertThat(p.code()).isEqualTo(Bisection.REJECTED);
              assertThat(p.reason()).isEqualTo("bad point at " + p.record().offset());
              assertThat(p.lines()).isEmpty();
            });
    assertThat(influx.stored)
        .extracting(p -> p.record().offset())
        .hasSize(96)
        .doesNotContain(0L, 37L, 38L, 99L)
        .isSorted();
    // a few writes per bad point, far from one write per record
    assertThat(influx.writes).isLessThan(4 * 2 * 7 + 1);
  }

  @Test
  void recordsWithoutPointsAreNeitherRejectedNorCountedAsTheCulprit() throws Exception {
    Influx influx = new Influx();
    influx.bad.add(1L);
    List<Pending> batch = List.of(pending("t", 0, 0, 0), pending("t", 0, 1, 2));

    List<Pending> out = Bisection.write(batch, influx);

    assertThat(out.get(0)).isEqualTo(batch.get(0));
    assertThat(out.get(1).rejected()).isTrue();
  }

  @Test
  void anOutageDuringBisectionFailsTheWholeBatchForARetry() {
    Bisection.Write flaky =
        new Bisection.Write() {
          int calls;

          @Override
          public void write(List<Pending> records)
              throws InfluxWriter.BadPoints, InfluxWriter.Unavailable {
            if (++calls == 1) {
              throw new InfluxWriter.BadPoints("bad");
            }
            throw new InfluxWriter.Unavailable("down", null);
          }
        };
    assertThatThrownBy(() -> Bisection.write(run("t", 0, 10), flaky))
        .isInstanceOf(InfluxWriter.Unavailable.class);
  }
}
