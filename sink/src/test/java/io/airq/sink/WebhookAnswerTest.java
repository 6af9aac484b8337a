package io.airq.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.airq.sink.WebhookAnswer.Outcome;
import org.junit.jupiter.api.Test;

class WebhookAnswerTest {
  @Test
  void twoHundredsAreDelivered() {
    assertThat(WebhookAnswer.of(200, "").outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(WebhookAnswer.of(204, null).outcome()).isEqualTo(Outcome.DELIVERED);
    assertThat(WebhookAnswer.of(299, "ok").outcome()).isEqualTo(Outcome.DELIVERED);
  }

  @Test
  void serverErrorsTimeoutsAndThrottlingAreRetried() {
    for (int status : new int[] {500, 502, 503, 504, 599, 408, 429}) {
      assertThat(WebhookAnswer.of(status, "busy").outcome())
          .as("%s", status)
          .isEqualTo(Outcome.RETRY);
    }
    assertThat(WebhookAnswer.unreachable("java.net.ConnectException").outcome())
        .isEqualTo(Outcome.RETRY);
  }

  @Test
  void otherClientErrorsAndRedirectsAreRefusedForGood() {
    for (int status : new int[] {400, 401, 403, 404, 410, 413, 422, 301, 302, 100}) {
      assertThat(WebhookAnswer.of(status, "").outcome())
          .as("%s", status)
          .isEqualTo(Outcome.PERMANENT);
    }
  }

  @Test
  void theReasonNamesTheStatusAndAShortenedBody() {
    WebhookAnswer a = WebhookAnswer.of(400, "  bad\n  field: x " + "y".repeat(500));
    assertThat(a.reason()).startsWith("answered 400: bad field: x yyy").endsWith("...");
    assertThat(a.reason().length()).isLessThan(230);
    assertThat(WebhookAnswer.of(503, " ").reason()).isEqualTo("answered 503");
  }
}
