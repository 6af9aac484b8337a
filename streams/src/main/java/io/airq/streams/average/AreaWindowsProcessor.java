package io.airq.streams.average;

import io.airq.core.average.WindowAverage;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Per area (the key, after the repartition): keeps every sensor's latest means of each hourly and
 * 24-hour window and emits the area means of a window each time one of its sensors' windows is
 * emitted. The input is already collapsed (one record per sensor window and emission), so this
 * emits directly.
 */
public final class AreaWindowsProcessor
    implements Processor<String, AreaInput, String, WindowAverage> {
  public static final String STORE = "area-windows-store";

  private final double coverageGate;
  private ProcessorContext<String, WindowAverage> context;
  private WindowStore<String, AreaWindow> windows;

  public AreaWindowsProcessor(double coverageGate) {
    this.coverageGate = coverageGate;
  }

  @Override
  public void init(ProcessorContext<String, WindowAverage> context) {
    this.context = context;
    this.windows = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, AreaInput> record) {
    String area = record.key();
    AreaInput in = record.value();
    String key = area + "|" + in.window().id();
    AreaWindow w = windows.fetch(key, in.start());
    w = (w == null ? AreaWindow.EMPTY : w).with(in);
    windows.put(key, w, in.start());
    Instant start = Instant.ofEpochMilli(in.start());
    for (WindowAverage a : Averages.ofArea(area, in.window(), start, w, coverageGate)) {
      context.forward(new Record<>(area, a, record.timestamp()));
    }
  }
}
