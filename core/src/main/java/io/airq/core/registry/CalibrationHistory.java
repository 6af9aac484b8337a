package io.airq.core.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.airq.core.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The calibration versions of one quantity of one sensor, ordered by the instant each applies from
 * (a version without {@code from} applies since always and comes first). A reading is corrected by
 * the newest version that applied at its measurement time, so a calibration fitted in June does not
 * rewrite what a reading of May meant. In JSON a single version is written as its object (as before
 * versions existed) and several as an array; both are read.
 *
 * @param versions at least one; no two with the same {@code from} or the same {@code id}
 */
public record CalibrationHistory(List<LinearCalibration> versions) {
  private static final Comparator<LinearCalibration> BY_FROM =
      Comparator.comparing(
          LinearCalibration::from, Comparator.nullsFirst(Comparator.naturalOrder()));

  public CalibrationHistory {
    if (versions == null || versions.isEmpty()) {
      throw new IllegalArgumentException("a calibration needs at least one version");
    }
    List<LinearCalibration> sorted = new ArrayList<>(versions);
    sorted.sort(BY_FROM);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      LinearCalibration v = sorted.get(i);
      if (!ids.add(v.id())) {
        throw new IllegalArgumentException("two calibration versions have the id " + v.id());
      }
      if (i > 0 && BY_FROM.compare(sorted.get(i - 1), v) == 0) {
        throw new IllegalArgumentException(
            "two calibration versions apply from "
                + (v.from() == null ? "always" : v.from().toString()));
      }
    }
    versions = List.copyOf(sorted);
  }

  public static CalibrationHistory of(LinearCalibration... versions) {
    return new CalibrationHistory(List.of(versions));
  }

  /** Reads one version (an object) or several (an array). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static CalibrationHistory read(JsonNode node) {
    List<LinearCalibration> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(Json.mapper().convertValue(n, LinearCalibration.class)));
    } else {
      out.add(Json.mapper().convertValue(node, LinearCalibration.class));
    }
    return new CalibrationHistory(out);
  }

  @JsonValue
  Object json() {
    return versions.size() == 1 ? versions.get(0) : versions;
  }

  /** The version that applied at {@code t}: the newest from at or before it; null when none. */
  public LinearCalibration at(Instant t) {
    LinearCalibration found = null;
    for (LinearCalibration v : versions) {
      if (v.from() != null && v.from().isAfter(t)) {
        break;
      }
      found = v;
    }
    return found;
  }

  /** The newest version (the one that applies from now on). */
  public LinearCalibration latest() {
    return versions.get(versions.size() - 1);
  }

  /**
   * These versions and {@code v}; a version with the same id or the same start is replaced by it.
   */
  public CalibrationHistory with(LinearCalibration v) {
    List<LinearCalibration> out = new ArrayList<>();
    for (LinearCalibration old : versions) {
      if (!old.id().equals(v.id()) && BY_FROM.compare(old, v) != 0) {
        out.add(old);
      }
    }
    out.add(v);
    return new CalibrationHistory(out);
  }
}
