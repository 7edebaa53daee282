package medinsight.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Timings of repeated runs of one thing, in milliseconds, and their percentiles. */
final class Timings {
  private final double[] ms;
  private int n;

  Timings(int capacity) {
    ms = new double[Math.max(1, capacity)];
  }

  void add(double millis) {
    ms[n++] = millis;
  }

  int size() {
    return n;
  }

  /** Nearest-rank percentile: the smallest value with at least q of the runs at or below it. */
  static double pct(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  double p50() {
    return pct(sorted(), 0.50);
  }

  double p95() {
    return pct(sorted(), 0.95);
  }

  private double[] sorted() {
    double[] s = Arrays.copyOf(ms, n);
    Arrays.sort(s);
    return s;
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** p50, p95, max and the number of runs, rounded to 0.1 ms. */
  Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (n == 0) {
      return m;
    }
    double[] s = sorted();
    m.put("p50_ms", round(pct(s, 0.50)));
    m.put("p95_ms", round(pct(s, 0.95)));
    m.put("max_ms", round(s[s.length - 1]));
    m.put("runs", n);
    return m;
  }

  static long nanos() {
    return System.nanoTime();
  }

  static double since(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
