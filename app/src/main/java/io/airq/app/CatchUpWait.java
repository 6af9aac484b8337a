package io.airq.app;

import io.airq.core.topic.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** {@link Pipeline#awaitCaughtUp}: the wait for the streams job and the sink to have no backlog. */
final class CatchUpWait {
  private CatchUpWait() {}

  static Pipeline.CaughtUp await(
      Pipeline.Settings settings, Duration quiet, Duration timeout, PrintStream progress)
      throws InterruptedException {
    List<String> streamsInput = List.of(Topics.READINGS.prefixed(settings.topicPrefix()).name());
    List<String> sinkInput =
        Stream.of(Topics.CLEAN_READINGS, Topics.AVERAGES, Topics.ALERTS, Topics.CLOSURE_IMPACT)
            .map(t -> t.prefixed(settings.topicPrefix()).name())
            .toList();
    Duration settle = Pipeline.settle(settings.emitInterval());
    quiet = quiet.compareTo(settle) < 0 ? settle : quiet;
    long deadline = System.nanoTime() + timeout.toNanos();
    long calmSince = -1;
    long first = -1;
    long lastSink = -1;
    long streams = -1;
    long sink = -1;
    long lastPrint = 0;
    try (Backlog backlog = new Backlog(settings.kafkaBootstrap(), settings.logins().kafka())) {
      while (System.nanoTime() < deadline) {
        streams = backlog.of(settings.streamsApplicationId(), streamsInput);
        sink = backlog.of(settings.sinkGroupId(), sinkInput);
        if (first < 0 && streams == 0 && sink <= 64) {
          first = System.nanoTime();
        }
        boolean calm = streams == 0 && sink <= 64 && sink == lastSink;
        lastSink = sink;
        if (!calm) {
          calmSince = -1;
        } else if (calmSince < 0) {
          calmSince = System.nanoTime();
        } else if (System.nanoTime() - calmSince >= quiet.toNanos()) {
          progress.println("[pipeline] caught up: streams and sink have no backlog");
          return new Pipeline.CaughtUp(first, calmSince);
        }
        if (System.nanoTime() - lastPrint > 5_000_000_000L) {
          progress.printf(
              "[pipeline] backlog: streams %d records (readings and its repartition topics),"
                  + " sink %d records%n",
              streams, sink);
          lastPrint = System.nanoTime();
        }
        Thread.sleep(1000);
      }
    }
    throw new IllegalStateException(
        "the pipeline did not catch up within "
            + timeout
            + ": streams backlog "
            + streams
            + " records (readings and its repartition topics), sink backlog "
            + sink
            + " records");
  }
}
