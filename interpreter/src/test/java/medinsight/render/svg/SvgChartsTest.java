package medinsight.render.svg;

import static medinsight.render.svg.SvgCheck.byClass;
import static medinsight.render.svg.SvgCheck.check;
import static medinsight.render.svg.SvgCheck.num;
import static medinsight.render.svg.SvgCheck.text;
import static medinsight.render.svg.SvgCheck.title;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medinsight.analysis.ResultTable;
import medinsight.render.Labels;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The charts on small hand-made inputs whose geometry is worked out by hand. */
class SvgChartsTest {
  static final Labels.Lang ZH = Labels.Lang.ZH;
  static final String LONG = "除性激素和胰岛素外的全身激素制剂及其他非常非常长的中文分类名称用于检查截断";

  @Test
  void textIsMeasuredCutAndWrapped() {
    assertEquals(48, TextFit.width("阿莫西林", 12), 1e-9);
    assertEquals(3 * 0.55 * 10, TextFit.width("abc", 10), 1e-9);
    String cut = TextFit.fit(LONG, 12, 100);
    assertTrue(cut.endsWith("…"), cut);
    assertTrue(TextFit.width(cut, 12) <= 100, cut);
    assertTrue(LONG.startsWith(cut.substring(0, cut.length() - 1)), cut);
    assertEquals("", TextFit.fit("阿莫西林", 12, 10));
    assertEquals("阿莫西林", TextFit.fit("阿莫西林", 12, 48));
    // even lines: no line left with one character
    assertEquals(List.of("口服液", "体剂"), TextFit.wrap("口服液体剂", 12, 50, 2));
    assertEquals(List.of("口服常", "释剂型"), TextFit.wrap("口服常释剂型", 12, 50, 2));
    assertEquals(List.of("注射剂"), TextFit.wrap("注射剂", 12, 50, 2));
    List<String> two = TextFit.wrap(LONG, 12, 60, 2);
    assertEquals(2, two.size());
    assertTrue(two.get(1).endsWith("…"));
    assertEquals(List.of("Shannon", "index"), TextFit.wrap("Shannon index", 12, 60, 2));
    // no line starts with a comma: it stays with the line before
    assertEquals(List.of("甲类乙类，", "丙类"), TextFit.wrap("甲类乙类，丙类", 12, 60, 2));
    assertEquals(List.of("甲类乙", "类，丙类"), TextFit.wrap("甲类乙类，丙类", 12, 48, 2));
  }

  @Test
  void markupIsEscaped() throws Exception {
    String evil = "<script>alert('x')</script> & \"引号\" \n%table a\tb";
    Treemap.Node root = new Treemap.Node("", 0).add(new Treemap.Node(evil, 3)).add(new Treemap.Node("B", 1));
    String svg = Treemap.render(root, evil, "品种数", List.of(evil), ZH, Theme.LIGHT);
    Document d = check(svg);
    assertTrue(title(byClass(d, "leaf").get(0)).contains("<script>alert('x')</script> & \"引号\""));
    assertEquals(evil.replace('\n', ' ').replace('\t', ' '), d.getDocumentElement().getAttribute("aria-label"));
  }

  @Test
  void squarifiedLayoutOfThePapersExample() {
    // Bruls, Huizing and van Wijk's example: values 6 6 4 3 2 2 1 in a 6 × 4 box (area 24)
    double[] v = {6, 6, 4, 3, 2, 2, 1};
    List<Treemap.Rect> r = Treemap.squarify(v, 0, 0, 6, 4);
    assertEquals(7, r.size());
    // first row: the two 6s stacked in a column 3 wide on the left
    assertRect(r.get(0), 0, 0, 3, 2);
    assertRect(r.get(1), 0, 2, 3, 2);
    // second row: 4 and 3 along the top of the remaining 3 × 4, 7/3 high
    assertRect(r.get(2), 3, 0, 12.0 / 7, 7.0 / 3);
    assertRect(r.get(3), 3 + 12.0 / 7, 0, 9.0 / 7, 7.0 / 3);
    assertTiles(r, v, 0, 0, 6, 4);
  }

