package io.airq.core.closure;

import java.util.List;
import java.util.Objects;

/**
 * The closed street as a GeoJSON LineString (RFC 7946 §3.1.4): positions of longitude and latitude
 * in WGS 84 (an optional third number, the altitude, is kept and not used). Optional on a closure;
 * the planner page draws it on the closure's map.
 *
 * @param type {@code "LineString"}
 * @param coordinates at least two positions {@code [lon, lat]}
 */
public record StreetLine(String type, List<List<Double>> coordinates) {
  public StreetLine {
    if (!"LineString".equals(type)) {
      throw new IllegalArgumentException(
          "street must be a GeoJSON LineString: type \"LineString\", not " + type);
    }
    Objects.requireNonNull(coordinates, "street.coordinates");
    if (coordinates.size() < 2) {
      throw new IllegalArgumentException("street needs at least two positions [lon, lat]");
    }
    for (int i = 0; i < coordinates.size(); i++) {
      List<Double> p = coordinates.get(i);
      if (p == null
          || p.size() < 2
          || p.size() > 3
          || p.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
        throw new IllegalArgumentException("street position " + i + " must be [lon, lat]");
      }
      if (Math.abs(p.get(0)) > 180 || Math.abs(p.get(1)) > 90) {
        throw new IllegalArgumentException(
            "street position " + i + " is not [lon, lat] in degrees: " + p);
      }
    }
    coordinates = coordinates.stream().map(List::copyOf).toList();
  }
}
