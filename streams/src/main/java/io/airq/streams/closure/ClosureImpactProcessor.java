package io.airq.streams.closure;

import io.airq.core.impact.PhaseAggregate;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each sensor-hour's contribution and the running aggregate per (closure, group, phase,
 * quantity). A re-emitted hourly mean (late data within grace) replaces its earlier contribution:
 * the old one is subtracted before the new one is added.
 */
public final class ClosureImpactProcessor
    implements Processor<String, Contribution, String, PhaseAggregate> {
  public static final String CONTRIBUTIONS_STORE = "closure-contributions-store";
  public static final String AGGREGATES_STORE = "closure-aggregates-store";

  private ProcessorContext<String, PhaseAggregate> context;
  private KeyValueStore<String, Contribution> contributions;
  private KeyValueStore<String, PhaseAggregate> aggregates;

  @Override
  public void init(ProcessorContext<String, PhaseAggregate> context) {
    this.context = context;
    this.contributions = context.getStateStore(CONTRIBUTIONS_STORE);
    this.aggregates = context.getStateStore(AGGREGATES_STORE);
  }

  @Override
  public void process(Record<String, Contribution> record) {
    Contribution c = record.value();
    Instant now = Instant.ofEpochMilli(record.timestamp());
    String key = c.aggregateKey();
    PhaseAggregate agg = aggregates.get(key);
    agg = agg == null ? PhaseAggregates.empty(c) : agg;
    Contribution old = contributions.get(c.contributionKey());
    if (old != null) {
      agg = PhaseAggregates.subtract(agg, old, now);
    }
    agg = PhaseAggregates.add(agg, c, now);
    contributions.put(c.contributionKey(), c);
    aggregates.put(key, agg);
    context.forward(new Record<>(key, agg, record.timestamp()));
  }
}
