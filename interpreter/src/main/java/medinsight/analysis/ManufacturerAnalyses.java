package medinsight.analysis;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Theme 2, manufacturers: share, portfolio, specialisation, diversity, concentration, positioning. */
public final class ManufacturerAnalyses {
  private ManufacturerAnalyses() {}

  private static Column flag(Column c) {
    return sum(when(c, 1).otherwise(0));
  }

  /** Market share by products and by distinct generic names. */
  public static ResultTable share(DrugTables t, int top) {
    return share(t, top, true);
  }

  /** As {@link #share(DrugTables, int)}; {@code others} adds a row for the firms not shown. */
  public static ResultTable share(DrugTables t, int top, boolean others) {
    List<Row> all = new ArrayList<>(known(t).groupBy("manufacturer")
        .agg(count(lit(1)).as("n"), size(collect_set("name")).as("generics")).collectAsList());
    all.sort(Comparator.comparingLong((Row r) -> -r.getLong(1)).thenComparingInt(r -> -r.getInt(2))
        .thenComparing(r -> r.getString(0)));
    long products = t.productStats().products - t.productStats().unknownMaker;
    long makers = all.size();
    List<Row> rows = all.subList(0, Math.min(top, all.size()));
    long genericsTotal = t.productStats().generics;
    ResultTable out = new ResultTable("生产企业市场份额").count("rank").text("manufacturer").count("products")
        .percent("product_share").count("generics").percent("generic_coverage");
    long rank = 0;
    long shown = 0;
    for (Row r : rows) {
      shown += r.getLong(1);
      out.add(++rank, r.getString(0), r.getLong(1), Levels.share(r.getLong(1), products), (long) r.getInt(2),
          Levels.share(r.getInt(2), genericsTotal));
    }
    if (others && makers > rows.size()) {
      out.add(null, "其他 " + (makers - rows.size()) + " 家企业", products - shown, Levels.share(products - shown, products),
          null, null);
    }
    out.note("共 " + makers + " 家企业、" + products + " 个产品、" + genericsTotal + " 个通用名；通用名覆盖率 = 该企业生产的通用名数 / 全部通用名数。");
    noteUnknownMakers(t, out);
    return out;
  }

  /** The top manufacturers' portfolios: products by level, negotiated drugs, generics and forms. */
  public static ResultTable portfolio(DrugTables t, int top) {
    List<Row> rows = known(t).groupBy("manufacturer")
        .agg(count(lit(1)).as("n"), flag(col("level").equalTo("甲")).as("jia"), flag(col("level").equalTo("乙")).as("yi"),
            flag(col("level").equalTo("丙")).as("bing"), flag(col("negotiated")).as("neg"),
            size(collect_set("name")).as("generics"), size(collect_set("dosage_form")).as("forms"),
            flag(col("drug_type").equalTo("中成药")).as("tcm"))
        .orderBy(col("n").desc(), col("manufacturer")).limit(top).collectAsList();
    ResultTable out = new ResultTable("生产企业产品组合").text("manufacturer").count("products").count("level_jia")
        .count("level_yi").count("level_bing").percent("jia_share").count("negotiated_products").count("generics")
        .count("forms").percent("tcm_share");
    for (Row r : rows) {
      long n = r.getLong(1);
      out.add(r.getString(0), n, r.getLong(2), r.getLong(3), r.getLong(4), Levels.share(r.getLong(2), n), r.getLong(5),
          (long) r.getInt(6), (long) r.getInt(7), Levels.share(r.getLong(8), n));
    }
    noteUnknownMakers(t, out);
    return out;
  }