  @Test
  void squarifiedLayoutTilesAnyBox() {
    double[] v = {500, 120, 120, 80, 33, 20, 7, 3, 1, 1};
    assertTiles(Treemap.squarify(v, 10, 20, 960, 540), v, 10, 20, 960, 540);
    assertTiles(Treemap.squarify(v, 0, 0, 100, 700), v, 0, 0, 100, 700);
    assertTiles(Treemap.squarify(new double[] {1}, 0, 0, 5, 5), new double[] {1}, 0, 0, 5, 5);
  }

  static void assertRect(Treemap.Rect r, double x, double y, double w, double h) {
    assertEquals(x, r.x, 1e-9);
    assertEquals(y, r.y, 1e-9);
    assertEquals(w, r.w, 1e-9);
    assertEquals(h, r.h, 1e-9);
  }

  /** Areas proportional to the values, inside the box, no two overlapping, together the whole box. */
  static void assertTiles(List<Treemap.Rect> r, double[] v, double x, double y, double w, double h) {
    double total = 0;
    for (double e : v) {
      total += e;
    }
    double area = 0;
    for (int i = 0; i < r.size(); i++) {
      Treemap.Rect a = r.get(i);
      assertEquals(v[i] / total * w * h, a.w * a.h, 1e-6 * w * h, "area of " + i);
      assertTrue(a.x >= x - 1e-9 && a.y >= y - 1e-9 && a.x + a.w <= x + w + 1e-9 && a.y + a.h <= y + h + 1e-9, "inside " + i);
      area += a.w * a.h;
      for (int j = 0; j < i; j++) {
        Treemap.Rect b = r.get(j);
        double ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
        double oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
        assertTrue(ox <= 1e-9 || oy <= 1e-9, "tiles " + i + " and " + j + " overlap");
      }
    }
    assertEquals(w * h, area, 1e-6 * w * h);
  }

  static double area(Element rect) {
    return num(rect, "width") * num(rect, "height");
  }

  @Test
  void treemapAreasFollowTheValuesAndLongNamesAreCut() throws Exception {
    Treemap.Node root = new Treemap.Node("西药", 0)
        .add(new Treemap.Node("甲组", 0).add(new Treemap.Node("A1", 30)).add(new Treemap.Node("A2", 10)))
        .add(new Treemap.Node("乙组", 0).add(new Treemap.Node("B1", 15)).add(new Treemap.Node(LONG, 5)))
        .add(new Treemap.Node("丙", 20))
        .add(new Treemap.Node("空", 0));
    String svg = Treemap.render(root, "分类", "品种数", List.of("说明"), ZH, Theme.LIGHT);
    Document d = check(svg);
    List<Element> groups = byClass(d, "group");
    List<Element> leaves = byClass(d, "leaf");
    assertEquals(2, groups.size());
    assertEquals(5, leaves.size(), "zero-valued nodes take no tile");
    double box = Treemap.WIDTH * Treemap.HEIGHT;
    Map<String, Element> byName = new HashMap<>();
    for (Element e : leaves) {
      byName.put(title(e).split("\n")[0], e);
    }
    // top level: groups and the single leaf share the box by value (40 : 20 : 20 of 80)
    assertEquals(box * 40 / 80, area(groups.get(0)), 1e-3 * box);
    assertEquals(box * 20 / 80, area(groups.get(1)), 1e-3 * box);
    assertEquals(box * 20 / 80, area(byName.get("西药 › 丙")), 1e-3 * box);
    // inside a group: children in proportion to their values (30 : 10)
    assertEquals(3.0, area(byName.get("西药 › 甲组 › A1")) / area(byName.get("西药 › 甲组 › A2")), 1e-6);
    assertEquals(3.0, area(byName.get("西药 › 乙组 › B1")) / area(byName.get("西药 › 乙组 › " + LONG)), 1e-6);
    assertTrue(title(byName.get("西药 › 甲组 › A1")).contains("品种数 30（占 37.5%）"), title(byName.get("西药 › 甲组 › A1")));
    assertTrue(title(groups.get(0)).contains("各分类品种数之和 40"), title(groups.get(0)));
    // the long name is cut with … on its tile; the tile's title holds it whole
    boolean cut = false;
    for (Element l : byClass(d, "leaf-label")) {
      String shown = text(l);
      if (shown.contains("…")) {
        cut = true;
        assertTrue(LONG.startsWith(shown.substring(0, shown.indexOf('…')).replace(" ", "").substring(0, 4)), shown);
      }
    }
    assertTrue(cut, "the long name was not cut");
  }

