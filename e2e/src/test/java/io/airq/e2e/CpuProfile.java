package io.airq.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went during a run: CPU seconds of this JVM (bridge, streams, sink and planner run
 * here) and of each server process (from /proc), and a JFR profile of this JVM summarised by thread
 * and by hottest method.
 */
final class CpuProfile implements AutoCloseable {
  private final Recording recording;
  private final Map<String, Long> startTicks;
  private final long startNanos = System.nanoTime();
  private long stopNanos;
  private Map<String, Double> cpuSeconds = Map.of();
  private Path file;

  CpuProfile() throws Exception {
    recording = new Recording(Configuration.getConfiguration("profile"));
    // per second instead of every 10 s, so a phase of the run has enough of them
    recording.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofSeconds(1));
    recording.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
    recording.start();
    startTicks = ticks();
  }

  /** Stops the recording and writes it to {@code jfr}. */
  void stop(Path jfr) throws IOException {
    Map<String, Long> end = ticks();
    stopNanos = System.nanoTime();
    recording.stop();
    recording.dump(jfr);
    file = jfr;
    double hz = 100.0; // USER_HZ on Linux
    Map<String, Double> out = new LinkedHashMap<>();
    end.forEach((k, v) -> out.put(k, (v - startTicks.getOrDefault(k, 0L)) / hz));
    cpuSeconds = out;
  }

  /** From the start of the recording to its stop. */
  double wallSeconds() {
    return (stopNanos - startNanos) / 1e9;
  }

  /**
   * CPU seconds per thread group over the recording, from JFR's per-second {@code
   * jdk.ThreadCPULoad} (a share of all cores), largest first. Unlike execution samples, this counts
   * the JIT compiler threads.
   */
  Map<String, Double> threadCpuSeconds(int top) throws IOException {
    int cores = Runtime.getRuntime().availableProcessors();
    Map<String, Double> cpu = new HashMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (e.getEventType().getName().equals("jdk.ThreadCPULoad")) {
        var t = e.getThread("eventThread");
        String name = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
        cpu.merge(
            threadGroup(name),
            cores * (e.getFloat("user") + (double) e.getFloat("system")),
            Double::sum);
      }
    }
    return cpu.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** Garbage collections over the recording and the wall time of their pauses. */
  record GcPauses(int collections, double seconds) {}

  GcPauses gcPauses() throws IOException {
    int n = 0;
    double pause = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (e.getEventType().getName().equals("jdk.GarbageCollection")) {
        n++;
        pause += e.getDuration("sumOfPauses").toNanos() / 1e9;
      }
    }
    return new GcPauses(n, pause);
  }

  /** CPU seconds per process: "airq JVM" and each server child. */
  Map<String, Double> cpuSeconds() {
    return cpuSeconds;
  }

  /** Share of execution samples per thread group (thread names without numbers), largest first. */
  Map<String, Double> threadShares(int top) throws IOException {
    Map<String, Long> n = new HashMap<>();
    long total = 0;
    for (RecordedEvent e : samples()) {
      var t = e.getThread("sampledThread");
      String name = t == null || t.getJavaName() == null ? "?" : t.getJavaName();
      n.merge(threadGroup(name), 1L, Long::sum);
      total++;
    }
    return shares(n, total, top);
  }

  /** Share of execution samples per top-of-stack method, largest first. */
  Map<String, Double> hotMethods(int top) throws IOException {
    Map<String, Long> n = new HashMap<>();
    long total = 0;
    for (RecordedEvent e : samples()) {
      List<RecordedFrame> frames =
          e.getStackTrace() == null ? List.of() : e.getStackTrace().getFrames();
      String m =
          frames.isEmpty()
              ? "?"
              : frames.get(0).getMethod().getType().getName()
                  + "."
                  + frames.get(0).getMethod().getName();
      n.merge(m, 1L, Long::sum);
      total++;
    }
    return shares(n, total, top);
  }

  /**
   * The stream threads' CPU and the whole machine's over [from, to), each as the mean share of all
   * cores (JFR's per-second {@code jdk.ThreadCPULoad} and {@code jdk.CPULoad}, user + system).
   */
  record PhaseLoad(double streamThreads, double machine) {}

  PhaseLoad load(Instant from, Instant to) throws IOException {
    Map<Instant, Double> streams = new HashMap<>();
    double machine = 0;
    int machineN = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      Instant t = e.getStartTime();
      if (t.isBefore(from) || !t.isBefore(to)) {
        continue;
      }
      switch (e.getEventType().getName()) {
        case "jdk.ThreadCPULoad" -> {
          var thread = e.getThread("eventThread");
          String name = thread == null ? null : thread.getJavaName();
          if (name != null && name.matches(".*-StreamThread-[0-9]+")) {
            // one event per thread and period: the threads' loads of one period add up
            streams.merge(
                t.truncatedTo(ChronoUnit.SECONDS),
                e.getFloat("user") + (double) e.getFloat("system"),
                Double::sum);
          }
        }
        case "jdk.CPULoad" -> {
          machine += e.getFloat("machineTotal");
          machineN++;
        }
        default -> {}
      }
    }
    double threads =
        streams.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    return new PhaseLoad(threads, machineN == 0 ? Double.NaN : machine / machineN);
  }

  private List<RecordedEvent> samples() throws IOException {
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
        .toList();
  }

  private static Map<String, Double> shares(Map<String, Long> n, long total, int top) {
    return n.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(top)
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> 100.0 * e.getValue() / Math.max(1, total),
                (a, b) -> a,
                LinkedHashMap::new));
  }

  /** "airq-streams-…-StreamThread-1" → "airq-streams-StreamThread-#". */
  static String threadGroup(String name) {
    return name.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-?", "")
        .replaceAll("[0-9]+", "#");
  }

  /** utime + stime clock ticks of this JVM and of its server children, by name. */
  private static Map<String, Long> ticks() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("airq JVM (bridge, streams, sink, planner)", ticks(ProcessHandle.current().pid()));
    ProcessHandle.current()
        .descendants()
        .forEach(
            p -> {
              String cmd = commandLine(p.pid());
              String name =
                  cmd.contains("kafka.Kafka")
                      ? "Kafka broker"
                      : cmd.contains("mosquitto")
                          ? "Mosquitto"
                          : cmd.contains("influxd") ? "InfluxDB" : null;
              if (name != null) {
                out.merge(name, ticks(p.pid()), Long::sum);
              }
            });
    return out;
  }

  /** The whole command line (ProcessHandle.Info cuts long Java command lines short). */
  private static String commandLine(long pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    recording.close();
  }
}