  /** Per manufacturer: counts per dosage form, for specialisation and diversity. */
  private static Map<String, Map<String, Long>> formCounts(DrugTables t) {
    List<Row> rows = known(t).groupBy("manufacturer", "dosage_form").agg(count(lit(1)).as("n")).collectAsList();
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      String form = r.isNullAt(1) ? "（未注明）" : r.getString(1);
      out.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>()).merge(form, r.getLong(2), Long::sum);
    }
    return out;
  }

  private static long total(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  private static List<Map.Entry<String, Map<String, Long>>> largest(Map<String, Map<String, Long>> byMaker, int top,
      int minProducts) {
    List<Map.Entry<String, Map<String, Long>>> list = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> e : byMaker.entrySet()) {
      if (total(e.getValue()) >= minProducts) {
        list.add(e);
      }
    }
    list.sort(Comparator.comparingLong((Map.Entry<String, Map<String, Long>> e) -> -total(e.getValue()))
        .thenComparing(Map.Entry::getKey));
    return top > 0 && list.size() > top ? list.subList(0, top) : list;
  }

  /** Dosage-form specialisation: the dominant form and its share; ≥ 60 % is a specialist. */
  public static ResultTable specialization(DrugTables t, int top) {
    ResultTable out = new ResultTable("生产企业剂型专业化").text("manufacturer").count("products").count("forms")
        .text("main_form").percent("main_form_share").text("profile");
    for (Map.Entry<String, Map<String, Long>> e : largest(formCounts(t), top, 1)) {
      long n = total(e.getValue());
      Map.Entry<String, Long> main = e.getValue().entrySet().stream()
          .max(Comparator.comparingLong((Map.Entry<String, Long> x) -> x.getValue())
              .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
          .orElseThrow();
      double s = Levels.share(main.getValue(), n);
      out.add(e.getKey(), n, (long) e.getValue().size(), main.getKey(), s, s >= 0.6 ? "专精型" : s >= 0.3 ? "主导型" : "多元型");
    }
    out.note("专精型：主剂型占比 ≥ 60%；主导型：30%–60%；多元型：< 30%。");
    noteUnknownMakers(t, out);
    return out;
  }

  /** Shannon and Simpson diversity of each manufacturer's dosage forms. */
  public static ResultTable diversity(DrugTables t, int top, int minProducts) {
    ResultTable out = new ResultTable("生产企业剂型多样性").text("manufacturer").count("products").count("forms")
        .number("shannon").number("simpson").number("evenness");
    for (Map.Entry<String, Map<String, Long>> e : largest(formCounts(t), top, minProducts)) {
      long[] counts = e.getValue().values().stream().mapToLong(Long::longValue).toArray();
      out.add(e.getKey(), total(e.getValue()), (long) counts.length, Diversity.shannon(counts), Diversity.simpson(counts),
          Diversity.evenness(counts));
    }
    out.note("Shannon H = −Σ p·ln p（自然对数）；Simpson D = 1 − Σ p²；均匀度 = H / ln(剂型数)。p 为各剂型产品占比。");
    noteUnknownMakers(t, out);
    return out;
  }

  /** CR4, CR10 and HHI over product shares: the whole market and each drug type. */
  public static ResultTable concentration(DrugTables t) {
    List<Row> rows = known(t).groupBy("drug_type", "manufacturer").agg(count(lit(1)).as("n")).collectAsList();
    Map<String, Map<String, Long>> byScope = new LinkedHashMap<>();
    byScope.put("全部产品", new LinkedHashMap<>());
    for (Row r : rows) {
      String type = r.isNullAt(0) ? "（未注明）" : r.getString(0);
      byScope.get("全部产品").merge(r.getString(1), r.getLong(2), Long::sum);
      byScope.computeIfAbsent(type, k -> new LinkedHashMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
    }
    ResultTable out = new ResultTable("市场集中度").text("scope").count("manufacturers").count("products")
        .percent("cr4").percent("cr10").number("hhi").text("reading");
    for (Map.Entry<String, Map<String, Long>> e : byScope.entrySet()) {
      long[] counts = e.getValue().values().stream().mapToLong(Long::longValue).toArray();
      double hhi = Diversity.hhi(counts);
      double cr4 = Diversity.concentrationRatio(counts, 4);
      out.add(e.getKey(), (long) counts.length, total(e.getValue()), cr4,
          Diversity.concentrationRatio(counts, 10), Levels.round(hhi, 1), Diversity.reading(hhi, cr4));
    }
    out.note("CRn：产品数最多的 n 家企业的产品份额之和；HHI = Σ(份额%)²，0–10000。判读：HHI>2500 高度集中，1500–2500 中度集中；"
        + "HHI<1500 时再看 CR4，前四家合占 40% 以上为寡占型，否则为竞争型。");
    noteUnknownMakers(t, out);
    return out;
  }

  /** Self-payment positioning: mean ratio against the market, low- and high-burden products. */
  public static ResultTable positioning(DrugTables t, int top, double low, double high) {
    double market = t.productStats().meanSelfPay;
    List<Row> rows = known(t).groupBy("manufacturer")
        .agg(count(lit(1)).as("n"), avg("self_pay_ratio").as("mean"), flag(col("self_pay_ratio").leq(low)).as("lo"),
            flag(col("self_pay_ratio").geq(high)).as("hi"))
        .orderBy(col("n").desc(), col("manufacturer")).limit(top).collectAsList();
    ResultTable out = new ResultTable("生产企业自付定位").text("manufacturer").count("products").percent("mean_self_pay")
        .count("low_burden").count("high_burden").percent("low_share").percent("high_share").text("position");
    for (Row r : rows) {
      long n = r.getLong(1);
      Double mean = Levels.dbl(r, 2);
      String pos = mean == null ? "无自付比例" : mean <= market * 0.8 ? "低负担型" : mean >= market * 1.2 ? "高负担型" : "均衡型";
      out.add(r.getString(0), n, mean, r.getLong(3), r.getLong(4), Levels.share(r.getLong(3), n),
          Levels.share(r.getLong(4), n), pos);
    }
    out.note(String.format("低负担：自付比例 ≤ %s；高负担：≥ %s；市场平均自付比例 %.1f%%，企业平均低于其 80%% 为低负担型，高于 120%% 为高负担型。",
        pctText(low), pctText(high), market * 100));
    String note = Levels.ratioNote(t);
    if (note != null) {
      out.note(note);
    }
    noteUnknownMakers(t, out);
    return out;
  }

  private static String pctText(double v) {
    return Levels.round(v * 100, 1) + "%";
  }

  /** Share of each manufacturer's products that carry a reimbursement restriction. */
  public static ResultTable restrictions(DrugTables t, int top) {
    double market = Levels.share(t.productStats().restricted, t.productStats().products);
    List<Row> rows = known(t).groupBy("manufacturer")
        .agg(count(lit(1)).as("n"), flag(col("restricted")).as("r"), size(collect_set(when(col("restricted"), col("name")))).as("rg"))
        .orderBy(col("n").desc(), col("manufacturer")).limit(top).collectAsList();
    ResultTable out = new ResultTable("生产企业限制支付比例").text("manufacturer").count("products")
        .count("restricted_products").percent("restricted_share").count("restricted_generics").number("vs_market");
    for (Row r : rows) {
      double s = Levels.share(r.getLong(2), r.getLong(1));
      out.add(r.getString(0), r.getLong(1), r.getLong(2), s, (long) r.getInt(3), market == 0 ? null : Levels.round(s / market, 2));
    }
    out.note(String.format("全市场有支付限定的产品占 %.1f%%；“相对市场”= 企业比例 / 市场比例。", market * 100));
    noteUnknownMakers(t, out);
    return out;
  }

  /** Manufacturer × level, products per cell, the top manufacturers. */
  public static ResultTable matrix(DrugTables t, int top) {
    List<Row> rows = known(t).groupBy("manufacturer")
        .agg(count(lit(1)).as("n"), flag(col("level").equalTo("甲")).as("jia"), flag(col("level").equalTo("乙")).as("yi"),
            flag(col("level").equalTo("丙")).as("bing"))
        .orderBy(col("n").desc(), col("manufacturer")).limit(top).collectAsList();
    ResultTable out = new ResultTable("生产企业 × 医保类别").text("manufacturer").count("level_jia").count("level_yi")
        .count("level_bing").count("products");
    for (Row r : rows) {
      out.add(r.getString(0), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(1));
    }
    noteUnknownMakers(t, out);
    return out;
  }

  /** The groupings of {@code manufacturers exclusive}. */
  public static final List<String> EXCLUSIVE_BY = List.of("list", "level", "category", "manufacturer");

  /**
   * Single-source varieties (独家品种): a generic name in one dosage form that one manufacturer
   * alone makes. {@code by} lists them, or counts them per level, first-level category of the
   * linked catalog entry, or manufacturer, beside all varieties of the group.
   */
  public static ResultTable exclusive(DrugTables t, String by, int top) {
    Dataset<Row> category = t.catalog.where(col("cat1_code").isNotNull())
        .groupBy(col("variety_id").as("catalog_variety"))
        .agg(min(concat_ws(" ", col("cat1_code"), col("cat1_name"))).as("category"));
    Dataset<Row> products = known(t);
    Dataset<Row> varieties = products.where(col("dosage_form").isNotNull())
        .join(category, products.col("variety_id").equalTo(category.col("catalog_variety")), "left")
        .groupBy(col("name"), col("dosage_form"))
        .agg(countDistinct("manufacturer").as("makers"), min("manufacturer").as("manufacturer"),
            concat_ws("/", array_sort(collect_set("level"))).as("level"),
            concat_ws("/", array_sort(collect_set("drug_type"))).as("drug_type"),
            coalesce(min("category"), lit(UNLINKED)).as("category"), count(lit(1)).as("products"))
        .withColumn("level", when(col("level").equalTo(""), lit("未知")).otherwise(col("level")))
        .withColumn("exclusive", col("makers").equalTo(1));
    long all = 0;
    long exclusive = 0;
    for (Row r : varieties.agg(count(lit(1)), flag(col("exclusive"))).collectAsList()) {
      all = r.getLong(0);
      exclusive = r.isNullAt(1) ? 0 : r.getLong(1);
    }
    String summary = String.format("品种 = 通用名 × 剂型；独家品种 = 只有一家生产企业的品种。共 %d 个品种，其中独家品种 %d 个（%.1f%%）。"
        + "一级分类取链接的目录条目（%s）。", all, exclusive, 100.0 * Levels.share(exclusive, all), UNLINKED + "：产品未链接到现行目录");
    ResultTable out;
    if ("list".equals(by)) {
      out = new ResultTable("独家品种").text("name").text("dosage_form").text("manufacturer").text("drug_type").text("level")
          .text("category").count("products");
      for (Row r : varieties.where(col("exclusive"))
          .orderBy(col("level"), col("category"), col("name"), col("dosage_form")).limit(top)
          .select("name", "dosage_form", "manufacturer", "drug_type", "level", "category", "products").collectAsList()) {
        out.add(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getLong(6));
      }
      if (exclusive > top) {
        out.note("列出前 " + top + " 个（按类别、分类、名称排序；--top 调整）。");
      }
    } else if ("manufacturer".equals(by)) {
      out = new ResultTable("独家品种最多的生产企业").count("rank").text("manufacturer").count("exclusive_varieties")
          .count("products");
      long rank = 0;
      for (Row r : varieties.where(col("exclusive")).groupBy("manufacturer")
          .agg(count(lit(1)).as("n"), sum("products").as("p"))
          .orderBy(col("n").desc(), col("p").desc(), col("manufacturer")).limit(top).collectAsList()) {
        out.add(++rank, r.getString(0), r.getLong(1), r.getLong(2));
      }
    } else {
      String key = "level".equals(by) ? "level" : "category";
      out = new ResultTable("独家品种：按" + ("level".equals(by) ? "医保类别" : "一级分类")).text(key).count("generic_forms")
          .count("exclusive_varieties").percent("exclusive_share");
      for (Row r : varieties.groupBy(key).agg(count(lit(1)).as("n"), flag(col("exclusive")).as("e"))
          .orderBy(col("e").desc(), col(key)).limit(top).collectAsList()) {
        long e = r.isNullAt(2) ? 0 : r.getLong(2);
        out.add(r.getString(0), r.getLong(1), e, Levels.share(e, r.getLong(1)));
      }
    }
    out.note(summary);
    noteUnknownMakers(t, out);
    return out;
  }

  /** The category of a product not linked to the current edition. */
  static final String UNLINKED = "（未链接）";

  /** The products whose manufacturer is known: the others cannot be counted for any firm. */
  static Dataset<Row> known(DrugTables t) {
    return t.products.where(col("manufacturer").isNotNull());
  }

  /** Says how many products are left out because their manufacturer is unknown, when any are. */
  static void noteUnknownMakers(DrugTables t, ResultTable out) {
    long n = t.productStats().unknownMaker;
    if (n > 0) {
      out.note(n + " 个产品的生产企业未知（清单中为空或无法读取，见 quarantined_fields），未计入企业分析。");
    }
  }
}