  static Heatmap.Data heat(long[][] v, List<String> cols) {
    return new Heatmap.Data(List.of("甲类", "乙类", "丙类"), cols, v, "产品数", "剂型", List.of("共 4 种剂型"));
  }

  @Test
  void heatmapHasOneCellPerPairAndTheLargestIsTheTopOfTheScale() throws Exception {
    long[][] v = {{10, 0, 400, 3}, {90, 160, 40, 0}, {0, 0, 1, 0}};
    List<String> cols = List.of("口服常释剂型", "注射剂", LONG, "丸剂");
    for (Theme theme : Theme.values()) {
      Document d = check(Heatmap.render(heat(v, cols), ZH, theme));
      List<Element> cells = byClass(d, "cell");
      assertEquals(3 * 4, cells.size());
      // row by row: the largest count (400, row 0, column 2) has the top colour, zeros the bottom one
      assertEquals(theme.scaleTop(), cells.get(2).getAttribute("fill"));
      assertEquals(theme.scaleBottom(), cells.get(1).getAttribute("fill"));
      Set<String> fills = new HashSet<>();
      for (Element c : cells) {
        fills.add(c.getAttribute("fill"));
        assertTrue(num(c, "width") > 0 && num(c, "height") > 0);
      }
      assertTrue(fills.size() >= 6, "counts get different colours: " + fills);
      // the counts are written in the cells, each readable on its colour
      List<Element> texts = new ArrayList<>();
      for (Element t : elements(d, "text")) {
        if ("none".equals(t.getAttribute("pointer-events"))) {
          texts.add(t);
        }
      }
      assertEquals(12, texts.size());
      for (int i = 0; i < 12; i++) {
        assertEquals(Fmt.count(v[i / 4][i % 4]), text(texts.get(i)));
        assertTrue(Theme.contrast(texts.get(i).getAttribute("fill"), cells.get(i).getAttribute("fill")) >= 4.5);
      }
      assertTrue(title(cells.get(2)).contains("400"), title(cells.get(2)));
      // the long form name is cut, its full text in the header's title
      Element longHeader = byClass(d, "col-label").get(2);
      assertEquals(LONG, title(longHeader));
      assertTrue(text(longHeader).endsWith("…"), text(longHeader));
      List<Element> totals = byClass(d, "total");
      assertEquals(List.of("100", "160", "441", "3"), List.of(text(totals.get(0)), text(totals.get(1)), text(totals.get(2)),
          text(totals.get(3))));
    }
  }

  @Test
  void heatmapTicksAreRoundAndOnTheScale() {
    assertEquals(List.of(0L, 800L, 3200L, 7100L, 12629L), Heatmap.ticks(12629));
    assertEquals(List.of(0L), Heatmap.ticks(0));
    assertEquals(1.0, Heatmap.position(12629, 12629), 0);
    assertEquals(0.5, Heatmap.position(25, 100), 1e-12);
  }

  static List<Element> elements(Document d, String name) {
    List<Element> out = new ArrayList<>();
    org.w3c.dom.NodeList l = d.getElementsByTagNameNS("*", name);
    for (int i = 0; i < l.getLength(); i++) {
      out.add((Element) l.item(i));
    }
    return out;
  }

  static List<RuleGraph.Rule> rules() {
    return List.of(
        new RuleGraph.Rule(List.of("剂型=颗粒剂"), List.of("类别=乙"), 0.2, 0.9, 2.5),
        new RuleGraph.Rule(List.of("剂型=颗粒剂", "限定=无"), List.of("分类=内科用药"), 0.1, 0.7, 1.8),
        new RuleGraph.Rule(List.of("类别=乙"), List.of("分类=内科用药", "企业=" + LONG), 0.05, 0.6, 1.2));
  }

  static Map<String, Double> support() {
    Map<String, Double> s = new HashMap<>();
    s.put("剂型=颗粒剂", 0.3);
    s.put("类别=乙", 0.6);
    s.put("限定=无", 0.8);
    s.put("分类=内科用药", 0.25);
    s.put("企业=" + LONG, 0.06);
    return s;
  }

