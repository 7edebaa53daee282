package medinsight.mining;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import medinsight.restriction.Restriction;
import medinsight.restriction.RestrictionClassifier;
import org.apache.spark.sql.Row;
import smile.clustering.KMeans;
import smile.math.MathEx;

/** Theme 5, data mining with Smile: association rules and clusters of products. */
public final class MiningAnalyses {
  private MiningAnalyses() {}

  /** Attributes a transaction can hold, by their option name. */
  public static final List<String> ATTRIBUTES = List.of("form", "level", "category", "restriction", "manufacturer");

  /** One row per product: form, level, first-level category, restriction text, manufacturer. */
  private static List<Row> productRows(DrugTables t) {
    // one first-level category per variety (a ★ row may sit under another category)
    org.apache.spark.sql.Dataset<Row> cats = t.catalog.groupBy(col("variety_id").as("v"))
        .agg(org.apache.spark.sql.functions.min("cat1_name").as("cat1_name"));
    return t.products.join(cats, t.products.col("variety_id").equalTo(cats.col("v")), "left")
        .select("dosage_form", "level", "cat1_name", "restriction", "manufacturer", "self_pay_ratio", "restricted",
            "fixed_payment", "product_code")
        .orderBy("product_code")
        .collectAsList();
  }

  /** Mined rules with what the table and the graph need besides: item supports and the caption. */
  public static final class RuleSet {
    public final List<Rules.Rule> rules;
    /** Share of transactions holding each item. */
    public final Map<String, Double> itemSupport;
    public final long transactions;
    public final String note;

    RuleSet(List<Rules.Rule> rules, Map<String, Double> itemSupport, long transactions, String note) {
      this.rules = rules;
      this.itemSupport = itemSupport;
      this.transactions = transactions;
      this.note = note;
    }
  }

  public static ResultTable rules(DrugTables t, List<String> by, double minSupport, double minConfidence,
      int topManufacturers, int limit) {
    RuleSet set = ruleSet(t, by, minSupport, minConfidence, topManufacturers);
    List<Rules.Rule> rules = set.rules;
    ResultTable out = new ResultTable("关联规则").count("rank").text("antecedent").text("consequent").percent("support")
        .percent("confidence").number("lift");
    long rank = 0;
    for (Rules.Rule r : rules.subList(0, Math.min(limit, rules.size()))) {
      out.add(++rank, String.join(" + ", r.antecedent), String.join(" + ", r.consequent), r.support, r.confidence, r.lift);
    }
    if (rules.size() > limit) {
      out.totalRows(rules.size());
    }
    out.note(set.note);
    return out;
  }

  /** The rules of the products' transactions (attributes {@code by}), sorted as {@link Rules#mine} sorts them. */
  public static RuleSet ruleSet(DrugTables t, List<String> by, double minSupport, double minConfidence,
      int topManufacturers) {
    // Products with the same attributes are the same transaction: Spark counts each distinct
    // combination, and the miner sees every transaction with its multiplicity without the products
    // ever being held in memory (a few thousand combinations for millions of products).
    java.util.Set<String> topMakers = new java.util.HashSet<>();
    org.apache.spark.sql.Column maker = lit(null).cast("string");
    if (by.contains("manufacturer")) {
      for (Row r : t.products.groupBy("manufacturer").agg(count(lit(1)).as("n"))
          .orderBy(col("n").desc(), col("manufacturer")).limit(topManufacturers).collectAsList()) {
        topMakers.add(r.getString(0));
      }
      maker = org.apache.spark.sql.functions.when(col("manufacturer").isin(topMakers.toArray()), col("manufacturer"));
    }
    org.apache.spark.sql.Dataset<Row> cats = t.catalog.groupBy(col("variety_id").as("v"))
        .agg(org.apache.spark.sql.functions.min("cat1_name").as("cat1_name"));
    List<Row> combos = t.products.join(cats, t.products.col("variety_id").equalTo(cats.col("v")), "left")
        .groupBy(by.contains("form") ? col("dosage_form") : lit(null).cast("string").as("dosage_form"),
            col("level"), col("cat1_name"), by.contains("restriction") ? col("restriction") : lit(null).cast("string").as("restriction"),
            maker.as("maker"))
        .agg(count(lit(1)).as("n")).collectAsList();
    RestrictionClassifier classifier = new RestrictionClassifier();
    Map<String, List<String>> typesOf = new HashMap<>();
    // the order of transactions does not change the rules mined from them
    Map<List<String>, Long> transactions = new HashMap<>();
    long products = 0;
    for (Row r : combos) {
      List<String> items = new ArrayList<>();
      if (by.contains("form") && !r.isNullAt(0)) {
        items.add("剂型=" + r.getString(0));
      }
      if (by.contains("level")) {
        items.add("类别=" + r.getString(1));
      }
      if (by.contains("category")) {
        items.add("分类=" + (r.isNullAt(2) ? "目录外" : r.getString(2)));
      }
      if (by.contains("restriction")) {
        if (r.isNullAt(3)) {
          items.add("限定=无");
        } else {
          items.addAll(typesOf.computeIfAbsent(r.getString(3), s -> {
            List<String> l = new ArrayList<>();
            for (Restriction x : classifier.classify(s)) {
              l.add("限定=" + x.type.label);
            }
            return l;
          }));
        }
      }
      if (!r.isNullAt(4)) {
        items.add("企业=" + r.getString(4));
      }
      transactions.merge(items, r.getLong(5), Long::sum);
      products += r.getLong(5);
    }
    List<Rules.Rule> rules = Rules.mine(transactions, minSupport, minConfidence);
    Map<String, Double> support = new java.util.TreeMap<>();
    for (Map.Entry<List<String>, Long> tr : transactions.entrySet()) {
      for (String i : new java.util.HashSet<>(tr.getKey())) {
        support.merge(i, (double) tr.getValue(), Double::sum);
      }
    }
    double total = products;
    support.replaceAll((k, v) -> v / total);
    String note = String.format("%d 个产品（事务），属性：%s%s；最小支持度 %s，最小置信度 %s；按提升度、置信度、支持度排序。提升度 > 1 表示前件使后件更常见。",
        products, String.join("、", by), by.contains("manufacturer") ? "（企业取产品数前 " + topManufacturers + " 家）" : "",
        minSupport, minConfidence);
    return new RuleSet(rules, support, products, note);
  }

