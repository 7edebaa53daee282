package medinsight.mining;

/**
 * A cluster model laid on a plane for drawing: the first two principal components of the
 * features KMeans saw, each distinct vector weighing as many products as have it.
 */
public final class ClusterPlane {
  /** Each distinct feature vector's position, in the order of {@link MiningAnalyses.ClusterModel#features}. */
  public final double[][] xy;
  /** Products at each position. */
  public final long[] counts;
  /** Cluster of each position, 0-based (row i of the profile table is cluster i). */
  public final int[] cluster;
  /** Share of the variance each axis explains. */
  public final double xShare;
  public final double yShare;

  private ClusterPlane(double[][] xy, long[] counts, int[] cluster, double xShare, double yShare) {
    this.xy = xy;
    this.counts = counts;
    this.cluster = cluster;
    this.xShare = xShare;
    this.yShare = yShare;
  }

  public static ClusterPlane of(MiningAnalyses.ClusterModel m) {
    double[] w = new double[m.counts.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = m.counts[i];
    }
    Pca pca = Pca.fit(m.features, w);
    double[][] xy = new double[m.features.length][];
    int[] cluster = new int[m.features.length];
    for (int i = 0; i < xy.length; i++) {
      xy[i] = pca.project(m.features[i], 2);
      cluster[i] = m.cluster[i] - 1;
    }
    return new ClusterPlane(xy, m.counts, cluster, pca.proportion(0), pca.proportion(1));
  }
}
