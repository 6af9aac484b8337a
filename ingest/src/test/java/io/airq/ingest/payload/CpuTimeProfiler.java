package io.airq.ingest.payload;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Operations per second of CPU time used by the benchmark JVM (benchmark thread, GC and JIT
 * together). On a machine shared with other builds the wall-clock rate mostly measures how much of
 * a core the benchmark was given; this one measures what a payload costs.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  static final String LABEL = "ops.per.cpu.second";
  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuAtStart;

  @Override
  public String getDescription() {
    return "operations per CPU second of the benchmark JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuAtStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    double cpuSeconds = (os.getProcessCpuTime() - cpuAtStart) / 1e9;
    long ops = result.getMetadata().getMeasuredOps();
    return List.of(new ScalarResult(LABEL, ops / cpuSeconds, "ops/cpu-s", AggregationPolicy.AVG));
  }
}
