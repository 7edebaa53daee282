package medinsight.mining;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
  @Test
  void pointsOnALineHaveOneComponent() {
    double[][] x = new double[50][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {i, 2 * i + 3};
    }
    Pca p = Pca.fit(x);
    // the direction of the line, (1, 2)/√5, with all the variance
    assertEquals(1 / Math.sqrt(5), p.components[0][0], 1e-9);
    assertEquals(2 / Math.sqrt(5), p.components[0][1], 1e-9);
    assertEquals(1.0, p.proportion(0), 1e-9);
    assertEquals(0.0, p.proportion(1), 1e-9);
    // scores: distance along the line from the mean
    double[] s = p.project(x[49], 2);
    assertEquals((49 - 24.5) * Math.sqrt(5), s[0], 1e-9);
    assertEquals(0, s[1], 1e-9);
  }

  @Test
  void componentsAreEigenvectorsOfTheCovariance() {
    Random r = new Random(3);
    int n = 400;
    int d = 6;
    double[][] x = new double[n][d];
    for (double[] row : x) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      for (int j = 0; j < d; j++) {
        row[j] = a * (j + 1) + b * (j % 2 == 0 ? 1 : -1) + 0.1 * r.nextGaussian() + (j == 3 && r.nextInt(4) == 0 ? 1 : 0);
      }
    }
    Pca p = Pca.fit(x);
    double[][] c = new double[d][d];
    for (double[] row : x) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          c[i][j] += (row[i] - p.mean[i]) * (row[j] - p.mean[j]) / (n - 1);
        }
      }
    }
    double trace = 0;
    for (int k = 0; k < d; k++) {
      trace += c[k][k];
      double[] v = p.components[k];
      for (int i = 0; i < d; i++) {
        double cv = 0;
        for (int j = 0; j < d; j++) {
          cv += c[i][j] * v[j];
        }
        assertEquals(p.variance[k] * v[i], cv, 1e-8, "C v = λ v, component " + k);
      }
      // unit length, orthogonal to the others, largest loading positive
      for (int m = 0; m <= k; m++) {
        double dot = 0;
        for (int j = 0; j < d; j++) {
          dot += v[j] * p.components[m][j];
        }
        assertEquals(m == k ? 1 : 0, dot, 1e-9);
      }
      double big = 0;
      for (double e : v) {
        big = Math.abs(e) > Math.abs(big) ? e : big;
      }
      assertTrue(big > 0);
      if (k > 0) {
        assertTrue(p.variance[k] <= p.variance[k - 1]);
      }
    }
    double sum = 0;
    for (double v : p.variance) {
      sum += v;
    }
    assertEquals(trace, sum, 1e-9);
    assertTrue(p.proportion(0) + p.proportion(1) > 0.95, "two strong directions");
  }

  @Test
  void weightedRowsAreTheExpandedRows() {
    // distinct rows with counts, as the cluster map has them, against every copy written out
    Random r = new Random(11);
    int d = 5;
    double[][] x = new double[40][d];
    double[] w = new double[x.length];
    java.util.List<double[]> expanded = new java.util.ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = j < 2 ? r.nextGaussian() * (j + 1) : r.nextInt(2);
      }
      w[i] = 1 + r.nextInt(i % 3 == 0 ? 200 : 5);
      for (int k = 0; k < w[i]; k++) {
        expanded.add(x[i]);
      }
    }
    Pca weighted = Pca.fit(x, w);
    Pca plain = Pca.fit(expanded.toArray(new double[0][]));
    for (int k = 0; k < d; k++) {
      assertEquals(plain.mean[k], weighted.mean[k], 1e-12);
      assertEquals(plain.variance[k], weighted.variance[k], 1e-9 * plain.variance[0]);
      for (int j = 0; j < d; j++) {
        assertEquals(plain.components[k][j], weighted.components[k][j], 1e-9, "component " + k);
      }
    }
    double[] a = weighted.project(x[3], 2);
    double[] b = plain.project(x[3], 2);
    assertEquals(b[0], a[0], 1e-9);
    assertEquals(b[1], a[1], 1e-9);
    // a row of weight 0 counts for nothing
    double[][] more = java.util.Arrays.copyOf(x, x.length + 1);
    more[x.length] = new double[] {100, 100, 100, 100, 100};
    double[] moreW = java.util.Arrays.copyOf(w, w.length + 1);
    assertEquals(weighted.variance[0], Pca.fit(more, moreW).variance[0], 1e-12);
  }
}
