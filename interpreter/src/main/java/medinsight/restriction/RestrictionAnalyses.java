package medinsight.restriction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import medinsight.analysis.ResultTable;
import medinsight.analysis.SparkOrder;
import medinsight.core.UserException;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Row;
import smile.clustering.KMeans;
import smile.math.MathEx;
import smile.nlp.relevance.TFIDF;

/** Theme 3, reimbursement restrictions: what the catalog's 备注 texts restrict, and how often. */
public final class RestrictionAnalyses {
  private RestrictionAnalyses() {}

  private static final RestrictionClassifier CLASSIFIER = new RestrictionClassifier();

  /** Groups for {@code summary --by}: the catalog column behind each. */
  public static final Map<String, String> SUMMARY_BY = new LinkedHashMap<>();

  static {
    SUMMARY_BY.put("section", "section");
    SUMMARY_BY.put("level", "level");
    SUMMARY_BY.put("form", "dosage_form");
    SUMMARY_BY.put("category", "cat1_name");
    SUMMARY_BY.put("manufacturer", "manufacturer");
  }

  /** Share of catalog entries (products, for manufacturers) that carry a restriction, per group. */
  public static ResultTable summary(DrugTables t, String by, int top) {
    boolean products = "manufacturer".equals(by);
    String column = SUMMARY_BY.get(by);
    List<Row> rows = (products ? t.products : t.catalog).groupBy(col(column))
        .agg(count(lit(1)).as("n"), sum(when(col("restricted"), 1).otherwise(0)).as("r"))
        .collectAsList();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong((Row r) -> -r.getLong(1)).thenComparing(r -> String.valueOf(r.get(0))));
    ResultTable out = new ResultTable("支付限定概况").text("group").count(products ? "products" : "entries")
        .count("restricted").percent("restricted_share");
    long n = 0;
    long r = 0;
    int i = 0;
    for (Row row : sorted) {
      n += row.getLong(1);
      r += row.getLong(2);
      if (i++ < top) {
        out.add(row.isNullAt(0) ? "（未注明）" : String.valueOf(row.get(0)), row.getLong(1), row.getLong(2),
            share(row.getLong(2), row.getLong(1)));
      }
    }
    out.add("合计", n, r, share(r, n));
    out.note(products ? "按产品统计：有“备注”（支付限定）的产品占比。" : "按目录条目统计：备注非空即为有支付限定。");
    return out;
  }

  private static double share(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /** The catalog's remarks with how many entries carry each. */
  static Map<String, Long> remarks(DrugTables t) {
    // a few hundred distinct remarks: sorted here, in Spark's order, not by a range sort in Spark
    Map<String, Long> out = new TreeMap<>(SparkOrder::strings);
    for (Row r : t.catalog.filter(col("remark").isNotNull()).groupBy("remark").agg(count(lit(1))).collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** Restriction types over the catalog's entries with a remark (one entry may have several). */
  public static ResultTable types(DrugTables t) {
    Map<String, Long> remarks = remarks(t);
    long restricted = remarks.values().stream().mapToLong(Long::longValue).sum();
    Map<RestrictionType, long[]> counts = new EnumMap<>(RestrictionType.class);
    Map<RestrictionType, Map<String, Long>> values = new EnumMap<>(RestrictionType.class);
    for (Map.Entry<String, Long> e : remarks.entrySet()) {
      for (Restriction r : CLASSIFIER.classify(e.getKey())) {
        counts.computeIfAbsent(r.type, k -> new long[1])[0] += e.getValue();
        if (r.value != null) {
          values.computeIfAbsent(r.type, k -> new HashMap<>()).merge(r.value, e.getValue(), Long::sum);
        }
      }
    }
    ResultTable out = new ResultTable("支付限定类型").text("restriction_type").count("entries").percent("share_of_restricted")
        .text("top_values");
    for (RestrictionType type : RestrictionType.values()) {
      long[] c = counts.get(type);
      if (c == null) {
        continue;
      }
      Map<String, Long> v = values.getOrDefault(type, Map.of());
      String top = v.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(4).map(x -> x.getKey() + "(" + x.getValue() + ")").reduce((a, b) -> a + "、" + b).orElse("");
      out.add(type.label, c[0], share(c[0], restricted), top);
    }
    out.note("共 " + restricted + " 个条目有支付限定。条目数：有此类限定的条目（图中所画）；占比：条目数 / " + restricted
        + "。一个条目可有多种限定，故条目数之和大于 " + restricted + "，占比之和大于 100%。");
    // a 协议中成药 entry's 备注 is often its 功能主治 ("益气养血，润肠通便。用于…"): the scope it is paid
    // for, read here as an indication; the reader is told how many, not left to take them for 限 clauses
    long functions = t.catalog.filter(col("section").equalTo("协议中成药").and(col("remark").isNotNull())
        .and(not(col("remark").startsWith("限")))).count();
    if (functions > 0) {
      out.note("其中 " + functions + " 个协议中成药条目的备注是功能主治原文（不以“限”开头，如“……用于……”），"
          + "按其所述病证计入“" + RestrictionType.INDICATION.label + "”。");
    }
    return out;
  }

  /**
   * Words every indication has (患者 of every 患者, 治疗, 接受 …): on top of the keyword list they
   * said nothing of what restricts. Kept for the clusters, where 成人 against 儿童 tells texts apart.
   */
  static final Set<String> GENERIC = Set.of("患者", "治疗", "接受", "成人", "药物", "进行", "相关", "包括", "出现");

  /** Word frequencies over the remarks (segmented with HanLP), weighted by the entries carrying them. */
  public static ResultTable keywords(DrugTables t, int top) {
    Map<String, long[]> freq = new HashMap<>();
    for (Map.Entry<String, Long> e : remarks(t).entrySet()) {
      List<String> words = new ArrayList<>(Segmenter.words(e.getKey()));
      words.removeIf(GENERIC::contains);
      for (String w : words) {
        freq.computeIfAbsent(w, k -> new long[2])[0] += e.getValue();
      }
      for (String w : new HashSet<>(words)) {
        freq.get(w)[1] += e.getValue();
      }
    }
    List<Map.Entry<String, long[]>> list = new ArrayList<>(freq.entrySet());
    list.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey));
    ResultTable out = new ResultTable("限定文本关键词").count("rank").text("word").count("occurrences").count("entries");
    long rank = 0;
    for (Map.Entry<String, long[]> e : list.subList(0, Math.min(top, list.size()))) {
      out.add(++rank, e.getKey(), e.getValue()[0], e.getValue()[1]);
    }
    out.note("分词：HanLP（便携版）加目录常用词；已去除虚词、标点、数字与“限、的、及”等常用字，"
        + "以及几乎每条适应症都有的“" + String.join("、", new java.util.TreeSet<>(GENERIC)) + "”。");
    return out;
  }

  /** TF-IDF vectors of the distinct remarks and KMeans clusters of them, seeded. */
  public static ResultTable clusters(DrugTables t, int k, long seed, int terms) {
    List<String> texts = new ArrayList<>(remarks(t).keySet());
    if (texts.size() < k) {
      throw new IllegalArgumentException("限定文本只有 " + texts.size() + " 条，少于 k = " + k);
    }
    List<List<String>> docs = new ArrayList<>();
    Map<String, Integer> df = new TreeMap<>();
    for (String s : texts) {
      List<String> w = Segmenter.words(s);
      docs.add(w);
      for (String x : new TreeSet<>(w)) {
        df.merge(x, 1, Integer::sum);
      }
    }
    // vocabulary: terms in at least two texts, in a fixed order
    List<String> vocab = new ArrayList<>();
    for (Map.Entry<String, Integer> e : df.entrySet()) {
      if (e.getValue() >= 2) {
        vocab.add(e.getKey());
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < vocab.size(); i++) {
      index.put(vocab.get(i), i);
    }
    TFIDF tfidf = new TFIDF();
    double[][] x = new double[docs.size()][vocab.size()];
    for (int d = 0; d < docs.size(); d++) {
      Map<String, Integer> tf = new HashMap<>();
      for (String w : docs.get(d)) {
        if (index.containsKey(w)) {
          tf.merge(w, 1, Integer::sum);
        }
      }
      int maxtf = tf.values().stream().mapToInt(Integer::intValue).max().orElse(1);
      double norm = 0;
      for (Map.Entry<String, Integer> e : tf.entrySet()) {
        double v = tfidf.rank(e.getValue(), maxtf, docs.size(), df.get(e.getKey()));
        x[d][index.get(e.getKey())] = v;
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) {
        for (int j = 0; j < vocab.size(); j++) {
          x[d][j] /= norm;
        }
      }
    }
    MathEx.setSeed(seed);
    // Lloyd's algorithm: the BBD tree that KMeans.fit builds does not pay off in ~900 dimensions
    KMeans km = KMeans.lloyd(x, k, 100, 1e-4);
    ResultTable out = new ResultTable("限定文本聚类").count("cluster").count("texts").text("top_terms").text("samples");
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt((Integer c) -> -km.size[c]).thenComparingInt(c -> c));
    long rank = 0;
    for (int c : order) {
      double[] centroid = km.centroids[c];
      Integer[] byWeight = new Integer[vocab.size()];
      for (int i = 0; i < byWeight.length; i++) {
        byWeight[i] = i;
      }
      Arrays.sort(byWeight, Comparator.comparingDouble((Integer i) -> -centroid[i]).thenComparingInt(i -> i));
      List<String> top = new ArrayList<>();
      for (int i = 0; i < Math.min(terms, byWeight.length) && centroid[byWeight[i]] > 0; i++) {
        top.add(vocab.get(byWeight[i]));
      }
      List<String> samples = new ArrayList<>();
      for (int d = 0; d < texts.size() && samples.size() < 2; d++) {
        if (km.y[d] == c) {
          String s = texts.get(d);
          samples.add(s.length() > 40 ? s.substring(0, 40) + "…" : s);
        }
      }
      out.add(++rank, (long) km.size[c], String.join("、", top), String.join(" | ", samples));
    }
    out.note(String.format("%d 条不同的限定文本，词表 %d 个词（至少出现在两条文本中），TF-IDF 加权并归一化；KMeans k=%d，随机种子 %d，失真度 %.3f。",
        texts.size(), vocab.size(), k, seed, km.distortion));
    return out;
  }

  /** The classifier against the NHSA rule library: three views, see {@link RuleLibraryEvaluation}. */
  public static ResultTable evaluate(RuleLibraryEvaluation ev) {
    ResultTable out = new ResultTable("限定分类器评估").text("view").text("restriction_type").count("labelled")
        .count("matched").count("true_positives").count("false_positives").count("false_negatives")
        .number("precision").number("recall");
    String[] views = {"规则库原文", "2024目录备注（规则未变）", "2024目录备注（全部匹配）"};
    List<List<RuleLibraryEvaluation.Score>> lists = List.of(ev.libraryScores, ev.unchangedScores, ev.scores);
    for (int v = 0; v < views.length; v++) {
      for (RuleLibraryEvaluation.Score s : lists.get(v)) {
        out.add(views[v], s.libraryType, (long) s.labelled, (long) s.matched, (long) s.truePositives,
            (long) s.falsePositives, (long) s.falseNegatives, s.precision(), s.recall());
      }
    }
    out.note(String.format("国家医保局“两库”第3–6批共 %d 个药品；%d 个在2024年目录中找不到对应条目，%d 个的2024年备注已不含规则库所列限定"
        + "（如肠外营养药已取消“限住院患者”）。", ev.cases.size(), ev.unmatched, ev.changed));
    return out;
  }

  /** {@code restrictions evaluate}: the classifier over the catalog's remarks against the bundled rule library. */
  public static ResultTable evaluate(DrugTables t) {
    List<RuleLibraryEvaluation.Entry> entries = new ArrayList<>();
    for (Row r : t.catalog.select("variety_id", "entry_id", "names", "dosage_form", "remark").collectAsList()) {
      entries.add(new RuleLibraryEvaluation.Entry(r.getString(0) + "/" + r.getInt(1),
          Arrays.asList(r.getString(2).split(" / ")), r.getString(3), r.getString(4)));
    }
    return evaluate(RuleLibraryEvaluation.run(entries, name -> {
      InputStream in = RestrictionAnalyses.class.getClassLoader().getResourceAsStream(RULE_LIBRARY + name);
      if (in == null) {
        throw new UserException("规则库文件 " + name + " 不在插件包中，请重新构建插件。");
      }
      return in;
    }));
  }

  /** Where the NHSA rule library's files are, on the plugin's class path. */
  static final String RULE_LIBRARY = "medinsight/data/nhsa-rules/";
}
