package io.airq.sink;

/**
 * What InfluxDB's refusal of a write means for its points. Only a refusal of the points themselves
 * is permanent; everything else is waited out with backoff, never turned into loss.
 */
enum InfluxAnswer {
  /**
   * HTTP 400 (InfluxDB 1.x) or 422 (InfluxDB 2.x): a bad point, a field type conflict, a point
   * beyond the retention policy. Writing the same points again will not help: the batch is bisected
   * and the refused records dead-lettered.
   */
  BAD_POINTS,
  /**
   * A refusal of new series because a limit of InfluxDB's configuration is reached: the points are
   * valid, only InfluxDB's operator can lift the limit. Retried like an outage.
   */
  SERIES_LIMIT,
  /**
   * No answer (connection refused, timeout: status 0), 5xx, 429, or any other answer (401, 403, 404
   * database missing): retried with backoff.
   */
  RETRIABLE;

  /**
   * Classifies a refused write by its HTTP status (0 when no answer came) and InfluxDB's message.
   */
  static InfluxAnswer of(int status, String message) {
    if (status != 400 && status != 422) {
      return RETRIABLE;
    }
    return isLimit(message) ? SERIES_LIMIT : BAD_POINTS;
  }

  /**
   * Whether a refusal is InfluxDB 1.x refusing new series because its database reached {@code
   * max-series-per-database} (default 1,000,000) or a tag reached {@code max-values-per-tag}
   * (default 100,000). The points are valid: a city of 30,000 sensors has a million series, one of
   * 100,000 sensors 100,000 values of the {@code sensor} tag. Dead-lettering them would lose every
   * new sensor's data.
   */
  static boolean isLimit(String message) {
    return message != null
        && (message.contains("max-series-per-database limit exceeded")
            || message.contains("max-values-per-tag limit exceeded"));
  }

  /**
   * InfluxDB's reason for refusing credentials, from its answer's body ({@code {"error":"signature
   * is invalid"}}), short and on one line.
   */
  static String refusal(String body) {
    String s = body == null ? "" : body.strip();
    var m = java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"").matcher(s);
    String reason = m.find() ? m.group(1) : s;
    reason = reason.replaceAll("\\s+", " ");
    return reason.isEmpty()
        ? "no reason given"
        : reason.length() > 200 ? reason.substring(0, 200) : reason;
  }
}
