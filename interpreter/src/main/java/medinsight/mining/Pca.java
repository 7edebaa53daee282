package medinsight.mining;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Principal components of a small number of features, by the Jacobi eigenvalue method on the
 * covariance matrix. Smile's PCA calls LAPACK through native OpenBLAS, which the plugin leaves
 * out (it is large and platform-specific); a covariance matrix of a few dozen features needs
 * none of it. Deterministic: each component's largest loading is positive.
 */
public final class Pca {
  /** Feature means. */
  public final double[] mean;
  /** Components, one a row, by decreasing variance. */
  public final double[][] components;
  /** Variance along each component. */
  public final double[] variance;

  private Pca(double[] mean, double[][] components, double[] variance) {
    this.mean = mean;
    this.components = components;
    this.variance = variance;
  }

  public static Pca fit(double[][] x) {
    double[] w = new double[x.length];
    Arrays.fill(w, 1);
    return fit(x, w);
  }

  /**
   * Components of rows with weights: row i stands for {@code w[i]} identical rows, so the mean and
   * the covariance (divided by the total weight less one) are those of the expanded data. A few
   * thousand distinct feature vectors with their product counts give the PCA of millions of
   * products.
   */
  public static Pca fit(double[][] x, double[] w) {
    if (x.length != w.length) {
      throw new IllegalArgumentException("one weight per row");
    }
    double total = 0;
    for (double e : w) {
      if (!(e >= 0)) {
        throw new IllegalArgumentException("weights must not be negative");
      }
      total += e;
    }
    if (x.length == 0 || total <= 1) {
      throw new IllegalArgumentException("PCA needs at least two rows");
    }
    int d = x[0].length;
    double[] mean = new double[d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += w[i] * x[i][j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= total;
    }
    double[][] c = new double[d][d];
    double[] v = new double[d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        v[j] = x[i][j] - mean[j];
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          c[a][b] += w[i] * v[a] * v[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        c[a][b] /= total - 1;
        c[b][a] = c[a][b];
      }
    }
    double[][] vectors = new double[d][d];
    double[] values = eigen(c, vectors);
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -values[i]).thenComparingInt(i -> i));
    double[][] comps = new double[d][d];
    double[] var = new double[d];
    for (int k = 0; k < d; k++) {
      int i = order[k];
      var[k] = Math.max(0, values[i]);
      int big = 0;
      for (int j = 0; j < d; j++) {
        comps[k][j] = vectors[j][i];
        if (Math.abs(comps[k][j]) > Math.abs(comps[k][big]) + 1e-12) {
          big = j;
        }
      }
      if (comps[k][big] < 0) {
        for (int j = 0; j < d; j++) {
          comps[k][j] = -comps[k][j];
        }
      }
    }
    return new Pca(mean, comps, var);
  }

  /**
   * Eigenvalues of the symmetric matrix {@code a} (destroyed); eigenvectors into the columns of
   * {@code v}. Cyclic Jacobi rotations until the off-diagonal part is negligible.
   */
  static double[] eigen(double[][] a, double[][] v) {
    int d = a.length;
    for (int i = 0; i < d; i++) {
      Arrays.fill(v[i], 0);
      v[i][i] = 1;
    }
    double scale = 0;
    for (double[] r : a) {
      for (double e : r) {
        scale += e * e;
      }
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= 1e-30 * Math.max(scale, 1e-300)) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      out[i] = a[i][i];
    }
    return out;
  }

  /** Share of the total variance along component k. */
  public double proportion(int k) {
    double total = 0;
    for (double v : variance) {
      total += v;
    }
    return total == 0 ? 0 : variance[k] / total;
  }

  /** The first {@code dims} component scores of a row. */
  public double[] project(double[] row, int dims) {
    double[] out = new double[dims];
    for (int k = 0; k < dims; k++) {
      double s = 0;
      for (int j = 0; j < row.length; j++) {
        s += (row[j] - mean[j]) * components[k][j];
      }
      out[k] = s;
    }
    return out;
  }
}
