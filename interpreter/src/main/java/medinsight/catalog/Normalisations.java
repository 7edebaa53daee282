package medinsight.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of the cleaning steps applied while loading, for the quality report. Thread-confined. */
public final class Normalisations {
  private final Map<String, Long> counts = new LinkedHashMap<>();

  public void add(String kind) {
    counts.merge(kind, 1L, Long::sum);
  }

  /** Counts {@code n} at once (n = 0 adds nothing). */
  public void add(String kind, long n) {
    if (n > 0) {
      counts.merge(kind, n, Long::sum);
    }
  }

  public void addAll(Normalisations other) {
    other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
  }

  public Map<String, Long> asMap() {
    return new LinkedHashMap<>(counts);
  }
}
