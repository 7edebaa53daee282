package medinsight.zeppelin;

import static medinsight.render.svg.SvgCheck.byClass;
import static medinsight.render.svg.SvgCheck.check;
import static medinsight.render.svg.SvgCheck.text;
import static medinsight.render.svg.SvgCheck.title;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The chart commands on the bundled data: each drawing shows what the table command lists. */
class ChartCommandsTest {
  static InterpreterHarness h;

  @BeforeAll
  static void open() throws Exception {
    Properties p = new Properties();
    // no result cache: a repeated command is computed again, which shows it is deterministic
    p.setProperty("drugs.cache", "0");
    h = new InterpreterHarness(p);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  static Document chart(String command) throws Exception {
    InterpreterHarness.Run r = h.drugs(command);
    assertTrue(r.ok(), r.text());
    return check(r.html(0));
  }

  /** A drawn number back as the table writes it: no separators, no "%". */
  static String plain(String shown) {
    return shown.replace(",", "").replace("%", "");
  }

  @Test
  void kpiCardsShowTheKpiTable() throws Exception {
    List<String[]> t = h.drugs("kpi").table(0);
    Document d = chart("chart kpi");
    List<Element> labels = byClass(d, "kpi-label");
    List<Element> values = byClass(d, "kpi-value");
    assertEquals(t.get(0).length, values.size());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(t.get(0)[i].replace("(%)", ""), text(labels.get(i)));
      assertEquals(t.get(1)[i], plain(text(values.get(i))), t.get(0)[i]);
    }
    // the official counts of the 2024 catalog
    assertEquals("3,159", text(values.get(1)));
  }

  @Test
  void heatmapCellsAreTheMatrix() throws Exception {
    List<String[]> t = h.drugs("matrix --top 15").table(0);
    Document d = chart("chart heatmap --top 15");
    List<Element> cells = byClass(d, "cell");
    assertEquals(3 * 15, cells.size());
    List<Element> cols = byClass(d, "col-label");
    for (int j = 0; j < 15; j++) {
      String form = t.get(j + 1)[0];
      assertTrue(form.startsWith(text(cols.get(j)).replace("…", "")), form + " / " + text(cols.get(j)));
      for (int i = 0; i < 3; i++) {
        String tip = title(cells.get(i * 15 + j));
        assertTrue(tip.startsWith(form + " · " + t.get(0)[i + 1] + "：" + String.format("%,d", Long.parseLong(t.get(j + 1)[i + 1]))),
            tip);
      }
    }
  }

  @Test
  void treemapTilesAreTheCategories() throws Exception {
    List<String[]> l1 = h.drugs("categories --depth 1 --type 西药").table(0);
    List<String[]> l2 = h.drugs("categories --depth 2 --type 西药").table(0);
    Document d = chart("chart treemap --type 西药 --depth 2");
    List<Element> leaves = byClass(d, "leaf");
    List<Element> groups = byClass(d, "group");
    assertEquals(l2.size() - 1, leaves.size());
    assertEquals(l1.size() - 1, groups.size());
    // each tile: 西药 › first level › second level, with the second level's 品种数
    Map<String, String> expected = new HashMap<>();
    for (String[] c2 : l2.subList(1, l2.size())) {
      for (String[] c1 : l1.subList(1, l1.size())) {
        if (c2[1].startsWith(c1[1])) {
          expected.put("西药 › " + c1[2] + " › " + c2[2], c2[4]);
        }
      }
    }
    for (Element leaf : leaves) {
      String[] tip = title(leaf).split("\n");
      assertTrue(expected.containsKey(tip[0]), tip[0]);
      assertEquals(expected.get(tip[0]), plain(tip[1].replaceAll("品种数 ([0-9,]+)（.*", "$1")), tip[0]);
    }
  }

  @Test
  void ruleGraphDrawsTheListedRules() throws Exception {
    String options = " --min-support 0.02 --min-confidence 0.6 --limit 30";
    List<String[]> t = h.drugs("mining rules" + options).table(0);
    Document d = chart("chart rules" + options);
    TreeSet<String> listed = new TreeSet<>();
    TreeSet<String> items = new TreeSet<>();
    for (String[] r : t.subList(1, t.size())) {
      listed.add(r[1] + " → " + r[2]);
      items.addAll(Arrays.asList(r[1].split(" \\+ ")));
      items.addAll(Arrays.asList(r[2].split(" \\+ ")));
    }
    TreeSet<String> drawn = new TreeSet<>();
    for (Element e : byClass(d, "rule")) {
      drawn.add(title(e).split("\n")[0]);
    }
    assertEquals(30, byClass(d, "rule").size());
    assertEquals(listed, drawn);
    TreeSet<String> nodes = new TreeSet<>();
    for (Element e : byClass(d, "item")) {
      nodes.add(title(e).split("\n")[0]);
    }
    assertEquals(items, nodes);
  }

  @Test
  void clusterMapCountsEveryProductInItsCluster() throws Exception {
    List<String[]> profile = h.drugs("mining clusters --k 5").table(0);
    Document d = chart("chart clusters --k 5");
    Map<String, Long> perCluster = new HashMap<>();
    Element points = byClass(d, "points").get(0);
    org.w3c.dom.NodeList circles = points.getElementsByTagNameNS("*", "circle");
    for (int i = 0; i < circles.getLength(); i++) {
      String tip = title((Element) circles.item(i));
      String cluster = tip.replaceAll("^类 ([0-9]+) · .*", "$1");
      long n = Long.parseLong(plain(tip.replaceAll(".*：([0-9,]+) 个产品$", "$1")));
      perCluster.merge(cluster, n, Long::sum);
    }
    assertEquals(profile.size() - 1, perCluster.size());
    for (String[] r : profile.subList(1, profile.size())) {
      assertEquals(Long.parseLong(r[1]), perCluster.get(r[0]), "cluster " + r[0]);
    }
    assertEquals(profile.size() - 1, byClass(d, "centre").size());
  }

  @Test
  void everyChartIsTheSameDrawnTwice() throws Exception {
    List<String> charts = new ArrayList<>();
    for (CommandSpec c : Commands.all().values()) {
      if (c.name.startsWith("chart ")) {
        charts.add(c.example);
      }
    }
    assertEquals(5, charts.size(), charts.toString());
    charts.add("chart treemap --depth 2 --by product --theme dark");
    for (String c : charts) {
      String first = h.drugs(c).html(0);
      check(first);
      assertEquals(first, h.drugs(c).html(0), c);
    }
  }
}
