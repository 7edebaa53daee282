package medinsight.analysis;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.grouping;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Theme 1, core attributes: levels, dosage forms, self-payment, fixed payment, generics, burden. */
public final class CoreAnalyses {
  private CoreAnalyses() {}

  /** Groups of the levels table, in display order. */
  /**
   * The groups of the 凡例's count: 西药部分, 中成药部分 (of which 民族药), 协议期内谈判药品部分 (its
   * 西药, of which 竞价药品, and its 中成药), and the total. The 谈判药品 total and the "of which"
   * rows are left out without subtotals, so a chart of the rest adds up.
   */
  static final String[] LEVEL_GROUPS = {"西药", "中成药", "中成药·其中民族药", "谈判药品", "谈判药品·西药", "谈判药品·其中竞价药品",
      "谈判药品·中成药", "合计"};
  private static final Set<String> PART_OF_OTHERS = Set.of("中成药·其中民族药", "谈判药品", "谈判药品·其中竞价药品");

  /**
   * Insurance-level distribution of the catalog, by entry or by variety (a variety is 甲 when any
   * of its rows is 甲). Negotiated and bid drugs are paid as 乙.
   */
  public static ResultTable levels(DrugTables t, boolean byVariety) {
    return levels(t, byVariety, true);
  }

  /** As {@link #levels(DrugTables, boolean)}; without subtotals, no 小计 rows and no 合计 group. */
  public static ResultTable levels(DrugTables t, boolean byVariety, boolean subtotals) {
    Dataset<Row> c = t.catalog;
    Column negotiated = col("part").notEqual(lit("常规目录"));
    List<Row> rows;
    if (byVariety) {
      // one shuffle: a row per variety, folded into the groups below
      rows = c.groupBy(col("section"), col("medicine_type"), col("variety_id"))
          .agg(max(when(col("level").equalTo("甲"), 1).otherwise(0)).as("jia"),
              max(when(col("ethnic"), 1).otherwise(0)).as("ethnic"),
              max(when(negotiated, 1).otherwise(0)).as("neg"))
          .select(col("section"), col("medicine_type"), col("jia"), col("ethnic"), col("neg"), lit(1L).as("n"))
          .collectAsList();
    } else {
      rows = c.groupBy(col("section"), col("medicine_type"),
              when(col("level").equalTo("甲"), 1).otherwise(0).as("jia"),
              when(col("ethnic"), 1).otherwise(0).as("ethnic"),
              when(negotiated, 1).otherwise(0).as("neg"))
          .agg(count(lit(1)).as("n"))
          .collectAsList();
    }
    Map<String, long[]> groups = new LinkedHashMap<>();
    for (String g : LEVEL_GROUPS) {
      groups.put(g, new long[2]);
    }
    for (Row r : rows) {
      boolean neg = r.getInt(4) == 1;
      String type = r.getString(1);
      int lvl = r.getInt(2) == 1 ? 0 : 1;
      long n = r.getLong(5);
      String group = neg ? "谈判药品·" + type : type;
      groups.get(group)[lvl] += n;
      if (neg) {
        groups.get("谈判药品")[lvl] += n;
        if ("竞价药品".equals(r.getString(0))) {
          groups.get("谈判药品·其中竞价药品")[lvl] += n;
        }
      }
      if (!neg && "中成药".equals(type) && r.getInt(3) == 1) {
        groups.get("中成药·其中民族药")[lvl] += n;
      }
      groups.get("合计")[lvl] += n;
    }
    ResultTable out = new ResultTable(byVariety ? "医保类别分布（按品种）" : "医保类别分布（按条目）")
        .text("group").text("level").count(byVariety ? "varieties" : "entries").percent("share");
    for (Map.Entry<String, long[]> e : groups.entrySet()) {
      long total = e.getValue()[0] + e.getValue()[1];
      if (total == 0 || (!subtotals && (e.getKey().equals("合计") || PART_OF_OTHERS.contains(e.getKey())
          && !e.getKey().equals("中成药·其中民族药")))) {
        continue;
      }
      out.add(e.getKey(), "甲", e.getValue()[0], Levels.share(e.getValue()[0], total));
      out.add(e.getKey(), "乙", e.getValue()[1], Levels.share(e.getValue()[1], total));
      if (subtotals) {
        out.add(e.getKey(), "小计", total, 1.0);
      }
    }
    out.note(byVariety ? "品种：★(n) 行归入品种 n；任一行为甲类的品种计为甲类；谈判、竞价药品按乙类支付。分组与凡例一致：西药部分、中成药部分（其中民族药）、协议期内谈判药品部分（西药含竞价药品、中成药），合计即凡例的“共计”。"
        : "条目：目录中的每一行（含 ★ 重复剂型行）。");
    return out;
  }