  /** Features of a product: standardised self-payment and flags, one-hot level and dosage form. */
  static final class Features {
    final List<String> forms;
    final double[][] x;
    final List<Row> rows;

    Features(List<Row> rows, int topForms) {
      this.rows = rows;
      Map<String, Long> formCounts = new HashMap<>();
      for (Row r : rows) {
        formCounts.merge(r.isNullAt(0) ? "（未注明）" : r.getString(0), 1L, Long::sum);
      }
      forms = new ArrayList<>();
      formCounts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(topForms).forEach(e -> forms.add(e.getKey()));
      int d = 3 + 3 + forms.size() + 1;
      x = new double[rows.size()][d];
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        double[] v = x[i];
        v[0] = r.getDouble(5);
        v[1] = r.getBoolean(6) ? 1 : 0;
        v[2] = r.getBoolean(7) ? 1 : 0;
        String level = r.getString(1);
        v[3] = "甲".equals(level) ? 1 : 0;
        v[4] = "乙".equals(level) ? 1 : 0;
        v[5] = "丙".equals(level) ? 1 : 0;
        int f = forms.indexOf(r.isNullAt(0) ? "（未注明）" : r.getString(0));
        v[6 + (f < 0 ? forms.size() : f)] = 1;
      }
      // the self-payment ratio as a z-score; flags and one-hot columns stay 0/1, so two different
      // levels or forms are always the same distance apart (z-scoring them would make rare forms
      // weigh most)
      for (int j = 0; j < 1; j++) {
        double mean = 0;
        for (double[] v : x) {
          mean += v[j];
        }
        mean /= x.length;
        double var = 0;
        for (double[] v : x) {
          var += (v[j] - mean) * (v[j] - mean);
        }
        double sd = Math.sqrt(var / Math.max(1, x.length - 1));
        for (double[] v : x) {
          v[j] = sd == 0 ? 0 : (v[j] - mean) / sd;
        }
      }
    }
  }

  static int[] sample(int n, int size, long seed) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int m = Math.min(size, n);
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(n - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    int[] out = Arrays.copyOf(idx, m);
    Arrays.sort(out);
    return out;
  }

  /** Result of choosing k: the table of k against silhouette and distortion, and the chosen k. */
  public static final class KChoice {
    public final ResultTable table;
    public final int k;

    KChoice(ResultTable table, int k) {
      this.table = table;
      this.k = k;
    }
  }

  /** Chooses k in [2, maxK] by the silhouette of KMeans on a seeded sample. */
  static KChoice chooseK(double[][] x, int maxK, long seed, int sampleSize) {
    int[] s = sample(x.length, sampleSize, seed);
    double[][] xs = new double[s.length][];
    for (int i = 0; i < s.length; i++) {
      xs[i] = x[s[i]];
    }
    int[] ss = sample(xs.length, Math.min(1500, xs.length), seed + 1);
    double[][] xss = new double[ss.length][];
    for (int i = 0; i < ss.length; i++) {
      xss[i] = xs[ss[i]];
    }
    ResultTable table = new ResultTable("k 的选择").count("k").number("silhouette").number("distortion");
    int best = 2;
    double bestScore = -2;
    for (int k = 2; k <= maxK; k++) {
      MathEx.setSeed(seed);
      KMeans km = KMeans.fit(xs, k, 100, 1e-4);
      int[] y = new int[ss.length];
      for (int i = 0; i < ss.length; i++) {
        y[i] = km.y[ss[i]];
      }
      double sil = Silhouette.score(xss, y, k);
      table.add((long) k, sil, km.distortion / xs.length);
      if (sil > bestScore + 1e-12) {
        bestScore = sil;
        best = k;
      }
    }
    table.note(String.format("在 %d 个产品的随机样本（种子 %d）上对每个 k 运行 KMeans；轮廓系数在其中 %d 个点上计算，取轮廓系数最大的 k = %d。失真度为每点平均平方距离。",
        xs.length, seed, xss.length, best));
    return new KChoice(table, best);
  }

  /**
   * Products clustered: the tables ({@code k} choice when automatic, then the profiles), and what
   * a plot needs: every product's features and its cluster number (1 = largest, as in the profile).
   */
  public static final class ClusterModel {
    public final List<ResultTable> tables;
    public final double[][] features;
    /** Cluster of each product, 1-based, numbered by size as in the profile table. */
    public final int[] cluster;
    public final int k;
    public final long seed;

    ClusterModel(List<ResultTable> tables, double[][] features, int[] cluster, int k, long seed) {
      this.tables = tables;
      this.features = features;
      this.cluster = cluster;
      this.k = k;
      this.seed = seed;
    }

    /** The profile table: one row per cluster. */
    public ResultTable profile() {
      return tables.get(tables.size() - 1);
    }
  }

  public static List<ResultTable> clusters(DrugTables t, Integer k, long seed, int maxK, int sampleSize) {
    return clusterModel(t, k, seed, maxK, sampleSize).tables;
  }

  public static ClusterModel clusterModel(DrugTables t, Integer k, long seed, int maxK, int sampleSize) {
    List<Row> rows = productRows(t);
    Features f = new Features(rows, 12);
    List<ResultTable> out = new ArrayList<>();
    int chosen;
    if (k == null) {
      KChoice c = chooseK(f.x, maxK, seed, sampleSize);
      out.add(c.table);
      chosen = c.k;
    } else {
      chosen = k;
    }
    MathEx.setSeed(seed);
    KMeans km = KMeans.fit(f.x, chosen, 100, 1e-4);
    // clusters in order of size, so that the numbering is stable for the same input
    Integer[] order = new Integer[chosen];
    for (int i = 0; i < chosen; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer c) -> -km.size[c]).thenComparingInt(c -> c));
    ResultTable p = new ResultTable("聚类画像").count("cluster").count("products").percent("share").percent("mean_self_pay")
        .text("main_level").text("main_form").percent("restricted_share").percent("fixed_share").text("top_manufacturers");
    long rank = 0;
    int[] number = new int[chosen];
    for (int c : order) {
      number[c] = (int) rank + 1;
      Map<String, Long> levels = new LinkedHashMap<>();
      Map<String, Long> forms = new HashMap<>();
      Map<String, Long> makers = new HashMap<>();
      double pay = 0;
      long restricted = 0;
      long fixed = 0;
      long n = 0;
      for (int i = 0; i < rows.size(); i++) {
        if (km.y[i] != c) {
          continue;
        }
        Row r = rows.get(i);
        n++;
        pay += r.getDouble(5);
        restricted += r.getBoolean(6) ? 1 : 0;
        fixed += r.getBoolean(7) ? 1 : 0;
        levels.merge(r.getString(1), 1L, Long::sum);
        forms.merge(r.isNullAt(0) ? "（未注明）" : r.getString(0), 1L, Long::sum);
        makers.merge(r.getString(4), 1L, Long::sum);
      }
      p.add(++rank, n, (double) n / rows.size(), pay / n, top(levels, 1), top(forms, 1),
          (double) restricted / n, (double) fixed / n, top(makers, 3));
    }
    p.note(String.format("特征：自付比例（标准化为 z 分数）、有支付限定与定额支付（0/1）、医保类别与剂型（前 12 种 + 其他，独热编码 0/1）；KMeans k=%d，种子 %d。",
        chosen, seed));
    out.add(p);
    int[] cluster = new int[rows.size()];
    for (int i = 0; i < cluster.length; i++) {
      cluster[i] = number[km.y[i]];
    }
    return new ClusterModel(out, f.x, cluster, chosen, seed);
  }

  private static String top(Map<String, Long> m, int n) {
    return m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(e -> n == 1 ? e.getKey() : e.getKey() + "(" + e.getValue() + ")").reduce((a, b) -> a + "、" + b).orElse("");
  }
}
