package io.airq.sink;

/**
 * What a webhook receiver's answer means for the alert sent: delivered (2xx), to be retried with
 * backoff (5xx, 408, 429, a timeout or no connection), or refused for good (any other status: the
 * alert goes to the sink dead-letter topic with the reason, and the next alert goes on).
 */
record WebhookAnswer(Outcome outcome, String reason) {
  /** The three outcomes. */
  enum Outcome {
    DELIVERED,
    RETRY,
    PERMANENT
  }

  private static final int MAX_BODY = 200;

  /** The meaning of an HTTP answer with this status and body. */
  static WebhookAnswer of(int status, String body) {
    String why = "answered " + status + snippet(body);
    if (status >= 200 && status < 300) {
      return new WebhookAnswer(Outcome.DELIVERED, why);
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new WebhookAnswer(Outcome.RETRY, why);
    }
    return new WebhookAnswer(Outcome.PERMANENT, why);
  }

  /** No answer: refused, reset or timed out connection; retried. */
  static WebhookAnswer unreachable(String why) {
    return new WebhookAnswer(Outcome.RETRY, "no answer: " + why);
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String b = body.strip().replaceAll("\\s+", " ");
    return ": " + (b.length() > MAX_BODY ? b.substring(0, MAX_BODY) + "..." : b);
  }
}