  /**
   * The overview's key figures in one row: entries, varieties, 甲/乙 shares of varieties, products,
   * manufacturers, the share of entries with a restriction, and negotiated varieties.
   */
  public static ResultTable kpis(DrugTables t) {
    List<Row> rows = t.catalog.groupBy(col("variety_id"))
        .agg(count(lit(1)).as("entries"), max(when(col("level").equalTo("甲"), 1).otherwise(0)).as("jia"),
            sum(when(col("restricted"), 1).otherwise(0)).as("restricted"),
            max(when(col("part").notEqual(lit("常规目录")), 1).otherwise(0)).as("neg"))
        .collectAsList();
    long entries = 0;
    long jia = 0;
    long restricted = 0;
    long negotiated = 0;
    for (Row r : rows) {
      entries += r.getLong(1);
      jia += r.getInt(2);
      restricted += r.getLong(3);
      negotiated += r.getInt(4);
    }
    long varieties = rows.size();
    DrugTables.ProductStats ps = t.productStats();
    ResultTable out = new ResultTable("核心指标");
    if (t.syntheticProducts()) {
      out.sample("products", "manufacturers");
    }
    return out.count("entries").count("varieties").percent("jia_variety_share")
        .percent("yi_variety_share").count("products").count("manufacturers").percent("restricted_entry_share")
        .count("negotiated_varieties")
        .add(entries, varieties, Levels.share(jia, varieties), Levels.share(varieties - jia, varieties), ps.products,
            ps.manufacturers, Levels.share(restricted, entries), negotiated)
        .note("品种：★(n) 行归入品种 n，任一行甲类即为甲类；支付限定：目录备注（除 ◇/□ 标记外）非空的条目；谈判药品含协议期内谈判与竞价药品。");
  }

  /** Products and mean self-payment per dosage form, forms with at least {@code minCount} products. */
  public static ResultTable forms(DrugTables t, int minCount, int top) {
    List<Row> all = t.products.groupBy(col("dosage_form"))
        .agg(count(lit(1)).as("n"), avg("self_pay_ratio").as("mean"), size(collect_set("name")).as("generics"))
        .collectAsList();
    long total = 0;
    List<Row> rows = new ArrayList<>();
    for (Row r : all) {
      total += r.getLong(1);
      if (r.getLong(1) >= minCount) {
        rows.add(r);
      }
    }
    rows.sort((a, b) -> a.getLong(1) != b.getLong(1) ? Long.compare(b.getLong(1), a.getLong(1))
        : String.valueOf(a.getString(0)).compareTo(String.valueOf(b.getString(0))));
    ResultTable out = new ResultTable("剂型分布").text("dosage_form").count("products").percent("share")
        .count("generics").percent("mean_self_pay");
    int i = 0;
    for (Row r : rows) {
      if (top > 0 && i++ >= top) {
        break;
      }
      out.add(r.isNullAt(0) ? "（未注明）" : r.getString(0), r.getLong(1), Levels.share(r.getLong(1), total),
          (long) r.getInt(3), Levels.dbl(r, 2));
    }
    if (top > 0 && rows.size() > top) {
      out.note("共 " + rows.size() + " 种剂型满足条件，显示产品数最多的 " + top + " 种（--top 调整）。");
    }
    return out;
  }