  @Test
  void ruleGraphHasANodePerItemAndAnEdgePerRule() throws Exception {
    String svg = RuleGraph.render(rules(), support(), List.of("剂型", "类别", "分类", "限定", "企业"), List.of("说明"), ZH,
        Theme.LIGHT);
    Document d = check(svg);
    List<Element> items = byClass(d, "item");
    List<Element> edges = byClass(d, "rule");
    assertEquals(5, items.size());
    assertEquals(3, edges.size());
    Map<String, Element> byRule = new HashMap<>();
    for (Element e : edges) {
      byRule.put(title(e).split("\n")[0], e);
      // each edge is one path
      assertEquals(1, e.getElementsByTagNameNS("*", "path").getLength());
    }
    Element two = byRule.get("剂型=颗粒剂 + 限定=无 → 分类=内科用药");
    assertTrue(title(two).contains("支持度 10%  置信度 70%  提升度 1.8"), title(two));
    // two antecedents meet at a joint: two curves in, one out, one arrowhead
    assertEquals(3, two.getElementsByTagNameNS("*", "path").item(0).getAttributes().getNamedItem("d").getNodeValue().split("M").length - 1);
    assertEquals(1, two.getElementsByTagNameNS("*", "polygon").getLength());
    // two consequents: two arrowheads
    assertEquals(2, byRule.get("类别=乙 → 分类=内科用药 + 企业=" + LONG).getElementsByTagNameNS("*", "polygon").getLength());
    // the most confident rule is the widest line
    double widest = 0;
    String widestRule = null;
    for (Element e : edges) {
      double w = num((Element) e.getElementsByTagNameNS("*", "path").item(0), "stroke-width");
      if (w > widest) {
        widest = w;
        widestRule = title(e);
      }
    }
    assertTrue(widestRule.startsWith("剂型=颗粒剂 → 类别=乙"), widestRule);
    // node areas follow support: 限定=无 (0.8) is the largest circle
    double biggest = 0;
    String biggestItem = null;
    for (Element i : items) {
      double r = num((Element) i.getElementsByTagNameNS("*", "circle").item(0), "r");
      if (r > biggest) {
        biggest = r;
        biggestItem = title(i);
      }
    }
    assertTrue(biggestItem.startsWith("限定=无"), biggestItem);
    // short values carry their attribute; the long manufacturer is cut, whole in the titles
    Set<String> labels = new HashSet<>();
    for (Element i : items) {
      labels.add(text((Element) i.getElementsByTagNameNS("*", "text").item(0)));
    }
    assertTrue(labels.contains("限定：无") && labels.contains("类别：乙") && labels.contains("颗粒剂") && labels.contains("内科用药"),
        labels.toString());
    Element maker = items.get(4);
    assertTrue(title(maker).startsWith("企业=" + LONG), title(maker));
    Element makerLabel = (Element) maker.getElementsByTagNameNS("*", "text").item(0);
    assertTrue(text(makerLabel).endsWith("…"), text(makerLabel));
    assertEquals(LONG, title(makerLabel));
  }

  @Test
  void sameInputSameDrawing() {
    List<String> kinds = List.of("剂型", "类别", "分类", "限定", "企业");
    assertEquals(RuleGraph.render(rules(), support(), kinds, List.of(), ZH, Theme.LIGHT),
        RuleGraph.render(new ArrayList<>(rules()), new HashMap<>(support()), kinds, List.of(), ZH, Theme.LIGHT));
    assertNotEquals(RuleGraph.render(rules(), support(), kinds, List.of(), ZH, Theme.LIGHT),
        RuleGraph.render(rules(), support(), kinds, List.of(), ZH, Theme.DARK));
    long[][] v = {{1, 2}, {3, 4}, {5, 6}};
    assertEquals(Heatmap.render(heat(v, List.of("a", "b")), ZH, Theme.LIGHT), Heatmap.render(heat(v, List.of("a", "b")), ZH, Theme.LIGHT));
    double[][] xy = points();
    assertEquals(ClusterScatter.render(xy, ones(xy), clusterOf(xy), legend(), "x", "y", List.of(), ZH, Theme.LIGHT),
        ClusterScatter.render(xy, ones(xy), clusterOf(xy), legend(), "x", "y", List.of(), ZH, Theme.LIGHT));
  }

  @Test
  void emptyRuleListSaysSo() throws Exception {
    Document d = check(RuleGraph.render(List.of(), Map.of(), List.of(), List.of(), ZH, Theme.LIGHT));
    assertTrue(d.getDocumentElement().getTextContent().contains("没有满足条件的规则"));
    assertEquals(0, byClass(d, "rule").size());
  }

