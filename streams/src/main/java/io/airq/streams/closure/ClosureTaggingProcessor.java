package io.airq.streams.closure;

import io.airq.core.average.WindowAverage;
import io.airq.core.closure.Closure;
import io.airq.core.registry.Sensor;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * For every closure in the global closures store, tags an hourly sensor mean and forwards its
 * contributions, keyed by aggregate key (so they can be repartitioned by closure).
 */
public final class ClosureTaggingProcessor
    implements Processor<String, ClosureTaggingProcessor.HourlyMean, String, Contribution> {

  /** An hourly sensor mean with the sensor it belongs to. */
  public record HourlyMean(Sensor sensor, WindowAverage average) {}

  private final String closuresStore;
  private final double coverageGate;
  private ProcessorContext<String, Contribution> context;
  private ReadOnlyKeyValueStore<String, Object> closures;

  public ClosureTaggingProcessor(String closuresStore, double coverageGate) {
    this.closuresStore = closuresStore;
    this.coverageGate = coverageGate;
  }

  @Override
  public void init(ProcessorContext<String, Contribution> context) {
    this.context = context;
    this.closures = context.getStateStore(closuresStore);
  }

  @Override
  public void process(Record<String, HourlyMean> record) {
    HourlyMean h = record.value();
    try (KeyValueIterator<String, Object> it = closures.all()) {
      while (it.hasNext()) {
        KeyValue<String, Object> kv = it.next();
        Object v = kv.value instanceof ValueAndTimestamp<?> vt ? vt.value() : kv.value;
        if (v instanceof Closure c) {
          List<Contribution> cs =
              ClosureTagging.contributions(c, h.sensor(), h.average(), coverageGate);
          for (Contribution ct : cs) {
            context.forward(new Record<>(ct.aggregateKey(), ct, record.timestamp()));
          }
        }
      }
    }
  }
}
