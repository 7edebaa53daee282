package medinsight.zeppelin;

import static medinsight.render.svg.SvgCheck.byClass;
import static medinsight.render.svg.SvgCheck.check;
import static medinsight.render.svg.SvgCheck.text;
import static medinsight.render.svg.SvgCheck.title;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.engine.DrugTables;
import medinsight.mining.MiningAnalyses;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    assertEquals("3,253", text(values.get(1)));
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
  void aSampledFitCoversEveryProductAndProfilesAsSparkCounts() throws Exception {
    // KMeans on 5,000 of the products, then every product to its nearest centre
    String command = "mining clusters --k 5 --fit-sample 5000";
    InterpreterHarness.Run run = h.drugs(command);
    assertTrue(run.ok(), run.text());
    assertEquals(run.text(), h.drugs(command).text(), "computed again (no cache), the same");
    long products = Long.parseLong(h.sql("SELECT count(*) FROM products").table(0).get(1)[0]);
    assertTrue(products > 5000);
    List<String[]> profile = run.table(0);
    long sum = 0;
    for (String[] r : profile.subList(1, profile.size())) {
      sum += Long.parseLong(r[1]);
    }
    assertEquals(products, sum);
    assertTrue(run.text().contains("KMeans 在 5000 个产品的样本上拟合") && run.text().contains("全部 " + products + " 个产品按最近中心归类"),
        run.text());
    // the map of the same clusters counts the same products
    Document d = chart("chart clusters --k 5 --fit-sample 5000");
    Map<String, Long> drawn = new HashMap<>();
    org.w3c.dom.NodeList circles = byClass(d, "points").get(0).getElementsByTagNameNS("*", "circle");
    for (int i = 0; i < circles.getLength(); i++) {
      String tip = title((Element) circles.item(i));
      drawn.merge(tip.replaceAll("^类 ([0-9]+) · .*", "$1"), Long.parseLong(plain(tip.replaceAll(".*：([0-9,]+) 个产品$", "$1"))),
          Long::sum);
    }
    for (String[] r : profile.subList(1, profile.size())) {
      assertEquals(Long.parseLong(r[1]), drawn.get(r[0]), "cluster " + r[0]);
    }

    // the same model through the API: its centres, and each product's nearest centre computed by
    // Spark from the features' definition, give every cluster's size and profile
    DrugTables t = h.drugs.engine().data.tables();
    MiningAnalyses.ClusterModel m = MiningAnalyses.clusterModel(t, 5, 42, 8, 5000, 5000);
    ResultTable p = m.profile();
    Dataset<Row> all = t.products.withColumn("form", coalesce(col("dosage_form"), lit("（未注明）")));
    Row stats = all.agg(avg("self_pay_ratio"), stddev_samp("self_pay_ratio")).first();
    List<String> forms = new ArrayList<>();
    for (Row r : all.groupBy("form").count().orderBy(col("count").desc(), col("form")).limit(12).collectAsList()) {
      forms.add(r.getString(0));
    }
    List<Column> features = new ArrayList<>(List.of(col("self_pay_ratio").minus(stats.getDouble(0)).divide(stats.getDouble(1)),
        when(col("restricted"), 1.0).otherwise(0.0), when(col("fixed_payment"), 1.0).otherwise(0.0),
        when(col("level").equalTo("甲"), 1.0).otherwise(0.0), when(col("level").equalTo("乙"), 1.0).otherwise(0.0),
        when(col("level").equalTo("丙"), 1.0).otherwise(0.0)));
    for (String f : forms) {
      features.add(when(col("form").equalTo(f), 1.0).otherwise(0.0));
    }
    features.add(when(col("form").isin(forms.toArray()), 0.0).otherwise(1.0));
    Column[] distance = new Column[m.centres.length];
    for (int c = 0; c < distance.length; c++) {
      Column sq = lit(0.0);
      for (int j = 0; j < features.size(); j++) {
        Column e = features.get(j).minus(m.centres[c][j]);
        sq = sq.plus(e.multiply(e));
      }
      distance[c] = sq;
    }
    Column nearest = lit(distance.length);
    for (int c = distance.length - 1; c >= 0; c--) {
      nearest = when(distance[c].equalTo(least(distance)), c + 1).otherwise(nearest);
    }
    Dataset<Row> assigned = all.withColumn("cluster", nearest).cache();
    try {
      Map<Integer, Long> sizes = new HashMap<>();
      for (Row r : assigned.groupBy("cluster").count().collectAsList()) {
        sizes.put(r.getInt(0), r.getLong(1));
      }
      for (int i = 0; i < p.size(); i++) {
        assertEquals((Long) p.get(i, "products"), sizes.get(i + 1), "cluster " + (i + 1));
        assertEquals(profile.get(i + 1)[1], String.valueOf(p.get(i, "products")));
      }
      for (int c = 1; c <= p.size(); c++) {
        Dataset<Row> one = assigned.filter(col("cluster").equalTo(c));
        Row a = one.agg(count(lit(1)), avg("self_pay_ratio"), avg(when(col("restricted"), 1.0).otherwise(0.0)),
            avg(when(col("fixed_payment"), 1.0).otherwise(0.0))).first();
        Object[] row = p.rows().get(c - 1);
        String at = "cluster " + c;
        assertEquals(a.getLong(0), (long) (Long) row[p.index("products")], at);
        assertEquals((double) a.getLong(0) / products, (Double) row[p.index("share")], 1e-12, at);
        assertEquals(a.getDouble(1), (Double) row[p.index("mean_self_pay")], 1e-12, at);
        assertEquals(a.getDouble(2), (Double) row[p.index("restricted_share")], 1e-12, at);
        assertEquals(a.getDouble(3), (Double) row[p.index("fixed_share")], 1e-12, at);
        assertEquals(one.groupBy("level").count().orderBy(col("count").desc(), col("level")).first().getString(0),
            row[p.index("main_level")], at);
        assertEquals(one.groupBy("form").count().orderBy(col("count").desc(), col("form")).first().getString(0),
            row[p.index("main_form")], at);
        List<String> makers = new ArrayList<>();
        for (Row r : one.groupBy("manufacturer").count().orderBy(col("count").desc(), col("manufacturer")).limit(3)
            .collectAsList()) {
          makers.add(r.getString(0) + "(" + r.getLong(1) + ")");
        }
        assertEquals(String.join("、", makers), row[p.index("top_manufacturers")], at);
      }
    } finally {
      assigned.unpersist();
    }
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
