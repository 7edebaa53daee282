package medinsight.analysis;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import medinsight.catalog.DataKind;
import medinsight.engine.DrugTables;
import medinsight.engine.LoadReport;
import org.apache.spark.sql.Row;

/** Theme 4, Chinese medicine and formula granules. */
public final class TcmAnalyses {
  private TcmAnalyses() {}

  public static final String GRANULE = "中药配方颗粒";

  /**
   * Shares of 西药, 中成药 (民族药 apart), 中药饮片 and 配方颗粒 by catalog entries, varieties and
   * products. 饮片 are their own list (entries = varieties = pieces; no product rows); granules are
   * not catalog entries (their varieties are the distinct granule names).
   */
  public static ResultTable share(DrugTables t) {
    return share(t, true);
  }

  /** As {@link #share(DrugTables)}; {@code total} adds the 合计 row (charts leave it out). */
  public static ResultTable share(DrugTables t, boolean totalRow) {
    Map<String, long[]> g = new LinkedHashMap<>();
    for (String k : List.of("西药", "中成药（不含民族药）", "民族药", "中药饮片", GRANULE)) {
      g.put(k, new long[3]);
    }
    Set<String> ethnic = new HashSet<>();
    for (Row r : t.catalog.groupBy(col("medicine_type"), col("variety_id"))
        .agg(count(lit(1)).as("n"), max(when(col("ethnic"), 1).otherwise(0)).as("ethnic")).collectAsList()) {
      if (r.getInt(3) == 1) {
        ethnic.add(r.getString(1));
      }
      String key = "西药".equals(r.getString(0)) ? "西药" : r.getInt(3) == 1 ? "民族药" : "中成药（不含民族药）";
      g.get(key)[0] += r.getLong(2);
      g.get(key)[1] += 1;
    }
    LoadReport yinpianReport = t.report(DataKind.YINPIAN);
    long pieces = yinpianReport != null ? yinpianReport.loaded : t.yinpian.count();
    g.get("中药饮片")[0] = pieces;
    g.get("中药饮片")[1] = pieces;
    // products: by drug type; 中成药 products of ethnic varieties count as 民族药
    for (Row r : t.products.groupBy(col("drug_type"), col("variety_id"))
        // names are only needed for the granules: collecting them for every variety cost more than the rest
        .agg(count(lit(1)).as("n"), size(collect_set(when(col("drug_type").equalTo(GRANULE), col("name")))).as("names"))
        .collectAsList()) {
      String type = r.getString(0);
      String key = GRANULE.equals(type) ? GRANULE : "西药".equals(type) ? "西药"
          : "中成药".equals(type) ? (r.getString(1) != null && ethnic.contains(r.getString(1)) ? "民族药" : "中成药（不含民族药）") : null;
      if (key != null) {
        g.get(key)[2] += r.getLong(2);
      }
      if (GRANULE.equals(type)) {
        g.get(GRANULE)[1] += r.getInt(3);
      }
    }
    long[] total = new long[3];
    g.values().forEach(v -> {
      for (int i = 0; i < 3; i++) {
        total[i] += v[i];
      }
    });
    ResultTable out = new ResultTable("中西药构成").text("group").count("entries").percent("entry_share").count("varieties")
        .percent("variety_share").count("products").percent("product_share");
    for (Map.Entry<String, long[]> e : g.entrySet()) {
      long[] v = e.getValue();
      out.add(e.getKey(), v[0], Levels.share(v[0], total[0]), v[1], Levels.share(v[1], total[1]), v[2], Levels.share(v[2], total[2]));
    }
    if (totalRow) {
      out.add("合计", total[0], 1.0, total[1], 1.0, total[2], 1.0);
    }
    out.note("条目与品种含谈判药品；饮片按《基金支付的中药饮片》892 种计（无产品行）；配方颗粒不在国家目录中，品种数为不同颗粒名称数（示例数据为合成）。");
    return out;
  }

  /** The 饮片 list: pieces paid only in combination (the □ mark) and not, with granule coverage. */
  public static ResultTable yinpian(DrugTables t) {
    Map<String, Long> granules = new HashMap<>();
    for (Row r : t.products.filter(col("drug_type").equalTo(GRANULE)).groupBy("name").agg(count(lit(1))).collectAsList()) {
      granules.put(r.getString(0), r.getLong(1));
    }
    long marked = 0;
    long unmarked = 0;
    long markedWithGranules = 0;
    long unmarkedWithGranules = 0;
    for (Row r : t.yinpian.select("name", "not_paid_alone").collectAsList()) {
      boolean m = r.getBoolean(1);
      boolean hasGranule = granules.containsKey(r.getString(0) + "配方颗粒");
      if (m) {
        marked++;
        markedWithGranules += hasGranule ? 1 : 0;
      } else {
        unmarked++;
        unmarkedWithGranules += hasGranule ? 1 : 0;
      }
    }
    long total = marked + unmarked;
    ResultTable out = new ResultTable("中药饮片").text("group").count("pieces").percent("share").count("with_granules");
    out.add("单独使用不予支付（□）", marked, Levels.share(marked, total), markedWithGranules);
    out.add("可单独支付", unmarked, Levels.share(unmarked, total), unmarkedWithGranules);
    out.add("合计", total, 1.0, markedWithGranules + unmarkedWithGranules);
    out.note("□：单独使用时不予支付，且全部由这些饮片组成的处方也不予支付。“有配方颗粒”：产品清单中有同名配方颗粒产品的饮片数。");
    return out;
  }

  /** Formula-granule products by manufacturer: products, pieces covered, levels and self-payment. */
  public static ResultTable granules(DrugTables t, int top) {
    List<Row> rows = new ArrayList<>(t.products.filter(col("drug_type").equalTo(GRANULE)).groupBy("manufacturer")
        .agg(count(lit(1)).as("n"), size(collect_set("name")).as("pieces"), avg("self_pay_ratio").as("mean"),
            sum(when(col("level").equalTo("乙"), 1).otherwise(0)).as("yi"),
            sum(when(col("restricted"), 1).otherwise(0)).as("r"))
        .collectAsList());
    // a manufacturer per row: sorted here, not by a range sort in Spark
    rows.sort(Comparator.comparingLong((Row r) -> -r.getLong(1))
        .thenComparing((Row r) -> r.getString(0), SparkOrder::strings));
    long total = rows.stream().mapToLong(r -> r.getLong(1)).sum();
    ResultTable out = new ResultTable("配方颗粒生产企业").text("manufacturer").count("products").percent("product_share")
        .count("pieces").count("level_yi").percent("mean_self_pay").count("restricted_products");
    int i = 0;
    for (Row r : rows) {
      if (i++ >= top) {
        break;
      }
      out.add(r.getString(0), r.getLong(1), Levels.share(r.getLong(1), total), (long) r.getInt(2), r.getLong(4),
          Levels.dbl(r, 3), r.getLong(5));
    }
    if (rows.isEmpty()) {
      out.note("当前产品清单中没有药品类型为“中药配方颗粒”的产品。");
    } else {
      out.note("共 " + rows.size() + " 家企业、" + total + " 个配方颗粒产品；有支付限定的多为□标记饮片的颗粒（单独使用不予支付）。");
    }
    return out;
  }

}
