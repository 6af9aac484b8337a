package io.airq.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AckOrderTest {
  private static List<Integer> ids(List<AckOrder.Ticket> tickets) {
    return tickets.stream().map(AckOrder.Ticket::packetId).toList();
  }

  @Test
  void aMessageDoneEarlyWaitsForEveryMessageThatArrivedBeforeIt() {
    AckOrder order = new AckOrder();
    AckOrder.Ticket a = order.arrived(11, 1);
    AckOrder.Ticket b = order.arrived(12, 1);
    AckOrder.Ticket c = order.arrived(13, 1);
    assertThat(order.done(c)).isEmpty();
    assertThat(order.done(b)).isEmpty();
    assertThat(ids(order.done(a))).containsExactly(11, 12, 13);
    assertThat(order.waiting()).isZero();
  }

  @Test
  void acksInAnyCompletionOrderComeOutInArrivalOrder() {
    Random random = new Random(42);
    AckOrder order = new AckOrder();
    List<AckOrder.Ticket> tickets = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      tickets.add(order.arrived(i % 65_535 + 1, 1));
    }
    List<AckOrder.Ticket> shuffled = new ArrayList<>(tickets);
    Collections.shuffle(shuffled, random);
    List<AckOrder.Ticket> acked = new ArrayList<>();
    for (AckOrder.Ticket t : shuffled) {
      acked.addAll(order.done(t));
    }
    assertThat(acked).containsExactlyElementsOf(tickets);
  }

  @Test
  void aLostConnectionDropsWhatWaitsAndItsLateCompletionsReleaseNothing() {
    AckOrder order = new AckOrder();
    AckOrder.Ticket before = order.arrived(1, 1);
    AckOrder.Ticket stuck = order.arrived(2, 1);
    order.reset();
    AckOrder.Ticket after = order.arrived(1, 1);
    assertThat(order.done(before)).isEmpty();
    assertThat(order.done(stuck)).isEmpty();
    assertThat(ids(order.done(after))).containsExactly(1);
  }
}
