package io.airq.planner.api;

import io.airq.planner.MessageTemplate;
import java.util.List;
import java.util.Map;

/**
 * Every kind of thing the API can find wrong with a posted closure, a missing one, or the token of
 * a write: its code (the page shows the message {@code apiError.<code>} of its language) and its
 * English text, whose {@code {name}} placeholders are the problem's parameters. The one list of
 * codes: the tests enumerate it.
 */
public enum ClosureProblem {
  BODY_NOT_OBJECT("closure.body-not-object", "the body must be a JSON object"),
  ID_MISMATCH("closure.id-mismatch", "id in the body differs from the id in the path"),
  BAD_ID("closure.bad-id", "id must be 1–100 letters, digits, '.', '_' or '-'"),
  BAD_ZONE("closure.bad-zone", "zone is not a valid time zone: {zone}"),
  BAD_WEATHER(
      "closure.bad-weather", "weather must be an object {\"station\": \"<weather sensor id>\"}"),
  BAD_STREET(
      "closure.bad-street",
      "street must be a GeoJSON LineString {\"type\": \"LineString\", \"coordinates\": [[lon, lat], ...]}"),
  NOT_A_CLOSURE("closure.not-a-closure", "not a valid closure: {detail}"),
  END_BEFORE_START("closure.end-before-start", "end must be after start"),
  TOO_LONG("closure.too-long", "a closure may last at most 366 days"),
  BAD_BASELINE("closure.bad-baseline", "baseline must be positive and at most 366 days"),
  BAD_AFTER("closure.bad-after", "after must not be negative and at most 366 days"),
  COMPARISON_OVERLAPS(
      "closure.comparison-overlaps", "comparison period {start} overlaps the closure"),
  NO_TREATED("closure.no-treated", "treated must name at least one sensor or area"),
  UNKNOWN_SENSOR("closure.unknown-sensor", "{role}: unknown sensor {id}"),
  UNKNOWN_AREA("closure.unknown-area", "{role}: no sensor in area {area}"),
  NOT_WEATHER("closure.not-weather", "weather: sensor {id} is of kind {kind}, not weather"),
  EXISTS("closure.exists", "closure {id} exists; use PUT to change it"),
  NOT_FOUND("closure.not-found", "no closure {id}"),
  NO_TOKEN(
      "access.no-token",
      "{method} {path} needs a token with role {role}: send Authorization: Bearer <token>"
          + " (docs/security.md)"),
  BAD_TOKEN("access.bad-token", "the token is unknown or revoked"),
  TOO_SMALL_A_ROLE("access.role", "token '{name}' has role {role}; this needs {needed}");

  /** The kinds the closure writes and the access guard answer, not the validator. */
  public static final java.util.Set<ClosureProblem> NOT_FROM_THE_VALIDATOR =
      java.util.EnumSet.of(EXISTS, NOT_FOUND, NO_TOKEN, BAD_TOKEN, TOO_SMALL_A_ROLE);

  /** The values of the parameter {@code role}: the group a sensor or area was named in. */
  public static final List<String> ROLES = List.of("treated", "control", "weather");

  private final String code;
  private final MessageTemplate english;

  ClosureProblem(String code, String english) {
    this.code = code;
    this.english = new MessageTemplate(english);
  }

  public String code() {
    return code;
  }

  /** The names of its parameters, in the order of its English text. */
  public List<String> params() {
    return english.params();
  }

  /** The English text with its parameters filled in. */
  public String english(Map<String, String> params) {
    return english.fill(params);
  }
}
