package medinsight.render.svg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import medinsight.render.Labels;

/**
 * Association rules as a graph: every item is a node on a circle (grouped and coloured by
 * attribute, area by the item's support), every rule one directed edge. A rule with several items
 * on a side joins them at a point inside the circle, from which the arrow leaves. Edge width is
 * the confidence, edge colour the lift. The circle makes the layout a function of the item list
 * alone: the same rules give the same drawing.
 */
public final class RuleGraph {
  static final double WIDTH = 960;
  static final double HEIGHT = 570;
  static final double CX = 370;
  static final double CY = 282;
  static final double RADIUS = 200;
  static final double LEGEND_X = 730;

  /** One rule: item names ("剂型=颗粒剂"), support, confidence and lift. */
  public static final class Rule {
    final List<String> antecedent;
    final List<String> consequent;
    final double support;
    final double confidence;
    final double lift;

    public Rule(List<String> antecedent, List<String> consequent, double support, double confidence, double lift) {
      this.antecedent = antecedent;
      this.consequent = consequent;
      this.support = support;
      this.confidence = confidence;
      this.lift = lift;
    }
  }

  private RuleGraph() {}

  /** The attribute of an item: the part before "=". */
  static String kind(String item) {
    int eq = item.indexOf('=');
    return eq < 0 ? "" : item.substring(0, eq);
  }

  /** The label of a node: the value, with its attribute when the value alone says little (无, 甲). */
  static String name(String item) {
    int eq = item.indexOf('=');
    if (eq < 0) {
      return item;
    }
    String v = item.substring(eq + 1);
    return v.codePointCount(0, v.length()) <= 1 ? item.substring(0, eq) + "：" + v : v;
  }

