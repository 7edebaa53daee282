package medinsight.mining;

/**
 * The silhouette of a clustering: for each point, (b − a) / max(a, b), where a is its mean
 * distance to the other points of its cluster and b the smallest mean distance to another
 * cluster; the score is the mean over the points. Smile has no silhouette, so it is written here:
 * the textbook definition, Euclidean distance, O(n²) on the (sampled) points given.
 */
public final class Silhouette {
  private Silhouette() {}

  public static double score(double[][] x, int[] y, int k) {
    int n = x.length;
    if (n < 2 || k < 2) {
      return 0;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double[] sum = new double[k];
      int[] count = new int[k];
      for (int j = 0; j < n; j++) {
        if (i == j) {
          continue;
        }
        sum[y[j]] += distance(x[i], x[j]);
        count[y[j]]++;
      }
      if (count[y[i]] == 0) {
        continue; // a singleton cluster scores 0
      }
      double a = sum[y[i]] / count[y[i]];
      double b = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        if (c != y[i] && count[c] > 0) {
          b = Math.min(b, sum[c] / count[c]);
        }
      }
      if (b == Double.MAX_VALUE) {
        continue;
      }
      double m = Math.max(a, b);
      total += m == 0 ? 0 : (b - a) / m;
    }
    return total / n;
  }

  static double distance(double[] p, double[] q) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double d = p[i] - q[i];
      s += d * d;
    }
    return Math.sqrt(s);
  }
}