  /** Self-payment ratio statistics per level. */
  public static ResultTable ratios(DrugTables t) {
    // one job: the rollup's row with a null level (and grouping id 1) is the total
    List<Row> rollup = t.products.rollup(col("level"))
        .agg(count(lit(1)).as("n"), avg("self_pay_ratio"), min("self_pay_ratio"), max("self_pay_ratio"),
            stddev_samp("self_pay_ratio"), grouping("level"))
        .collectAsList();
    List<Row> rows = new ArrayList<>();
    Row total = null;
    for (Row r : rollup) {
      if (r.getByte(6) == 1) {
        total = r;
      } else {
        rows.add(r);
      }
    }
    ResultTable out = new ResultTable("自付比例统计").text("level").count("products").percent("mean_self_pay")
        .percent("min_self_pay").percent("max_self_pay").percent("stddev_self_pay");
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Levels.BY_LEVEL.compare(a.getString(0), b.getString(0)));
    for (Row r : sorted) {
      out.add(Levels.label(r.getString(0)), r.getLong(1), Levels.dbl(r, 2), Levels.dbl(r, 3), Levels.dbl(r, 4),
          r.isNullAt(5) ? null : r.getDouble(5));
    }
    if (total != null && total.getLong(1) > 0) {
      out.add("合计", total.getLong(1), Levels.dbl(total, 2), Levels.dbl(total, 3), Levels.dbl(total, 4),
          total.isNullAt(5) ? null : total.getDouble(5));
    }
    String note = Levels.ratioNote(t);
    if (note != null) {
      out.note(note);
    }
    return out;
  }

  /** Fixed-payment (定额支付) products per level and drug type. */
  public static ResultTable fixed(DrugTables t) {
    List<Row> rows = t.products.groupBy(col("drug_type"), col("level"))
        .agg(count(lit(1)).as("n"), sum(when(col("fixed_payment"), 1).otherwise(0)).as("fixed"),
            avg(when(col("fixed_payment"), col("fixed_amount"))).as("mean"),
            min(when(col("fixed_payment"), col("fixed_amount"))).as("min"),
            max(when(col("fixed_payment"), col("fixed_amount"))).as("max"))
        .collectAsList();
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> {
      int c = String.valueOf(a.getString(0)).compareTo(String.valueOf(b.getString(0)));
      return c != 0 ? c : Levels.BY_LEVEL.compare(a.getString(1), b.getString(1));
    });
    ResultTable out = new ResultTable("定额支付药品").text("drug_type").text("level").count("products")
        .count("fixed_products").percent("fixed_share").col("mean_fixed_amount", ResultTable.Type.MONEY)
        .col("min_fixed_amount", ResultTable.Type.MONEY).col("max_fixed_amount", ResultTable.Type.MONEY);
    long n = 0;
    long f = 0;
    for (Row r : sorted) {
      long fixedCount = r.getLong(3);
      n += r.getLong(2);
      f += fixedCount;
      out.add(r.isNullAt(0) ? "（未注明）" : r.getString(0), r.getString(1), r.getLong(2), fixedCount,
          Levels.share(fixedCount, r.getLong(2)), r.isNullAt(4) ? null : r.getDouble(4),
          r.isNullAt(5) ? null : r.getDouble(5), r.isNullAt(6) ? null : r.getDouble(6));
    }
    out.add("合计", "", n, f, Levels.share(f, n), null, null, null);
    return out;
  }

  /** The generic names with the most products, with their distinct manufacturers. */
  public static ResultTable generics(DrugTables t, int top) {
    List<Row> rows = t.products.groupBy(col("name"))
        .agg(count(lit(1)).as("n"), size(collect_set("manufacturer")).as("makers"),
            size(collect_set("dosage_form")).as("forms"), collect_set("level").as("levels"), avg("self_pay_ratio").as("mean"))
        .orderBy(col("n").desc(), col("makers").desc(), col("name"))
        .limit(top)
        .collectAsList();
    long total = t.productStats().products;
    ResultTable out = new ResultTable("高频通用名").count("rank").text("name").count("products").percent("share")
        .count("manufacturers").count("forms").text("levels").percent("mean_self_pay");
    long rank = 0;
    for (Row r : rows) {
      List<String> levels = new ArrayList<>(r.<String>getList(4));
      levels.sort(Levels.BY_LEVEL);
      out.add(++rank, r.getString(0), r.getLong(1), Levels.share(r.getLong(1), total), (long) r.getInt(2),
          (long) r.getInt(3), String.join("/", levels), Levels.dbl(r, 5));
    }
    return out;
  }

  /**
   * Manufacturers per generic name and dosage form — how many firms compete for the same drug in
   * the same form — the groups with most products first. A product linked to the catalog counts
   * under the catalog's name (so 阿莫西林胶囊 and 阿莫西林片 of a real list are one generic); an
   * unlinked one under its own name.
   */
  public static ResultTable genericsByForm(DrugTables t, int top) {
    Column generic = t.products.col("link_status").equalTo("linked").and(t.products.col("variety_id").isNotNull());
    Dataset<Row> names = t.catalog.groupBy(col("variety_id").as("v")).agg(min("name").as("catalog_name"));
    Dataset<Row> p = t.products.join(names, t.products.col("variety_id").equalTo(names.col("v")), "left")
        .withColumn("generic", when(generic.and(col("catalog_name").isNotNull()), col("catalog_name")).otherwise(col("name")));
    long total = t.productStats().products;
    List<Row> rows = p.groupBy(col("generic"), col("dosage_form"))
        .agg(count(lit(1)).as("n"), size(collect_set("manufacturer")).as("makers"), collect_set("level").as("levels"),
            avg("self_pay_ratio").as("mean"))
        .orderBy(col("n").desc(), col("makers").desc(), col("generic"), col("dosage_form"))
        .limit(top)
        .collectAsList();
    ResultTable out = new ResultTable("通用名 × 剂型的生产企业数").count("rank").text("name").text("dosage_form")
        .count("products").percent("share").count("manufacturers").text("levels").percent("mean_self_pay");
    long rank = 0;
    for (Row r : rows) {
      List<String> levels = new ArrayList<>(r.<String>getList(4));
      levels.sort(Levels.BY_LEVEL);
      out.add(++rank, r.getString(0), r.isNullAt(1) ? "（未注明）" : r.getString(1), r.getLong(2),
          Levels.share(r.getLong(2), total), (long) r.getInt(3), String.join("/", levels), Levels.dbl(r, 5));
    }
    out.note("生产企业数：同一通用名、同一剂型的不同生产企业，即该药品的竞争企业数；已链接目录的产品按目录药品名称归并。");
    return out;
  }

  /** Default self-payment bands: 0–10 %, 10–30 %, 30–60 %, 60–100 %. */
  public static final double[] DEFAULT_BANDS = {0, 0.10, 0.30, 0.60, 1.0};

  public static String bandLabel(double lo, double hi, boolean first) {
    return (first ? "[" : "(") + pct(lo) + "–" + pct(hi) + "]";
  }

  private static String pct(double v) {
    double p = v * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(Levels.round(p, 1))) + "%";
  }

  /**
   * Products per self-payment band and level. A band is (lo, hi], the first [lo, hi], so 0 %
   * falls in the first band and 10 % in the first too.
   */
  public static ResultTable burden(DrugTables t, double[] bounds) {
    if (bounds.length < 2) {
      throw new IllegalArgumentException("至少需要两个分界点，例如 0,0.1,0.3,0.6,1");
    }
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        throw new IllegalArgumentException("分界点必须严格递增：" + Arrays.toString(bounds));
      }
    }
    Column band = lit(-1);
    for (int i = bounds.length - 2; i >= 0; i--) {
      Column in = i == 0
          ? col("self_pay_ratio").geq(bounds[0]).and(col("self_pay_ratio").leq(bounds[1]))
          : col("self_pay_ratio").gt(bounds[i]).and(col("self_pay_ratio").leq(bounds[i + 1]));
      band = when(in, i).otherwise(band);
    }
    List<Row> rows = t.products.groupBy(band.as("band"), col("level")).agg(count(lit(1)).as("n")).collectAsList();
    Map<String, long[]> byLevel = new TreeMap<>(Levels.BY_LEVEL);
    int nb = bounds.length - 1;
    for (Row r : rows) {
      int b = r.getInt(0);
      long[] counts = byLevel.computeIfAbsent(r.getString(1), k -> new long[nb + 1]);
      counts[b < 0 ? nb : b] += r.getLong(2);
    }
    ResultTable out = new ResultTable("自付负担分档").text("band").text("level").count("products").percent("share_in_level");
    for (int b = 0; b <= nb; b++) {
      String label = b == nb ? "分档之外" : bandLabel(bounds[b], bounds[b + 1], b == 0);
      for (Map.Entry<String, long[]> e : byLevel.entrySet()) {
        long total = 0;
        for (long v : e.getValue()) {
          total += v;
        }
        long v = e.getValue()[b];
        if (b == nb && v == 0) {
          continue;
        }
        out.add(label, Levels.label(e.getKey()), v, Levels.share(v, total));
      }
    }
    String note = Levels.ratioNote(t);
    if (note != null) {
      out.note(note);
    }
    return out;
  }

  /** Dosage form × level, products per cell, the {@code top} forms by products. */
  public static ResultTable matrix(DrugTables t, int top) {
    List<Row> rows = new ArrayList<>(t.products.groupBy(col("dosage_form"))
        .agg(count(lit(1)).as("n"), sum(when(col("level").equalTo("甲"), 1).otherwise(0)).as("jia"),
            sum(when(col("level").equalTo("乙"), 1).otherwise(0)).as("yi"),
            sum(when(col("level").equalTo("丙"), 1).otherwise(0)).as("bing"))
        .collectAsList());
    // a form per row: sorted here, not by a range sort in Spark
    rows.sort(Comparator.comparingLong((Row r) -> -r.getLong(1))
        .thenComparing((Row r) -> r.isNullAt(0) ? null : r.getString(0), SparkOrder::strings));
    ResultTable out = new ResultTable("剂型 × 医保类别").text("dosage_form").count("level_jia").count("level_yi")
        .count("level_bing").count("products");
    int i = 0;
    for (Row r : rows) {
      if (i++ >= top) {
        break;
      }
      out.add(r.isNullAt(0) ? "（未注明）" : r.getString(0), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(1));
    }
    if (rows.size() > top) {
      out.totalRows(rows.size()).note("共 " + rows.size() + " 种剂型，显示产品数最多的 " + top + " 种（--top 调整）。");
    }
    return out;
  }

  /**
   * Counts down the category tree (ATC-like for 西药, function tree for 中成药) at a depth 1–4:
   * entries, varieties, 甲 varieties and products of those varieties.
   */
  public static ResultTable categories(DrugTables t, int depth, String medicineType) {
    if (depth < 1 || depth > 4) {
      throw new IllegalArgumentException("--depth 应为 1–4");
    }
    Dataset<Row> c = t.catalog;
    if (medicineType != null) {
      c = c.filter(col("medicine_type").equalTo(medicineType));
    }
    String code = "cat" + depth + "_code";
    String name = "cat" + depth + "_name";
    // two small jobs, joined here: catalog rows per category and variety, products per variety
    List<Row> perVariety = c.filter(col(code).isNotNull())
        .groupBy(col(code), col(name), col("medicine_type"), col("variety_id"))
        .agg(count(lit(1)).as("entries"), max(when(col("level").equalTo("甲"), 1).otherwise(0)).as("jia"))
        .collectAsList();
    Map<String, Long> productsPerVariety = new HashMap<>();
    for (Row r : t.products.filter(col("variety_id").isNotNull()).groupBy("variety_id").agg(count(lit(1))).collectAsList()) {
      productsPerVariety.put(r.getString(0), r.getLong(1));
    }
    Map<String, Object[]> byCode = new TreeMap<>();
    for (Row r : perVariety) {
      Object[] acc = byCode.computeIfAbsent(r.getString(0), k -> new Object[] {r.getString(2), k, r.getString(1), 0L, 0L, 0L, 0L});
      acc[3] = (Long) acc[3] + r.getLong(4);
      acc[4] = (Long) acc[4] + 1;
      acc[5] = (Long) acc[5] + r.getInt(5);
      acc[6] = (Long) acc[6] + productsPerVariety.getOrDefault(r.getString(3), 0L);
    }
    ResultTable out = new ResultTable("目录分类（第 " + depth + " 级）").text("medicine_type").text("category_code")
        .text("category_name").count("entries").count("varieties").count("jia_varieties").count("products");
    for (Object[] row : byCode.values()) {
      out.add(row);
    }
    return out;
  }
}
