package medinsight.render.svg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import medinsight.render.Labels;

/**
 * A treemap: area proportional to value, laid out with the squarified algorithm (Bruls, Huizing
 * and van Wijk) so tiles stay close to square and their labels fit. Groups get a header strip with
 * their name; leaves are shades of their top-level group's colour.
 */
public final class Treemap {
  static final double WIDTH = 960;
  static final double HEIGHT = 540;
  static final double HEADER = 20;

  /** A node of the tree: a leaf's value is its own, a group's the sum of its children. */
  public static final class Node {
    public final String label;
    private final double own;
    public final List<Node> children = new ArrayList<>();

    public Node(String label, double value) {
      this.label = label;
      this.own = value;
    }

    public Node add(Node child) {
      children.add(child);
      return this;
    }

    public double value() {
      if (children.isEmpty()) {
        return own;
      }
      double v = 0;
      for (Node c : children) {
        v += c.value();
      }
      return v;
    }
  }

  /** A rectangle: x, y, width, height. */
  public static final class Rect {
    public final double x;
    public final double y;
    public final double w;
    public final double h;

    Rect(double x, double y, double w, double h) {
      this.x = x;
      this.y = y;
      this.w = w;
      this.h = h;
    }
  }

  private Treemap() {}

  /** Children with a positive value, largest first (ties by label), as they are laid out. */
  static List<Node> ordered(Node n) {
    List<Node> out = new ArrayList<>();
    for (Node c : n.children) {
      if (c.value() > 0) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparingDouble((Node c) -> -c.value()).thenComparing(c -> c.label));
    return out;
  }

  /**
   * Squarified layout of values (largest first) in the box: one rectangle per value, in the same
   * order, areas proportional to the values, together tiling the box.
   */
  public static List<Rect> squarify(double[] values, double x, double y, double w, double h) {
    List<Rect> out = new ArrayList<>();
    double total = 0;
    for (double v : values) {
      total += v;
    }
    if (values.length == 0 || total <= 0 || w <= 0 || h <= 0) {
      return out;
    }
    double[] a = new double[values.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = values[i] / total * w * h;
    }
    int i = 0;
    while (i < a.length) {
      double side = Math.min(w, h);
      int j = i;
      double sum = 0;
      double worst = Double.POSITIVE_INFINITY;
      // add to the row while its worst aspect ratio improves
      while (j < a.length) {
        double s = sum + a[j];
        double r = worst(a, i, j + 1, s, side);
        if (j > i && r > worst) {
          break;
        }
        worst = r;
        sum = s;
        j++;
      }
      boolean last = j == a.length;
      if (w >= h) {
        // the row is a column on the left
        double cw = last ? w : sum / h;
        double yy = y;
        for (int k = i; k < j; k++) {
          double hk = k == j - 1 ? y + h - yy : a[k] / sum * h;
          out.add(new Rect(x, yy, cw, hk));
          yy += hk;
        }
        x += cw;
        w -= cw;
      } else {
        // the row is a strip along the top
        double rh = last ? h : sum / w;
        double xx = x;
        for (int k = i; k < j; k++) {
          double wk = k == j - 1 ? x + w - xx : a[k] / sum * w;
          out.add(new Rect(xx, y, wk, rh));
          xx += wk;
        }
        y += rh;
        h -= rh;
      }
      i = j;
    }
    return out;
  }

  private static double worst(double[] a, int from, int to, double sum, double side) {
    double s2 = sum * sum;
    double w2 = side * side;
    double worst = 0;
    for (int k = from; k < to; k++) {
      worst = Math.max(worst, Math.max(w2 * a[k] / s2, s2 / (w2 * a[k])));
    }
    return worst;
  }

  /**
   * Renders the tree's children (the root itself is not drawn; its label, if any, starts the path
   * in the tooltips).
   */
  public static String render(Node root, String title, String valueLabel, List<String> notes, Labels.Lang lang, Theme theme) {
    List<String> noteLines = notes.isEmpty() ? List.of() : TextFit.wrap(String.join(" ", notes), 11, WIDTH, 2);
    double height = HEIGHT + (noteLines.isEmpty() ? 0 : 8 + noteLines.size() * 16);
    Svg s = new Svg(WIDTH, height, title, theme);
    double total = root.value();
    List<Node> top = ordered(root);
    List<Rect> rects = squarify(values(top), 0, 0, WIDTH, HEIGHT);
    for (int i = 0; i < top.size(); i++) {
      draw(s, top.get(i), rects.get(i), Theme.category(i), root.label, total, valueLabel, lang, theme, 0);
    }
    double ny = HEIGHT + 20;
    for (String line : noteLines) {
      s.text(0, ny, line, "font-size", 11, "fill", theme.muted);
      ny += 16;
    }
    return s.done();
  }