  /**
   * Draws the rules. {@code itemSupport} is each item's share of transactions; {@code kinds} is the
   * order of the attributes around the circle (others follow by name).
   */
  public static String render(List<Rule> rules, Map<String, Double> itemSupport, List<String> kinds, List<String> notes,
      Labels.Lang lang, Theme theme) {
    TreeSet<String> distinct = new TreeSet<>();
    for (Rule r : rules) {
      distinct.addAll(r.antecedent);
      distinct.addAll(r.consequent);
    }
    List<String> items = new ArrayList<>(distinct);
    Comparator<String> byKind = Comparator.comparingInt(i -> kinds.contains(kind(i)) ? kinds.indexOf(kind(i)) : kinds.size());
    items.sort(byKind.thenComparing(RuleGraph::kind).thenComparing(i -> -itemSupport.getOrDefault(i, 0.0))
        .thenComparing(Comparator.naturalOrder()));
    // one empty slot between attributes, so that the groups read apart
    List<String> kindOrder = new ArrayList<>();
    for (String i : items) {
      if (!kindOrder.contains(kind(i))) {
        kindOrder.add(kind(i));
      }
    }
    int slots = items.size() + (kindOrder.size() > 1 ? kindOrder.size() : 0);
    Map<String, double[]> pos = new LinkedHashMap<>();
    Map<String, Double> radius = new LinkedHashMap<>();
    double maxSupport = 0;
    for (String i : items) {
      maxSupport = Math.max(maxSupport, itemSupport.getOrDefault(i, 0.0));
    }
    int slot = 0;
    String prevKind = null;
    for (String i : items) {
      if (prevKind != null && !prevKind.equals(kind(i)) && kindOrder.size() > 1) {
        slot++;
      }
      prevKind = kind(i);
      double a = -Math.PI / 2 + 2 * Math.PI * slot / Math.max(1, slots);
      pos.put(i, new double[] {CX + RADIUS * Math.cos(a), CY + RADIUS * Math.sin(a), a});
      double sup = itemSupport.getOrDefault(i, 0.0);
      radius.put(i, 4 + 12 * (maxSupport > 0 ? Math.sqrt(sup / maxSupport) : 0));
      slot++;
    }
    double minLift = Double.POSITIVE_INFINITY;
    double maxLift = Double.NEGATIVE_INFINITY;
    double minConf = Double.POSITIVE_INFINITY;
    double maxConf = Double.NEGATIVE_INFINITY;
    for (Rule r : rules) {
      minLift = Math.min(minLift, r.lift);
      maxLift = Math.max(maxLift, r.lift);
      minConf = Math.min(minConf, r.confidence);
      maxConf = Math.max(maxConf, r.confidence);
    }
    List<String> noteLines = notes.isEmpty() ? List.of() : TextFit.wrap(String.join(" ", notes), 11, WIDTH, 3);
    double height = HEIGHT + noteLines.size() * 16;
    Svg s = new Svg(WIDTH, height, Labels.text("chart.rules.title", lang), theme);
    if (rules.isEmpty()) {
      s.text(CX, CY, Labels.text("chart.rules.none", lang),
          "text-anchor", "middle", "fill", theme.muted);
    }
    // edges first, thickest last so thin ones are not hidden under them
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < rules.size(); k++) {
      order.add(k);
    }
    order.sort(Comparator.comparingDouble((Integer k) -> rules.get(k).confidence).thenComparingInt(k -> -k));
    s.open("g", "class", "edges", "fill", "none", "stroke-linecap", "round");
    for (int k : order) {
      Rule r = rules.get(k);
      double lt = maxLift > minLift ? (r.lift - minLift) / (maxLift - minLift) : 1;
      double ct = maxConf > minConf ? (r.confidence - minConf) / (maxConf - minConf) : 1;
      String colour = theme.scale(0.35 + 0.65 * lt);
      double width = 1 + 4 * ct;
      edge(s, r, pos, radius, colour, width, lang);
    }
    s.close("g");
    for (String i : items) {
      double[] p = pos.get(i);
      double rr = radius.get(i);
      String colour = Theme.category(kindOrder.indexOf(kind(i)));
      s.open("g", "class", "item");
      s.title(i + "\n" + Labels.text("chart.rules.item", lang, Fmt.percent(itemSupport.getOrDefault(i, 0.0))));
      s.tag("circle", "cx", p[0], "cy", p[1], "r", rr, "fill", colour, "stroke", theme.page, "stroke-width", 1.5);
      double cos = Math.cos(p[2]);
      double sin = Math.sin(p[2]);
      double lr = RADIUS + rr + 6;
      String anchor = cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle";
      double ly = CY + lr * sin + (sin > 0.9 ? 12 : sin < -0.9 ? -4 : 4);
      // the label may use the room up to the drawing's left edge or the legend
      double lx = CX + lr * cos;
      double room = anchor.equals("end") ? lx - 4 : anchor.equals("start") ? LEGEND_X - 12 - lx
          : 2 * Math.min(lx - 4, LEGEND_X - 12 - lx);
      s.label(lx, ly, name(i), 12, room, "text-anchor", anchor);
      s.close("g");
    }
    legend(s, kindOrder, minLift, maxLift, minConf, maxConf, rules.size(), lang, theme);
    double ny = HEIGHT + 4;
    for (String line : noteLines) {
      s.text(0, ny, line, "font-size", 11, "fill", theme.muted);
      ny += 16;
    }
    return s.done();
  }

  /** One rule: curves from each antecedent into a joint, curves from the joint to each consequent, arrowheads. */
  private static void edge(Svg s, Rule r, Map<String, double[]> pos, Map<String, Double> radius, String colour, double width,
      Labels.Lang lang) {
    double mx = 0;
    double my = 0;
    int n = 0;
    for (List<String> side : List.of(r.antecedent, r.consequent)) {
      for (String i : side) {
        mx += pos.get(i)[0];
        my += pos.get(i)[1];
        n++;
      }
    }
    mx /= n;
    my /= n;
    // the joint: the items' centroid pulled towards the centre of the circle
    double jx = CX + (mx - CX) * 0.45;
    double jy = CY + (my - CY) * 0.45;
    StringBuilder d = new StringBuilder();
    for (String i : r.antecedent) {
      double[] p = pos.get(i);
      double[] from = towards(p, jx, jy, radius.get(i) + 2);
      double[] c = control(from[0], from[1], jx, jy);
      d.append("M").append(Svg.num(from[0])).append(' ').append(Svg.num(from[1])).append("Q").append(Svg.num(c[0])).append(' ')
          .append(Svg.num(c[1])).append(' ').append(Svg.num(jx)).append(' ').append(Svg.num(jy));
    }
    List<double[]> heads = new ArrayList<>();
    double head = 5 + width * 1.2;
    for (String i : r.consequent) {
      double[] p = pos.get(i);
      double[] tip = towards(p, jx, jy, radius.get(i) + 2);
      double[] c = control(jx, jy, tip[0], tip[1]);
      // the line stops at the arrowhead's base
      double dx = tip[0] - c[0];
      double dy = tip[1] - c[1];
      double len = Math.max(1e-9, Math.hypot(dx, dy));
      double ux = dx / len;
      double uy = dy / len;
      double bx = tip[0] - ux * head;
      double by = tip[1] - uy * head;
      d.append("M").append(Svg.num(jx)).append(' ').append(Svg.num(jy)).append("Q").append(Svg.num(c[0])).append(' ')
          .append(Svg.num(c[1])).append(' ').append(Svg.num(bx)).append(' ').append(Svg.num(by));
      heads.add(new double[] {tip[0], tip[1], ux, uy});
    }
    s.open("g", "class", "rule");
    s.title(String.join(" + ", r.antecedent) + " → " + String.join(" + ", r.consequent) + "\n"
        + Labels.text("chart.rules.rule", lang, Fmt.percent(r.support), Fmt.percent(r.confidence), Svg.num(r.lift)));
    s.tag("path", "d", d.toString(), "stroke", colour, "stroke-width", width, "stroke-opacity", 0.8);
    for (double[] h : heads) {
      double hw = head * 0.55;
      double bx = h[0] - h[2] * head;
      double by = h[1] - h[3] * head;
      String pts = Svg.num(h[0]) + "," + Svg.num(h[1]) + " " + Svg.num(bx - h[3] * hw) + "," + Svg.num(by + h[2] * hw) + " "
          + Svg.num(bx + h[3] * hw) + "," + Svg.num(by - h[2] * hw);
      s.tag("polygon", "points", pts, "fill", colour, "stroke", "none");
    }
    s.close("g");
  }

  /** The point at distance d from p towards (x, y). */
  private static double[] towards(double[] p, double x, double y, double d) {
    double dx = x - p[0];
    double dy = y - p[1];
    double len = Math.max(1e-9, Math.hypot(dx, dy));
    return new double[] {p[0] + dx / len * d, p[1] + dy / len * d};
  }

  /** A control point that bends the segment towards the centre of the circle. */
  private static double[] control(double x1, double y1, double x2, double y2) {
    double mx = (x1 + x2) / 2;
    double my = (y1 + y2) / 2;
    return new double[] {mx + (CX - mx) * 0.25, my + (CY - my) * 0.25};
  }

  private static void legend(Svg s, List<String> kinds, double minLift, double maxLift, double minConf, double maxConf, int rules,
      Labels.Lang lang, Theme theme) {
    double x = LEGEND_X;
    double y = 40;
    s.open("g", "class", "legend", "font-size", 12);
    s.text(x, y, Labels.text("chart.rules.legend_nodes", lang), "font-weight", 700);
    y += 22;
    for (int k = 0; k < kinds.size(); k++) {
      s.tag("circle", "cx", x + 7, "cy", y - 4, "r", 6, "fill", Theme.category(k));
      s.label(x + 20, y, kinds.get(k).isEmpty() ? Labels.text("chart.rules.legend_other", lang) : kinds.get(k), 12, WIDTH - x - 24);
      y += 20;
    }
    s.text(x, y + 2, Labels.text("chart.rules.legend_area", lang), "fill", theme.muted);
    y += 34;
    s.text(x, y, Labels.text("chart.rules.legend_edges", lang), "font-weight", 700);
    y += 20;
    s.text(x, y, Labels.text("chart.rules.legend_meet", lang), "font-size", 11,
        "fill", theme.muted);
    y += 22;
    if (rules > 0) {
      s.text(x, y, Labels.text("chart.rules.legend_colour", lang), "fill", theme.muted);
      y += 10;
      int steps = 20;
      for (int k = 0; k < steps; k++) {
        s.tag("rect", "x", x + k * 180.0 / steps, "y", y, "width", 180.0 / steps + 0.3, "height", 10,
            "fill", theme.scale(0.35 + 0.65 * (k + 0.5) / steps));
      }
      y += 24;
      s.text(x, y, Svg.num(minLift), "font-size", 11, "fill", theme.muted);
      s.text(x + 180, y, Svg.num(maxLift), "font-size", 11, "fill", theme.muted, "text-anchor", "end");
      y += 24;
      s.text(x, y, Labels.text("chart.rules.legend_width", lang), "fill", theme.muted);
      y += 18;
      for (int k = 0; k < 2; k++) {
        double w = k == 0 ? 1 : 5;
        s.tag("line", "x1", x, "x2", x + 60, "y1", y, "y2", y, "stroke", theme.muted, "stroke-width", w);
        s.text(x + 70, y + 4, Fmt.percent(k == 0 ? minConf : maxConf), "font-size", 11, "fill", theme.muted);
        y += 18;
      }
    }
    s.close("g");
  }
}