  @Test
  void kpiCardsShowTheTableValues() throws Exception {
    ResultTable t = new ResultTable("核心指标").count("entries").percent("jia_variety_share").count("products")
        .add(3826L, 0.2023, 50356L).note("说明");
    Document d = check(KpiCards.render(t, ZH, Theme.LIGHT));
    List<Element> values = byClass(d, "kpi-value");
    List<Element> labels = byClass(d, "kpi-label");
    assertEquals(List.of("3,826", "20.2%", "50,356"), List.of(text(values.get(0)), text(values.get(1)), text(values.get(2))));
    assertEquals(List.of("条目数", "甲类品种占比", "产品数"), List.of(text(labels.get(0)), text(labels.get(1)), text(labels.get(2))));
    // the share card has a bar filled to the share
    Element card = byClass(d, "kpi").get(1);
    List<Element> rects = new ArrayList<>();
    org.w3c.dom.NodeList rl = card.getElementsByTagNameNS("*", "rect");
    for (int i = 0; i < rl.getLength(); i++) {
      rects.add((Element) rl.item(i));
    }
    assertEquals(4, rects.size());
    assertEquals(0.2023, num(rects.get(3), "width") / num(rects.get(2), "width"), 0.001);
    Document en = check(KpiCards.render(t, Labels.Lang.EN, Theme.DARK));
    assertEquals("Entries", text(byClass(en, "kpi-label").get(0)));
  }

