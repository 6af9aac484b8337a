package io.airq.planner.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One problem of a refused request in a form a page can translate: a code and its parameters (the
 * answer's {@code problems}, parallel to its English {@code errors}).
 */
public record ApiProblem(String code, Map<String, String> params) {

  /** Collects the problems and their English texts side by side. */
  static final class Builder {
    private final List<String> errors = new ArrayList<>();
    private final List<ApiProblem> problems = new ArrayList<>();

    /** Adds a problem of {@code kind}; {@code nameValues} are its parameters: name, value, …. */
    Builder add(ClosureProblem kind, String... nameValues) {
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i + 1 < nameValues.length; i += 2) {
        params.put(nameValues[i], nameValues[i + 1]);
      }
      if (!params.keySet().equals(new java.util.HashSet<>(kind.params()))) {
        throw new IllegalArgumentException(kind + " takes " + kind.params() + ", not " + params);
      }
      errors.add(kind.english(params));
      problems.add(new ApiProblem(kind.code(), java.util.Collections.unmodifiableMap(params)));
      return this;
    }

    boolean isEmpty() {
      return errors.isEmpty();
    }

    List<String> errors() {
      return List.copyOf(errors);
    }

    List<ApiProblem> problems() {
      return List.copyOf(problems);
    }
  }
}