  private static double[] values(List<Node> nodes) {
    double[] v = new double[nodes.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = nodes.get(i).value();
    }
    return v;
  }

  /**
   * Path, value and share. A group's value is the sum of its tiles, which may count an item once
   * per category it sits in, so it is called a sum and not shown as the group's own count.
   */
  private static String tooltip(String path, Node n, double total, String valueLabel, Labels.Lang lang) {
    return path + "\n" + Labels.text(n.children.isEmpty() ? "chart.treemap.tooltip" : "chart.treemap.tooltip_sum", lang, valueLabel,
        Fmt.count(Math.round(n.value())), Fmt.percent(n.value() / total));
  }

  private static void draw(Svg s, Node n, Rect r, String colour, String parentPath, double total, String valueLabel,
      Labels.Lang lang, Theme theme, int shade) {
    String path = parentPath.isEmpty() ? n.label : parentPath + " › " + n.label;
    List<Node> kids = ordered(n);
    if (kids.isEmpty()) {
      // shades of the group's colour, mixed towards the page so neighbours differ
      String fill = Theme.mix(colour, theme.page, (shade % 4) * 0.14);
      s.open("rect", "class", "leaf", "x", r.x, "y", r.y, "width", r.w, "height", r.h, "fill", fill, "stroke", theme.page,
          "stroke-width", 1);
      s.title(tooltip(path, n, total, valueLabel, lang));
      s.close("rect");
      leafLabel(s, n, r, Theme.textOn(fill));
      return;
    }
    s.open("rect", "class", "group", "x", r.x, "y", r.y, "width", r.w, "height", r.h, "fill", colour, "stroke", theme.page,
        "stroke-width", 2);
    s.title(tooltip(path, n, total, valueLabel, lang));
    s.close("rect");
    boolean header = r.h > HEADER * 2 && r.w > 40;
    double hy = header ? HEADER : 0;
    if (header) {
      String shown = TextFit.fit(n.label, 12, r.w - 10);
      if (readable(shown)) {
        // the group's rectangle carries the full name in its title; the text lets the pointer through
        s.open("text", "x", r.x + 5, "y", r.y + 14, "font-size", 12, "font-weight", 700, "fill", Theme.textOn(colour),
            "pointer-events", "none").content(shown).close("text");
      }
    }
    List<Rect> rects = squarify(values(kids), r.x + 1, r.y + hy, r.w - 2, r.h - hy - 1);
    for (int i = 0; i < kids.size(); i++) {
      draw(s, kids.get(i), rects.get(i), colour, path, total, valueLabel, lang, theme, i);
    }
  }

  /** A cut label says something only with two characters before the "…". */
  static boolean readable(String shown) {
    return !shown.isEmpty() && (!shown.endsWith(TextFit.ELLIPSIS) || shown.codePointCount(0, shown.length()) >= 3);
  }

  /** Name (wrapped to the lines that fit) and value, when the tile is big enough for them. */
  private static void leafLabel(Svg s, Node n, Rect r, String colour) {
    double size = r.w > 90 && r.h > 44 ? 13 : 11;
    double line = size + 3;
    int maxLines = (int) Math.floor((r.h - 8) / line);
    if (maxLines < 1 || r.w < size + 8) {
      return;
    }
    boolean withValue = maxLines >= 2;
    List<String> lines = TextFit.wrap(n.label, size, r.w - 8, withValue ? Math.min(3, maxLines - 1) : 1);
    if (lines.isEmpty() || !readable(lines.get(0))) {
      return;
    }
    // the tile's rectangle carries the full name in its title; the text lets the pointer through
    s.open("g", "class", "leaf-label", "font-size", size, "fill", colour, "pointer-events", "none");
    double y = r.y + 4 + size;
    for (String l : lines) {
      s.text(r.x + 4, y, l);
      y += line;
    }
    if (withValue) {
      s.label(r.x + 4, y, Fmt.count(Math.round(n.value())), size - 1, r.w - 8);
    }
    s.close("g");
  }
}
