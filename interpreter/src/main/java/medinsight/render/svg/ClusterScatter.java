package medinsight.render.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import medinsight.render.Labels;

/**
 * Clusters on a plane (a two-dimensional projection of the products), coloured by cluster. Every
 * product is counted: products falling in the same small square of the plot and the same cluster
 * are one circle whose area is their number, which keeps the drawing small (millions of products,
 * many with the same features, make a few hundred circles) and shows where products pile up,
 * which a sample of points would hide.
 */
public final class ClusterScatter {
  static final double WIDTH = 960;
  static final double HEIGHT = 560;
  static final double LEFT = 56;
  static final double TOP = 16;
  static final double PLOT_W = 620;
  static final double PLOT_H = 480;
  static final double BIN = 8;

  /** A cluster in the legend: its name and one line about it. */
  public static final class Cluster {
    final String name;
    final String detail;

    public Cluster(String name, String detail) {
      this.name = name;
      this.detail = detail;
    }
  }

  private ClusterScatter() {}

  /**
   * Draws points {@code xy[i]}, each standing for {@code count[i]} products, of clusters
   * {@code cluster[i]} (indexes into {@code clusters}), with axis titles and a caption. A point
   * with count n draws as n products at one place would: the input is the distinct points, however
   * many products there are.
   */
  public static String render(double[][] xy, long[] count, int[] cluster, List<Cluster> clusters, String xTitle,
      String yTitle, List<String> notes, Labels.Lang lang, Theme theme) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double[] p : xy) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    if (xy.length == 0) {
      minX = minY = -1;
      maxX = maxY = 1;
    }
    double[] tx = ticks(minX, maxX);
    double[] ty = ticks(minY, maxY);
    double x0 = tx[0];
    double x1 = tx[tx.length - 1];
    double y0 = ty[0];
    double y1 = ty[ty.length - 1];
    // bins: cluster, column, row → count and sum of positions
    Map<Long, double[]> bins = new TreeMap<>();
    int cols = (int) Math.ceil(PLOT_W / BIN) + 1;
    int rows = (int) Math.ceil(PLOT_H / BIN) + 1;
    double[][] centre = new double[clusters.size()][3];
    for (int i = 0; i < xy.length; i++) {
      double px = LEFT + (xy[i][0] - x0) / (x1 - x0) * PLOT_W;
      double py = TOP + PLOT_H - (xy[i][1] - y0) / (y1 - y0) * PLOT_H;
      int bc = (int) Math.floor((px - LEFT) / BIN);
      int br = (int) Math.floor((py - TOP) / BIN);
      long key = ((long) cluster[i] * rows + br) * cols + bc;
      double n = count[i];
      if (n <= 0) {
        continue;
      }
      double[] b = bins.computeIfAbsent(key, k -> new double[4]);
      b[0] += n;
      b[1] += n * px;
      b[2] += n * py;
      b[3] = cluster[i];
      centre[cluster[i]][0] += n;
      centre[cluster[i]][1] += n * px;
      centre[cluster[i]][2] += n * py;
    }
    double maxCount = 1;
    for (double[] b : bins.values()) {
      maxCount = Math.max(maxCount, b[0]);
    }
    List<String> noteLines = notes.isEmpty() ? List.of() : TextFit.wrap(String.join(" ", notes), 11, WIDTH, 3);
    Svg s = new Svg(WIDTH, HEIGHT + noteLines.size() * 16, Labels.text("chart.clusters.title", lang), theme);
    // grid and axes
    s.open("g", "class", "axes", "font-size", 11, "fill", theme.muted);
    for (double v : tx) {
      double px = LEFT + (v - x0) / (x1 - x0) * PLOT_W;
      s.tag("line", "x1", px, "x2", px, "y1", TOP, "y2", TOP + PLOT_H, "stroke", theme.grid, "stroke-width", v == 0 ? 1.5 : 0.7);
      s.text(px, TOP + PLOT_H + 16, tickLabel(v, tx[1] - tx[0]), "text-anchor", "middle");
    }
    for (double v : ty) {
      double py = TOP + PLOT_H - (v - y0) / (y1 - y0) * PLOT_H;
      s.tag("line", "x1", LEFT, "x2", LEFT + PLOT_W, "y1", py, "y2", py, "stroke", theme.grid, "stroke-width", v == 0 ? 1.5 : 0.7);
      s.text(LEFT - 6, py + 4, tickLabel(v, ty[1] - ty[0]), "text-anchor", "end");
    }
    s.label(LEFT + PLOT_W / 2, TOP + PLOT_H + 36, xTitle, 12, PLOT_W, "text-anchor", "middle", "fill", theme.text);
    s.open("text", "x", 0, "y", 0, "font-size", 12, "fill", theme.text, "text-anchor", "middle",
        "transform", "translate(16 " + Svg.num(TOP + PLOT_H / 2) + ") rotate(-90)").content(TextFit.fit(yTitle, 12, PLOT_H))
        .close("text");
    s.close("g");
    // circles, largest first so that small ones stay visible on top
    List<double[]> marks = new ArrayList<>(bins.values());
    marks.sort(Comparator.comparingDouble((double[] b) -> -b[0]).thenComparingDouble(b -> b[3]).thenComparingDouble(b -> b[1])
        .thenComparingDouble(b -> b[2]));
    // see-through fills with a solid ring: a cluster under another one's circle still shows
    s.open("g", "class", "points", "fill-opacity", 0.45, "stroke-width", 1);
    for (double[] b : marks) {
      int c = (int) b[3];
      double r = 1.8 + 10 * Math.sqrt(b[0] / maxCount);
      s.open("circle", "cx", b[1] / b[0], "cy", b[2] / b[0], "r", r, "fill", Theme.category(c), "stroke", Theme.category(c));
      s.title(Labels.text("chart.clusters.tooltip", lang, clusters.get(c).name, Fmt.count((long) b[0])));
      s.close("circle");
    }
    s.close("g");
    // the centre of each cluster, numbered; centres closer than a marker are set around their
    // common point, each with a line to where it really is
    double[][] marker = new double[clusters.size()][];
    for (int c = 0; c < clusters.size(); c++) {
      if (centre[c][0] > 0) {
        marker[c] = new double[] {centre[c][1] / centre[c][0], centre[c][2] / centre[c][0]};
      }
    }
    double[][] at = spread(marker, 20);
    for (int c = 0; c < clusters.size(); c++) {
      if (marker[c] == null) {
        continue;
      }
      double cx = at[c][0];
      double cy = at[c][1];
      s.open("g", "class", "centre");
      s.title(clusters.get(c).name + "\n" + clusters.get(c).detail);
      if (Math.hypot(cx - marker[c][0], cy - marker[c][1]) > 0.5) {
        s.tag("line", "x1", marker[c][0], "y1", marker[c][1], "x2", cx, "y2", cy, "stroke", theme.text, "stroke-width", 1);
        s.tag("circle", "cx", marker[c][0], "cy", marker[c][1], "r", 2, "fill", theme.text);
      }
      s.tag("circle", "cx", cx, "cy", cy, "r", 9, "fill", Theme.category(c), "stroke", theme.text, "stroke-width", 1.5);
      s.text(cx, cy + 4, String.valueOf(c + 1), "font-size", 11, "font-weight", 700, "text-anchor", "middle",
          "fill", Theme.textOn(Theme.category(c)));
      s.close("g");
    }
    // legend
    double lx = LEFT + PLOT_W + 30;
    double ly = TOP + 10;
    double room = WIDTH - lx - 4;
    s.open("g", "class", "legend");
    for (int c = 0; c < clusters.size(); c++) {
      s.tag("circle", "cx", lx + 7, "cy", ly - 4, "r", 7, "fill", Theme.category(c));
      s.label(lx + 20, ly, clusters.get(c).name, 12, room - 20, "font-weight", 700);
      s.label(lx + 20, ly + 16, clusters.get(c).detail, 11, room - 20, "fill", theme.muted);
      ly += Math.min(44, (PLOT_H - 30) / Math.max(1, clusters.size()));
    }
    s.text(lx, TOP + PLOT_H + 16, Labels.text("chart.clusters.area", lang), "font-size", 11,
        "fill", theme.muted);
    s.close("g");
    double ny = HEIGHT + 4;
    for (String line : noteLines) {
      s.text(0, ny, line, "font-size", 11, "fill", theme.muted);
      ny += 16;
    }
    return s.done();
  }

  /**
   * Marker positions: points closer than {@code gap} to another (transitively) are set on a circle
   * around the group's mean, in cluster order from the top, so no marker hides another.
   */
  static double[][] spread(double[][] p, double gap) {
    int n = p.length;
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (p[i] != null && p[j] != null && Math.hypot(p[i][0] - p[j][0], p[i][1] - p[j][1]) < gap) {
          int gi = root(group, i);
          int gj = root(group, j);
          group[Math.max(gi, gj)] = Math.min(gi, gj);
        }
      }
    }
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      if (p[i] == null) {
        continue;
      }
      List<Integer> members = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (p[j] != null && root(group, j) == root(group, i)) {
          members.add(j);
        }
      }
      if (members.size() == 1) {
        out[i] = p[i].clone();
        continue;
      }
      double mx = 0;
      double my = 0;
      for (int j : members) {
        mx += p[j][0] / members.size();
        my += p[j][1] / members.size();
      }
      double r = gap / (2 * Math.sin(Math.PI / Math.max(2, members.size()))) + 2;
      double a = -Math.PI / 2 + 2 * Math.PI * members.indexOf(i) / members.size();
      out[i] = new double[] {mx + r * Math.cos(a), my + r * Math.sin(a)};
    }
    return out;
  }

  private static int root(int[] group, int i) {
    while (group[i] != i) {
      i = group[i];
    }
    return i;
  }

  /** A tick value with the decimals its step needs. */
  static String tickLabel(double v, double step) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    String s = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** Round tick values that cover [lo, hi] with about five intervals. */
  static double[] ticks(double lo, double hi) {
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    double raw = (hi - lo) / 5;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / p <= 1 ? p : raw / p <= 2 ? 2 * p : raw / p <= 5 ? 5 * p : 10 * p;
    double a = Math.floor(lo / step) * step;
    double b = Math.ceil(hi / step) * step;
    int n = (int) Math.round((b - a) / step);
    double[] out = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      out[i] = Math.round((a + i * step) / step) * step;
      if (Math.abs(out[i]) < step * 1e-9) {
        out[i] = 0;
      }
    }
    return out;
  }
}
