package medinsight.mining;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import medinsight.restriction.Restriction;
import medinsight.restriction.RestrictionClassifier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import smile.clustering.KMeans;
import smile.math.MathEx;

/** Theme 5, data mining with Smile: association rules and clusters of products. */
public final class MiningAnalyses {
  private MiningAnalyses() {}

  /** Attributes a transaction can hold, by their option name. */
  public static final List<String> ATTRIBUTES = List.of("form", "level", "category", "restriction", "manufacturer");

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
    Set<String> topMakers = new HashSet<>();
    Column maker = lit(null).cast("string");
    if (by.contains("manufacturer")) {
      for (Row r : t.products.where(col("manufacturer").isNotNull()).groupBy("manufacturer").agg(count(lit(1)).as("n"))
          .orderBy(col("n").desc(), col("manufacturer")).limit(topManufacturers).collectAsList()) {
        topMakers.add(r.getString(0));
      }
      maker = when(col("manufacturer").isin(topMakers.toArray()), col("manufacturer"));
    }
    Dataset<Row> cats = t.catalog.groupBy(col("variety_id").as("v"))
        .agg(min("cat1_name").as("cat1_name"));
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
      if (by.contains("level") && !r.isNullAt(1)) {
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
    Map<String, Double> support = new TreeMap<>();
    for (Map.Entry<List<String>, Long> tr : transactions.entrySet()) {
      for (String i : new HashSet<>(tr.getKey())) {
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

  /** Name of a missing dosage form, in the features and the profiles. */
  static final String NO_FORM = "（未注明）";

  /** Default of {@code --fit-sample}: KMeans is fitted on at most this many products. */
  public static final int FIT_SAMPLE = 200_000;

  /**
   * Products alike in all that their features depend on: self-payment, the two flags, level and
   * dosage form. The form is kept itself rather than as its feature column, so that the profile's
   * main form is counted here too. Spark counts the groups; the driver holds a few thousand of them
   * whatever the number of products.
   */
  static final class Group {
    final double selfPay;
    final boolean restricted;
    final boolean fixed;
    final String level;
    final String form;
    final long n;
    /** Features of the group's products. */
    double[] x;
    /** Cluster number, 1-based by size as in the profile. */
    int cluster;

    Group(Row r) {
      selfPay = r.getDouble(0);
      restricted = r.getBoolean(1);
      fixed = r.getBoolean(2);
      level = r.getString(3);
      form = r.getString(4);
      n = r.getLong(5);
    }
  }

  /** The values a group is made of: flags never null (a missing flag is false), nor the form. */
  private static Column[] groupValues(Dataset<Row> products) {
    return new Column[] {products.col("self_pay_ratio"), coalesce(products.col("restricted"), lit(false)),
        coalesce(products.col("fixed_payment"), lit(false)), products.col("level"),
        coalesce(products.col("dosage_form"), lit(NO_FORM))};
  }

  private static final String[] GROUP_NAMES = {"self_pay_ratio", "restricted", "fixed_payment", "level", "form"};

  /** {@link #groupValues} as named columns. */
  private static Column[] groupColumns(Dataset<Row> products) {
    Column[] c = groupValues(products);
    for (int i = 0; i < c.length; i++) {
      c[i] = c[i].as(GROUP_NAMES[i]);
    }
    return c;
  }

  private static final Comparator<Group> GROUP_ORDER = Comparator.comparing((Group g) -> g.form)
      .thenComparing(g -> g.level, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparingDouble(g -> g.selfPay)
      .thenComparing(g -> g.restricted).thenComparing(g -> g.fixed);

  /** The groups of the products in a fixed order, so that sums over them do not depend on Spark's partitions. */
  static List<Group> groups(Dataset<Row> products) {
    List<Group> out = new ArrayList<>();
    for (Row r : products.groupBy(groupColumns(products)).agg(count(lit(1)).as("n")).collectAsList()) {
      out.add(new Group(r));
    }
    out.sort(GROUP_ORDER);
    return out;
  }

  /** Features of a product: standardised self-payment and flags, one-hot level and dosage form. */
  static final class Features {
    /** The most frequent forms (count descending, then name); the other forms share one column. */
    final List<String> forms;
    /** Mean and sample standard deviation of the self-payment ratio over all products. */
    final double mean;
    final double sd;
    final long products;

    Features(List<Group> groups, int topForms) {
      Map<String, Long> formCounts = new HashMap<>();
      long n = 0;
      double sum = 0;
      for (Group g : groups) {
        formCounts.merge(g.form, g.n, Long::sum);
        n += g.n;
        sum += g.n * g.selfPay;
      }
      forms = new ArrayList<>();
      formCounts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(topForms).forEach(e -> forms.add(e.getKey()));
      products = n;
      mean = n == 0 ? 0 : sum / n;
      double var = 0;
      for (Group g : groups) {
        var += g.n * (g.selfPay - mean) * (g.selfPay - mean);
      }
      sd = Math.sqrt(var / Math.max(1, n - 1));
    }

    int dimension() {
      return 3 + 3 + forms.size() + 1;
    }

    /**
     * The self-payment ratio as a z-score; flags and one-hot columns stay 0/1, so two different
     * levels or forms are always the same distance apart (z-scoring them would make rare forms
     * weigh most).
     */
    double[] vector(double selfPay, boolean restricted, boolean fixed, String level, String form) {
      double[] v = new double[dimension()];
      v[0] = sd == 0 ? 0 : (selfPay - mean) / sd;
      v[1] = restricted ? 1 : 0;
      v[2] = fixed ? 1 : 0;
      v[3] = "甲".equals(level) ? 1 : 0;
      v[4] = "乙".equals(level) ? 1 : 0;
      v[5] = "丙".equals(level) ? 1 : 0;
      int f = forms.indexOf(form);
      v[6 + (f < 0 ? forms.size() : f)] = 1;
      return v;
    }

    double[] vector(Group g) {
      return vector(g.selfPay, g.restricted, g.fixed, g.level, g.form);
    }
  }

  /**
   * The features of the products KMeans is fitted on, in product_code order: every product when
   * there are at most {@code max}, else the {@code max} products with the smallest hash of the
   * seed and the product — a uniform sample that does not depend on how Spark splits the table.
   * Only these rows reach the driver, their five group columns each; products alike share one
   * feature array.
   */
  static double[][] fitRows(Dataset<Row> products, Features f, int max, long seed) {
    List<Row> rows;
    if (f.products <= max) {
      // one task sorts them all: no sampling pass for a range partitioning of at most max rows
      rows = products.coalesce(1).sortWithinPartitions("product_code").select(groupColumns(products)).collectAsList();
    } else {
      Dataset<Row> hashed = products.withColumn(HASH, xxhash64(lit(seed), col("product_code"), col("name"),
          col("manufacturer"), col("specification"), col("source_row")));
      rows = null;
      // a threshold on the hash lets through a little more than max products (the margin is six
      // standard deviations), so that only those are sorted; had too few passed, all are
      double share = (max + 6 * Math.sqrt(max) + 100) / f.products;
      if (share < 1) {
        long threshold = (long) ((double) Long.MIN_VALUE + share * 0x1p64);
        rows = smallestHashes(hashed.filter(col(HASH).lt(threshold)), max);
      }
      if (rows == null || rows.size() < max) {
        rows = smallestHashes(hashed, max);
      }
    }
    Map<List<Object>, double[]> seen = new HashMap<>();
    double[][] x = new double[rows.size()][];
    for (int i = 0; i < x.length; i++) {
      Row r = rows.get(i);
      boolean restricted = r.getBoolean(1);
      boolean fixed = r.getBoolean(2);
      x[i] = seen.computeIfAbsent(Arrays.asList(r.getDouble(0), restricted, fixed, r.getString(3), r.getString(4)),
          key -> f.vector(r.getDouble(0), restricted, fixed, r.getString(3), r.getString(4)));
    }
    return x;
  }

  private static final String HASH = "__fit_hash";

  private static List<Row> smallestHashes(Dataset<Row> hashed, int max) {
    return hashed.orderBy(col(HASH), col("product_code")).limit(max).orderBy(col("product_code"), col(HASH))
        .select(groupColumns(hashed)).collectAsList();
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
   * a plot needs: the distinct feature vectors of the products, how many products have each, and
   * their cluster number (1 = largest, as in the profile).
   */
  public static final class ClusterModel {
    public final List<ResultTable> tables;
    /** The distinct feature vectors of the products, one a row. */
    public final double[][] features;
    /** Products with each vector. */
    public final long[] counts;
    /** Cluster of each vector, 1-based, numbered by size as in the profile table. */
    public final int[] cluster;
    /** Centre of each cluster in the profile's order (row 0 is cluster 1). */
    public final double[][] centres;
    public final int k;
    public final long seed;
    /** Products KMeans was fitted on: all of them, or the fit sample. */
    public final int fitted;
    public final long products;

    ClusterModel(List<ResultTable> tables, double[][] features, long[] counts, int[] cluster, double[][] centres, int k,
        long seed, int fitted, long products) {
      this.tables = tables;
      this.features = features;
      this.counts = counts;
      this.cluster = cluster;
      this.centres = centres;
      this.k = k;
      this.seed = seed;
      this.fitted = fitted;
      this.products = products;
    }

    /** The profile table: one row per cluster. */
    public ResultTable profile() {
      return tables.get(tables.size() - 1);
    }
  }

  public static List<ResultTable> clusters(DrugTables t, Integer k, long seed, int maxK, int sampleSize, int fitSample) {
    return clusterModel(t, k, seed, maxK, sampleSize, fitSample).tables;
  }

  /**
   * KMeans on the products' features: fitted on at most {@code fitSample} products, then every
   * distinct feature vector — and so every product — goes to its nearest centre. Products with the
   * same features are counted together by Spark, so nothing on the driver grows with the number
   * of products but the fit sample.
   */
  public static ClusterModel clusterModel(DrugTables t, Integer k, long seed, int maxK, int sampleSize, int fitSample) {
    // a product without a self-payment ratio (its level unknown) has no place on the ratio axis
    Dataset<Row> products = t.productStats().noRatio > 0 ? t.products.filter(col("self_pay_ratio").isNotNull()) : t.products;
    List<Group> groups = groups(products);
    Features f = new Features(groups, 12);
    for (Group g : groups) {
      g.x = f.vector(g);
    }
    double[][] x = fitRows(products, f, fitSample, seed);
    List<ResultTable> out = new ArrayList<>();
    int chosen;
    if (k == null) {
      KChoice c = chooseK(x, maxK, seed, sampleSize);
      out.add(c.table);
      chosen = c.k;
    } else {
      chosen = k;
    }
    MathEx.setSeed(seed);
    KMeans km = KMeans.fit(x, chosen, 100, 1e-4);
    long[] size = new long[chosen];
    int[] nearest = new int[groups.size()];
    for (int i = 0; i < nearest.length; i++) {
      nearest[i] = km.predict(groups.get(i).x);
      size[nearest[i]] += groups.get(i).n;
    }
    // clusters in order of size, so that the numbering is stable for the same input; a centre no
    // product is nearest to has no row
    Integer[] order = new Integer[chosen];
    for (int i = 0; i < chosen; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingLong((Integer c) -> -size[c]).thenComparingInt(c -> c));
    int[] number = new int[chosen];
    List<double[]> centres = new ArrayList<>();
    for (int c : order) {
      if (size[c] > 0) {
        centres.add(km.centroids[c].clone());
        number[c] = centres.size();
      }
    }
    for (int i = 0; i < nearest.length; i++) {
      groups.get(i).cluster = number[nearest[i]];
    }
    Map<Integer, String> makers = topManufacturers(products, groups, 3);
    ResultTable p = new ResultTable("聚类画像").count("cluster").count("products").percent("share").percent("mean_self_pay")
        .text("main_level").text("main_form").percent("restricted_share").percent("fixed_share").text("top_manufacturers");
    for (int c = 1; c <= centres.size(); c++) {
      Map<String, Long> levels = new HashMap<>();
      Map<String, Long> forms = new HashMap<>();
      double pay = 0;
      long restricted = 0;
      long fixed = 0;
      long n = 0;
      for (Group g : groups) {
        if (g.cluster != c) {
          continue;
        }
        n += g.n;
        pay += g.n * g.selfPay;
        restricted += g.restricted ? g.n : 0;
        fixed += g.fixed ? g.n : 0;
        levels.merge(g.level, g.n, Long::sum);
        forms.merge(g.form, g.n, Long::sum);
      }
      p.add((long) c, n, (double) n / f.products, pay / n, top(levels, 1), top(forms, 1), (double) restricted / n,
          (double) fixed / n, makers.getOrDefault(c, ""));
    }
    String empty = centres.size() < chosen ? String.format("（%d 个中心没有产品归入）", chosen - centres.size()) : "";
    String fit = x.length < f.products
        ? String.format("KMeans 在 %d 个产品的样本上拟合（--fit-sample，种子 %d），全部 %d 个产品按最近中心归类%s。", x.length, seed,
            f.products, empty)
        : empty.isEmpty() ? "" : String.format("%s。", empty.substring(1, empty.length() - 1));
    p.note(String.format("特征：自付比例（标准化为 z 分数）、有支付限定与定额支付（0/1）、医保类别与剂型（前 12 种 + 其他，独热编码 0/1）；KMeans k=%d，种子 %d。%s",
        chosen, seed, fit));
    out.add(p);
    // the plot's points: products with the same features, whatever their form outside the top 12
    Map<List<Double>, Integer> index = new LinkedHashMap<>();
    List<double[]> vectors = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    List<Integer> clusterOf = new ArrayList<>();
    for (Group g : groups) {
      List<Double> key = new ArrayList<>();
      for (double v : g.x) {
        key.add(v);
      }
      Integer i = index.get(key);
      if (i == null) {
        index.put(key, vectors.size());
        vectors.add(g.x);
        counts.add(g.n);
        clusterOf.add(g.cluster);
      } else {
        counts.set(i, counts.get(i) + g.n);
      }
    }
    return new ClusterModel(out, vectors.toArray(new double[0][]), counts.stream().mapToLong(Long::longValue).toArray(),
        clusterOf.stream().mapToInt(Integer::intValue).toArray(), centres.toArray(new double[0][]), chosen, seed, x.length,
        f.products);
  }

  /**
   * The {@code n} manufacturers with most products in each cluster, with their counts, ties by
   * name. Spark joins the products to the groups' clusters (a small table sent to every task) and
   * counts; only the leaders of each cluster, ties included, reach the driver, which orders them
   * as {@link #top} does.
   */
  static Map<Integer, String> topManufacturers(Dataset<Row> products, List<Group> groups, int n) {
    StructType schema = new StructType().add("g_self_pay", DataTypes.DoubleType).add("g_restricted", DataTypes.BooleanType)
        .add("g_fixed", DataTypes.BooleanType).add("g_level", DataTypes.StringType).add("g_form", DataTypes.StringType)
        .add("g_cluster", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (Group g : groups) {
      rows.add(RowFactory.create(g.selfPay, g.restricted, g.fixed, g.level, g.form, g.cluster));
    }
    Dataset<Row> key = products.sparkSession().createDataFrame(rows, schema);
    Column[] c = groupValues(products);
    Column on = c[0].eqNullSafe(key.col("g_self_pay")).and(c[1].equalTo(key.col("g_restricted")))
        .and(c[2].equalTo(key.col("g_fixed"))).and(c[3].eqNullSafe(key.col("g_level"))).and(c[4].equalTo(key.col("g_form")));
    Dataset<Row> counted = products.join(broadcast(key), on)
        .groupBy(col("g_cluster"), coalesce(col("manufacturer"), lit("（未注明）")).as("maker"))
        .agg(count(lit(1)).as("n"));
    Map<Integer, Map<String, Long>> byCluster = new HashMap<>();
    for (Row r : counted.withColumn("r", rank().over(Window.partitionBy("g_cluster").orderBy(col("n").desc())))
        .filter(col("r").leq(n)).select("g_cluster", "maker", "n").collectAsList()) {
      byCluster.computeIfAbsent(r.getInt(0), x -> new HashMap<>()).put(r.getString(1), r.getLong(2));
    }
    Map<Integer, String> out = new HashMap<>();
    byCluster.forEach((cluster, m) -> out.put(cluster, top(m, n)));
    return out;
  }

  private static String top(Map<String, Long> m, int n) {
    return m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(e -> n == 1 ? e.getKey() : e.getKey() + "(" + e.getValue() + ")").reduce((a, b) -> a + "、" + b).orElse("");
  }
}