  static double[][] points() {
    double[][] xy = new double[300][];
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int i = 0; i < xy.length; i++) {
      int c = i % 3;
      xy[i] = new double[] {c * 3 + r.nextDouble(), (c == 1 ? 2 : 0) + r.nextDouble()};
    }
    // a pile: 50 products at one point
    for (int i = 0; i < 50; i++) {
      xy[i * 3] = new double[] {0.5, 0.5};
    }
    return xy;
  }

  static long[] ones(double[][] xy) {
    long[] n = new long[xy.length];
    java.util.Arrays.fill(n, 1);
    return n;
  }

  static int[] clusterOf(double[][] xy) {
    int[] c = new int[xy.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = i % 3;
    }
    return c;
  }

  static List<ClusterScatter.Cluster> legend() {
    return List.of(new ClusterScatter.Cluster("类 1", "甲 · 注射剂"), new ClusterScatter.Cluster("类 2", "乙 · 颗粒剂"),
        new ClusterScatter.Cluster("类 3", LONG));
  }

  @Test
  void clusterMapCountsEveryPoint() throws Exception {
    double[][] xy = points();
    Document d = check(ClusterScatter.render(xy, ones(xy), clusterOf(xy), legend(), "主成分 1", "主成分 2", List.of("说明"), ZH, Theme.LIGHT));
    Element points = byClass(d, "points").get(0);
    org.w3c.dom.NodeList circles = points.getElementsByTagNameNS("*", "circle");
    assertTrue(circles.getLength() < xy.length, "piled points share a circle");
    long[] perCluster = new long[3];
    double pileRadius = 0;
    for (int i = 0; i < circles.getLength(); i++) {
      Element c = (Element) circles.item(i);
      String t = title(c);
      int cluster = Integer.parseInt(t.substring(2, 3)) - 1;
      long n = Long.parseLong(t.replaceAll(".*：([0-9,]+) 个产品", "$1").replace(",", ""));
      perCluster[cluster] += n;
      assertEquals(Theme.category(cluster), c.getAttribute("fill"));
      if (n >= 50) {
        pileRadius = num(c, "r");
      }
    }
    assertEquals(List.of(100L, 100L, 100L), List.of(perCluster[0], perCluster[1], perCluster[2]));
    assertTrue(pileRadius > 8, "the pile of 50 is the biggest circle");
    assertEquals(3, byClass(d, "centre").size());
    // the legend's long detail is cut, whole in its title
    boolean cut = false;
    for (Element t : elements(d, "text")) {
      if (LONG.equals(title(t))) {
        cut = text(t).endsWith("…");
      }
    }
    assertTrue(cut);
  }

  @Test
  void weightedPointsDrawAsTheirCopies() throws Exception {
    // the distinct points with their counts draw the same SVG as every point written out
    double[][] xy = points();
    int[] cluster = clusterOf(xy);
    Map<String, Integer> index = new java.util.LinkedHashMap<>();
    List<double[]> distinct = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<Integer> clusters = new ArrayList<>();
    for (int i = 0; i < xy.length; i++) {
      String key = xy[i][0] + "," + xy[i][1] + "," + cluster[i];
      Integer at = index.get(key);
      if (at == null) {
        index.put(key, distinct.size());
        distinct.add(xy[i]);
        counts.add(1L);
        clusters.add(cluster[i]);
      } else {
        counts.set(at, counts.get(at) + 1);
      }
    }
    assertTrue(distinct.size() < xy.length - 40, "the pile is one weighted point");
    String weighted = ClusterScatter.render(distinct.toArray(new double[0][]), counts.stream().mapToLong(Long::longValue).toArray(),
        clusters.stream().mapToInt(Integer::intValue).toArray(), legend(), "x", "y", List.of("说明"), ZH, Theme.LIGHT);
    assertEquals(ClusterScatter.render(xy, ones(xy), cluster, legend(), "x", "y", List.of("说明"), ZH, Theme.LIGHT), weighted);
    // and a count is the number of products, not of points
    long[] big = ones(xy);
    big[1] = 1_000_000;
    Document d = check(ClusterScatter.render(xy, big, cluster, legend(), "x", "y", List.of(), ZH, Theme.LIGHT));
    org.w3c.dom.NodeList circles = byClass(d, "points").get(0).getElementsByTagNameNS("*", "circle");
    long second = 0;
    for (int i = 0; i < circles.getLength(); i++) {
      String t = title((Element) circles.item(i));
      if (t.startsWith("类 2")) {
        second += Long.parseLong(t.replaceAll(".*：([0-9,]+) 个产品", "$1").replace(",", ""));
      }
    }
    assertEquals(99 + 1_000_000, second);
  }

  @Test
  void centresCloseTogetherAreSetApart() {
    double[][] p = {{100, 100}, {105, 100}, {300, 300}, null, {102, 96}};
    double[][] at = ClusterScatter.spread(p, 20);
    assertEquals(300, at[2][0], 0);
    assertEquals(null, at[3]);
    for (int i : new int[] {0, 1, 4}) {
      for (int j : new int[] {0, 1, 4}) {
        if (i < j) {
          assertTrue(Math.hypot(at[i][0] - at[j][0], at[i][1] - at[j][1]) >= 20, i + " and " + j);
        }
      }
      assertTrue(Math.hypot(at[i][0] - 102.33, at[i][1] - 98.67) < 20, "stays near its group");
    }
  }

  @Test
  void ticksAreRound() {
    // a fifth of the range is 1.348: the step is 2
    double[] t = ClusterScatter.ticks(-1.93, 4.81);
    assertEquals(5, t.length);
    assertEquals(-2, t[0], 1e-12);
    assertEquals(0, t[1], 0);
    assertEquals(6, t[4], 1e-12);
    assertEquals(List.of("0", "0.05", "0.1", "0.15", "0.2"), java.util.Arrays.stream(ClusterScatter.ticks(0.01, 0.19))
        .mapToObj(v -> ClusterScatter.tickLabel(v, 0.05)).collect(java.util.stream.Collectors.toList()));
    assertEquals("0.25", ClusterScatter.tickLabel(0.25, 0.05));
    assertEquals("-2", ClusterScatter.tickLabel(-2.0000000001, 1));
    assertEquals("0.002", ClusterScatter.tickLabel(0.002, 0.001));
  }

  @Test
  void textOnAnyFillIsReadable() {
    for (Theme theme : Theme.values()) {
      for (int i = 0; i <= 100; i++) {
        String fill = theme.scale(i / 100.0);
        assertTrue(Theme.contrast(Theme.textOn(fill), fill) >= 4.5, fill);
      }
    }
    for (String c : Theme.PALETTE) {
      assertTrue(Theme.contrast(Theme.textOn(c), c) >= 4.5, c);
    }
    assertEquals("#000000", Theme.textOn("#ffffff"));
    assertEquals("#ffffff", Theme.textOn("#08306b"));
    assertFalse(Theme.LIGHT.scaleTop().equals(Theme.DARK.scaleTop()));
  }
}
