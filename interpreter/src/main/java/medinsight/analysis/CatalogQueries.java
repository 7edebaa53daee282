package medinsight.analysis;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import medinsight.catalog.CommercialList;
import medinsight.catalog.DataKind;
import medinsight.engine.DrugTables;
import medinsight.engine.LoadReport;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Negotiated drugs, the drug look-up and the data-quality report. */
public final class CatalogQueries {
  private CatalogQueries() {}

  /**
   * Negotiated and bid drugs: without {@code expiring}, counts by section and the year the
   * agreement ends; with it, the agreements that end in that year.
   */
  public static ResultTable negotiated(DrugTables t, Integer expiring, int limit) {
    Dataset<Row> n = t.catalog.filter(col("part").notEqual(lit("常规目录")));
    if (expiring == null) {
      List<Row> rows = new ArrayList<>(n.groupBy(col("section"), year(col("valid_to")).as("y"))
          .agg(count(lit(1)).as("n"), sum(when(col("payment_confidential"), 1).otherwise(0)).as("conf"),
              avg("payment_amount").as("mean"), sum(when(col("remark").isNotNull(), 1).otherwise(0)).as("r"))
          .collectAsList());
      // a section and year per row: sorted here, not by a range sort in Spark
      rows.sort(Comparator.comparing((Row r) -> r.getString(0), SparkOrder::strings)
          .thenComparing((Row r) -> r.isNullAt(1) ? null : r.getInt(1), SparkOrder::integers));
      ResultTable out = new ResultTable("谈判/竞价药品协议").text("section").text("valid_to_year").count("drugs")
          .count("confidential_prices").col("mean_payment", ResultTable.Type.MONEY).count("restricted");
      for (Row r : rows) {
        out.add(r.getString(0), r.isNullAt(1) ? "未注明" : String.valueOf(r.getInt(1)), r.getLong(2), r.getLong(3),
            r.isNullAt(4) ? null : r.getDouble(4), r.getLong(5));
      }
      out.note("支付标准为 * 的为保密价格；平均支付标准按每项第一个金额计算，单位各异，仅供参考。");
      return out;
    }
    Dataset<Row> f = n.filter(year(col("valid_to")).equalTo(expiring)).orderBy(col("valid_to"), col("section"), col("number"));
    List<Row> rows = f.select("section", "number", "name", "category_name", "payment_standard", "payment_amount",
        "payment_unit", "valid_from", "valid_to", "remark").limit(limit + 1).collectAsList();
    long total = rows.size() > limit ? f.count() : rows.size();
    rows = rows.subList(0, Math.min(limit, rows.size()));
    ResultTable out = new ResultTable(expiring + " 年到期的协议").text("section").count("number").text("name")
        .text("category_name").text("payment_standard").col("payment_amount", ResultTable.Type.MONEY).text("payment_unit")
        .col("valid_from", ResultTable.Type.DATE).col("valid_to", ResultTable.Type.DATE).text("remark");
    for (Row r : rows) {
      out.add(r.getString(0), (long) r.getInt(1), r.getString(2), r.getString(3), r.getString(4),
          r.isNullAt(5) ? null : r.getDouble(5), r.getString(6), toLocal(r, 7), toLocal(r, 8), r.getString(9));
    }
    if (total > rows.size()) {
      out.totalRows(total);
    }
    return out;
  }

  private static LocalDate toLocal(Row r, int i) {
    return r.isNullAt(i) ? null : ((Date) r.get(i)).toLocalDate();
  }

  /**
   * The look-up: with a name, the matching entries of the current catalog (every part), of the
   * 饮片 list and of the 商保创新药 list first — exact name, then names that begin with it, then
   * names that contain it — each with what changed since the previous loaded edition; then the
   * products, titled as sample data when they are the bundled synthetic list.
   */
  public static ResultTable[] lookup(DrugTables t, String name, String level, String form, String manufacturer, int limit,
      boolean syntheticProducts) {
    ResultTable products = products(t, name, level, form, manufacturer, limit, syntheticProducts);
    if (name == null || name.isBlank()) {
      return new ResultTable[] {products};
    }
    return new ResultTable[] {entries(t, name.trim(), level, form, manufacturer, limit), products};
  }

  /** How well a name matches: 0 the name itself, 1 a name that begins with it, 2 one that contains it. */
  static int rank(String names, String name) {
    int best = 2;
    for (String n : names.split(" / ")) {
      if (n.equals(name)) {
        return 0;
      }
      if (n.startsWith(name)) {
        best = 1;
      }
    }
    return best;
  }

  private static final Column[] ENTRY = {col("section"), col("number"), col("level"), col("names"), col("dosage_forms"),
      col("remark"), col("payment_standard"), col("valid_from"), col("valid_to")};

  /** The catalog's, the 饮片 list's and the commercial list's entries whose names hold {@code name}. */
  static ResultTable entries(DrugTables t, String name, String level, String form, String manufacturer, int limit) {
    Integer previous = null;
    for (int y : t.editions().keySet()) {
      if (y < t.edition) {
        previous = y;
      }
    }
    String change = previous == null ? "change" : "change_since_previous";
    ResultTable out = new ResultTable("目录条目（" + t.edition + " 年版）").text("section").count("number").text("level").text("name")
        .text("dosage_form").text("remark").text("payment_standard").text("agreement_period").text(change);
    if (manufacturer != null && !manufacturer.isBlank()) {
      out.note("目录条目不按生产企业筛选；生产企业只筛选下面的产品。");
    }
    Column cond = col("names").contains(name);
    if (level != null && !level.isBlank()) {
      cond = cond.and(col("level").equalTo(level.trim()));
    }
    if (form != null && !form.isBlank()) {
      cond = cond.and(col("dosage_forms").contains(form.trim()));
    }
    List<Row> found = new ArrayList<>(t.catalog.filter(cond).select(ENTRY).collectAsList());
    Map<String, List<Row>> before = new HashMap<>();
    if (previous != null) {
      for (Row r : t.editions().get(previous).filter(col("names").contains(name)).select(ENTRY).collectAsList()) {
        for (String n : r.getString(3).split(" / ")) {
          before.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
        }
      }
    }
    found.sort(Comparator.comparingInt((Row r) -> rank(r.getString(3), name))
        .thenComparing((Row r) -> r.getString(0), SparkOrder::strings).thenComparingInt(r -> r.getInt(1)));
    int shown = 0;
    for (Row r : found) {
      if (shown++ == limit) {
        break;
      }
      out.add(r.getString(0), (long) r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
          r.getString(6), period(r, 7), previous == null ? null : changeOf(r, before));
    }
    boolean any = !found.isEmpty();
    if ((level == null || level.isBlank()) && (form == null || form.isBlank())) {
      for (Row y : t.yinpian.filter(col("name").contains(name)).select("number", "name", "not_paid_alone", "remark").collectAsList()) {
        if (shown++ == limit) {
          break;
        }
        out.add("中药饮片", (long) y.getInt(0), null, y.getString(1), null,
            y.getBoolean(2) ? "□ 单独使用不予支付" + (y.isNullAt(3) ? "" : "；" + y.getString(3)) : y.getString(3), null, null, null);
        any = true;
      }
      // the commercial innovative list: not paid by the basic funds, found by name or brand
      for (CommercialList.Drug d : CommercialList.drugs()) {
        if (d.name.contains(name) || d.brand.contains(name)) {
          if (shown++ == limit) {
            break;
          }
          out.add(CommercialList.MARK, (long) d.number, null, d.name + "（" + d.brand + "）", null, d.indication, null,
              d.validity, null);
          any = true;
        }
      }
    }
    if (shown > limit) {
      out.totalRows(found.size());
    }
    if (!any) {
      out.note("目录、饮片与商保创新药目录中没有名称含“" + name + "”的条目。");
    }
    out.note("先列名称完全相同的条目，再列以它开头的，再列包含它的。支付标准为 * 的为保密价格。"
        + (previous == null ? "" : "“与上一版相比”：与 " + previous + " 年版中名称相同的条目比较。")
        + "“" + CommercialList.MARK + "”：商业健康保险创新药品目录（2025年），基本医疗保险基金不予支付。");
    return out;
  }

  private static String period(Row r, int from) {
    LocalDate a = toLocal(r, from);
    LocalDate b = toLocal(r, from + 1);
    return a == null && b == null ? null : (a == null ? "" : a.toString()) + " – " + (b == null ? "" : b.toString());
  }

  /** What changed for an entry since the previous edition, by its names there. */
  static String changeOf(Row now, Map<String, List<Row>> before) {
    // the entry of the same name that is most alike: the same part and the same forms (a ★ row
    // of another form is another entry), else the same part, else any part
    Row was = null;
    int best = -1;
    for (String n : now.getString(3).split(" / ")) {
      for (Row b : before.getOrDefault(n, List.of())) {
        int score = (b.getString(0).equals(now.getString(0)) ? 2 : 0)
            + (java.util.Objects.equals(b.getString(4), now.getString(4)) ? 1 : 0);
        if (score > best) {
          best = score;
          was = b;
        }
      }
    }
    if (was == null) {
      return "新增";
    }
    // the history command's comparison (DrugHistory.change), for one entry instead of a variety
    return DrugHistory.change(entryOf(was), entryOf(now));
  }

  private static DrugHistory.Entry entryOf(Row r) {
    return DrugHistory.entry(r.getString(0), r.getString(3), r.getString(2), r.getString(4), r.getString(5),
        r.isNullAt(6) ? null : r.getString(6), period(r, 7));
  }

  /** Products matching all the given filters; name and manufacturer match as substrings. */
  static ResultTable products(DrugTables t, String name, String level, String form, String manufacturer, int limit,
      boolean synthetic) {
    Column cond = lit(true);
    if (name != null && !name.isBlank()) {
      cond = cond.and(col("name").contains(name.trim()));
    }
    if (level != null && !level.isBlank()) {
      cond = cond.and(col("level").equalTo(level.trim()));
    }
    if (form != null && !form.isBlank()) {
      cond = cond.and(col("dosage_form").equalTo(form.trim()));
    }
    if (manufacturer != null && !manufacturer.isBlank()) {
      cond = cond.and(col("manufacturer").contains(manufacturer.trim()));
    }
    Dataset<Row> f = t.products.filter(cond);
    List<Row> rows = f.orderBy(col("name"), col("manufacturer"), col("product_code")).limit(limit + 1)
        .select("product_code", "name", "drug_type", "level", "dosage_form", "specification", "manufacturer",
            "self_pay_ratio", "fixed_payment", "restriction")
        .collectAsList();
    ResultTable out = new ResultTable(synthetic ? "产品（" + SAMPLE + "）" : "产品").text("product_code").text("name").text("drug_type")
        .text("level").text("dosage_form").text("specification").text("manufacturer").percent("self_pay_ratio").text("fixed_payment")
        .text("restriction");
    for (int i = 0; i < Math.min(limit, rows.size()); i++) {
      Row r = rows.get(i);
      out.add(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
          r.getString(6), Levels.dbl(r, 7), r.getBoolean(8) ? "是" : "否", r.getString(9));
    }
    if (rows.size() > limit) {
      out.totalRows(f.count());
    }
    if (synthetic) {
      out.note(SAMPLE + "：产品清单是按目录合成的，不是北京市场的真实产品（企业名均以“虚构”开头）。");
    }
    if (rows.isEmpty()) {
      out.note("没有符合条件的产品。名称与企业按包含匹配，类别与剂型按完全匹配。");
    }
    return out;
  }

  /** When a table was loaded, to the second, in Beijing time (an Instant's own text has nanoseconds). */
  private static final java.time.format.DateTimeFormatter LOADED_AT = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.of("Asia/Shanghai"));

  /** The mark of figures computed from the bundled synthetic product list. */
  public static final String SAMPLE = "示例数据";

  /**
   * 商业健康保险创新药品目录（2025年）: its drugs by ATC first level (named from the current
   * catalog's category tree), with the agreement's validity; and the count per category.
   */
  public static ResultTable[] commercial(DrugTables t) {
    Map<String, String> names = new HashMap<>();
    for (Row r : t.catalog.select("cat1_code", "cat1_name").distinct().collectAsList()) {
      if (!r.isNullAt(0)) {
        names.put(r.getString(0), r.getString(1));
      }
    }
    ResultTable list = new ResultTable("商保创新药目录（2025年）").text("category_code").text("category_name").count("number")
        .text("name").text("brand").text("holder").col("valid_from", ResultTable.Type.DATE).col("valid_to", ResultTable.Type.DATE)
        .text("indication");
    Map<String, long[]> per = new TreeMap<>();
    List<CommercialList.Drug> drugs = new ArrayList<>(CommercialList.drugs());
    drugs.sort(Comparator.comparing((CommercialList.Drug d) -> d.categoryCode.substring(0, 2))
        .thenComparingInt(d -> d.number));
    for (CommercialList.Drug d : drugs) {
      String c1 = d.categoryCode.substring(0, 2);
      list.add(c1, names.getOrDefault(c1, ""), (long) d.number, d.name, d.brand, d.holder, d.validFrom, d.validTo, d.indication);
      per.computeIfAbsent(c1, k -> new long[1])[0]++;
    }
    list.note("商业健康保险创新药品目录与 2025 年版目录同时发布（医保发〔2025〕33号），供商业健康保险使用，基本医疗保险基金不予支付。");
    ResultTable counts = new ResultTable("商保创新药按 ATC 一级分类").text("category_code").text("category_name").count("drugs");
    for (Map.Entry<String, long[]> e : per.entrySet()) {
      counts.add(e.getKey(), names.getOrDefault(e.getKey(), ""), e.getValue()[0]);
    }
    return new ResultTable[] {counts, list};
  }

  /** Row accounting per source: read = loaded + rejected, duplicates. */
  public static ResultTable qualitySummary(DrugTables t) {
    ResultTable out = new ResultTable("数据加载核对").text("kind").text("source").count("read").count("loaded")
        .count("rejected").count("duplicates").count("quarantined_rows").text("balanced").text("loaded_at").count("load_ms").text("from_warehouse");
    for (Map.Entry<String, LoadReport> e : t.reports().entrySet()) {
      LoadReport r = e.getValue();
      out.add(kindLabel(e.getKey()), r.source, r.read, r.loaded, r.rejected, r.duplicates, r.quarantinedRows,
          r.read == r.loaded + r.rejected ? "是" : "否", LOADED_AT.format(r.loadedAt), r.millis,
          r.restored ? "是（此前用 load 加载，重启后恢复）" : r.fromWarehouse ? "是" : "否");
    }
    out.note("读取 = 加载 + 拒绝；被拒绝的行及原因见 rejected_rows 表（%drugs.sql select * from rejected_rows）。重复：名称、剂型、规格、企业均相同的产品行，已加载。"
        + "含未知字段的行：已加载，其中无法读取的字段置为未知（见 quarantined_fields 表）。");
    return out;
  }

  /**
   * One line naming the data behind every result: the catalog edition, the rows of each table and
   * when they were loaded (in this machine's time zone), for dashboard headers.
   */
  /** When each published edition came into force (the 2025 edition: 医保发〔2025〕33号). */
  static final Map<Integer, String> IN_FORCE = Map.of(2024, "2025-01-01", 2025, "2026-01-01");

  public static String datasetLine(DrugTables t, ZoneId zone) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").withZone(zone);
    StringBuilder b = new StringBuilder("数据：国家医保药品目录 " + t.edition + " 年版"
        + (IN_FORCE.containsKey(t.edition) ? "（" + IN_FORCE.get(t.edition) + " 起执行）" : ""));
    Instant last = null;
    boolean warehouse = false;
    for (Map.Entry<String, LoadReport> e : t.reports().entrySet()) {
      LoadReport r = e.getValue();
      b.append(" · ").append(kindLabel(e.getKey())).append(' ').append(String.format("%,d", r.loaded))
          .append(e.getKey().startsWith("catalog") ? " 条目" : " 行");
      if (r.restored) {
        String name = r.source.substring(r.source.lastIndexOf('/') + 1);
        b.append("（load 加载的 ").append(name).append("，重启后恢复）");
      }
      if (last == null || r.loadedAt.isAfter(last)) {
        last = r.loadedAt;
      }
      warehouse |= r.fromWarehouse;
    }
    if (last != null) {
      b.append(" · 加载于 ").append(f.format(last)).append(warehouse ? "（读自数据仓库）" : "");
    }
    return b.toString();
  }

  /**
   * How the products are linked to the current catalog edition (linked by each method, ambiguous,
   * unlinked), where their levels and self-payment ratios come from, and the columns of the list
   * that were not loaded.
   */
  public static ResultTable qualityLinks(DrugTables t) {
    List<Row> rows = t.products.groupBy(col("link_status"), col("link_method"), col("level_source"), col("ratio_source"))
        .agg(count(lit(1)).as("n")).collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String k : new String[] {"已链接：目录编号", "已链接：通用名+剂型", "已链接：分类代码", "多义（不止一个品种）", "未链接",
        "未做链接（无目录）", "医保类别取自清单", "医保类别取自链接的目录条目", "医保类别未知", "自付比例取自清单",
        "自付比例取自政策表（drugs.policy.selfpay）", "无自付比例"}) {
      counts.put(k, 0L);
    }
    long total = 0;
    for (Row r : rows) {
      long n = r.getLong(4);
      total += n;
      String status = r.getString(0);
      String link = status == null ? "未做链接（无目录）" : "linked".equals(status) ? "已链接：" + r.getString(1)
          : "ambiguous".equals(status) ? "多义（不止一个品种）" : "未链接";
      counts.merge(link, n, Long::sum);
      String level = r.getString(2);
      counts.merge("list".equals(level) ? "医保类别取自清单" : "catalog".equals(level) ? "医保类别取自链接的目录条目" : "医保类别未知",
          n, Long::sum);
      String ratio = r.getString(3);
      counts.merge("list".equals(ratio) ? "自付比例取自清单" : "policy".equals(ratio) ? "自付比例取自政策表（drugs.policy.selfpay）"
          : "无自付比例", n, Long::sum);
    }
    ResultTable out = new ResultTable("产品与目录的链接（" + t.edition + " 年版）").text("link").count("products").percent("share");
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() > 0 || e.getKey().startsWith("已链接") || e.getKey().startsWith("多义") || e.getKey().equals("未链接")
          || e.getKey().startsWith("自付比例取自政策")) {
        out.add(e.getKey(), e.getValue(), Levels.share(e.getValue(), total));
      }
    }
    out.note("链接：先按目录编号与名称，再按通用名与剂型（按目录的规则规范化），再按产品编码中的分类代码；未链接与多义的产品保留在 products 中"
        + "（link_status）。政策表的比例是假设，不是清单数据。");
    return out;
  }

  public static ResultTable qualityMissing(DrugTables t) {
    ResultTable out = new ResultTable("缺失值").text("kind").text("column").count("missing").percent("missing_share");
    for (Map.Entry<String, LoadReport> k : t.reports().entrySet()) {
      LoadReport r = k.getValue();
      for (Map.Entry<String, Long> e : new TreeMap<>(r.missing).entrySet()) {
        out.add(kindLabel(k.getKey()), e.getKey(), e.getValue(), Levels.share(e.getValue(), r.loaded));
      }
    }
    return out;
  }

  public static ResultTable qualityNormalisations(DrugTables t) {
    ResultTable out = new ResultTable("清洗与规范化").text("kind").text("step").count("times");
    for (Map.Entry<String, LoadReport> k : t.reports().entrySet()) {
      for (Map.Entry<String, Long> e : k.getValue().normalisations.entrySet()) {
        out.add(kindLabel(k.getKey()), e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The rejected rows, with their reasons. */
  public static ResultTable rejected(DrugTables t, int limit) {
    long total = t.rejected.count();
    List<Row> rows = t.rejected.limit(limit).collectAsList();
    ResultTable out = new ResultTable("未加载的行").text("kind").text("source").text("sheet").count("row_number")
        .text("reason").text("raw");
    for (Row r : rows) {
      out.add(kindLabel(r.getString(1)), r.getString(0), r.getString(2), (long) r.getInt(3), r.getString(4), r.getString(5));
    }
    if (total > rows.size()) {
      out.totalRows(total);
    }
    return out;
  }

  /** The fields of loaded rows set to unknown, counted by kind and reason (from each load's report). */
  public static ResultTable quarantinedCounts(DrugTables t) {
    ResultTable out = new ResultTable("置为未知的字段（按原因）").text("kind").text("reason").count("fields_unknown");
    for (Map.Entry<String, LoadReport> k : t.reports().entrySet()) {
      k.getValue().quarantined.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
          .forEach(e -> out.add(kindLabel(k.getKey()), e.getKey(), e.getValue()));
    }
    out.note("一行能成为产品（有产品编码或药品名称）就加载；其中无法读取的字段置为未知，不猜测："
        + "医保类别可由链接的目录条目补上（level_source = catalog）。逐项见 quarantined_fields 表。");
    return out;
  }

  /** The first fields set to unknown, with the value the list gave. */
  public static ResultTable quarantined(DrugTables t, int limit) {
    Dataset<Row> q = t.quarantined();
    long total = t.reports().values().stream().mapToLong(LoadReport::quarantinedFields).sum();
    ResultTable out = new ResultTable("置为未知的字段").count("row_number").text("product_code").text("name").text("field")
        .text("value").text("reason");
    if (total == 0) {
      return out;
    }
    List<Row> rows = q.orderBy(col("row_number")).limit(limit).collectAsList();
    for (Row r : rows) {
      out.add((long) r.getInt(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5));
    }
    if (total > rows.size()) {
      out.totalRows(total);
    }
    return out;
  }

  static String kindLabel(String kind) {
    if (kind.startsWith("catalog@")) {
      return "目录 " + kind.substring("catalog@".length());
    }
    switch (kind) {
      case "catalog": return "目录";
      case "products": return "产品";
      case "yinpian": return "饮片";
      default: return kind;
    }
  }

  /** {@code editions}: every loaded catalog edition with its entries and varieties; the current one marked. */
  public static ResultTable editions(DrugTables t) {
    ResultTable out = new ResultTable("目录版本").count("edition").count("entries").count("varieties").text("current");
    for (Map.Entry<Integer, Dataset<Row>> e : t.editions().entrySet()) {
      Row r = e.getValue().agg(count(lit(1)), countDistinct("variety_id")).first();
      out.add((long) e.getKey(), r.getLong(0), r.getLong(1), e.getKey() == t.edition ? "是" : "");
    }
    out.note("加载另一版本：load 目录.xlsx --as catalog --edition 年份；然后 diff 年份A 年份B。");
    return out;
  }

  /** {@code tables}: the tables %drugs.sql can query, with their rows. */
  public static ResultTable tables(DrugTables t) {
    ResultTable out = new ResultTable("表").text("table").count("rows").text("description");
    Function<String, Long> loaded = k -> t.reports().containsKey(k) ? t.reports().get(k).loaded : 0L;
    long rejected = t.reports().values().stream().mapToLong(r -> r.rejected).sum();
    out.add("catalog", loaded.apply(DrugTables.reportKey(DataKind.CATALOG, t.edition)), "目录条目，每行一个（" + t.edition + " 年版；含谈判、竞价药品）");
    out.add("products", loaded.apply(DrugTables.reportKey(DataKind.PRODUCTS, t.edition)), "产品清单，每行一个产品（企业 × 规格）");
    out.add("yinpian", loaded.apply(DrugTables.reportKey(DataKind.YINPIAN, t.edition)), "基金支付的中药饮片");
    out.add("rejected_rows", rejected, "未能加载的行，含来源行号与原因");
    out.add("quarantined_fields", t.reports().values().stream().mapToLong(LoadReport::quarantinedFields).sum(),
        "已加载产品中无法读取、置为未知的字段，含来源行号、原值与原因");
    out.add("catalog_all", t.editions().keySet().stream().mapToLong(y -> loaded.apply(DrugTables.reportKey(DataKind.CATALOG, y))).sum(),
        "已加载的各版目录（edition 列区分版本：" + t.editions().keySet() + "）");
    out.add("commercial", (long) CommercialList.drugs().size(), "商业健康保险创新药品目录（2025年），基金不予支付");
    out.note("列说明：%drugs.sql describe catalog");
    return out;
  }

  /** The changes from edition {@code a} to edition {@code b}, both loaded. */
  public static EditionDiff.Result editionDiff(DrugTables t, int a, int b) {
    return t.derived("edition-diff " + a + " " + b,
        () -> EditionDiff.compare(diffRows(t.editions().get(a)), diffRows(t.editions().get(b))));
  }

  private static List<EditionDiff.Row> diffRows(Dataset<Row> catalog) {
    List<EditionDiff.Row> out = new ArrayList<>();
    for (Row r : catalog.select("section", "medicine_type", "variety_id", "repeat_of", "name", "level",
        "part", "remark", "cat1_code", "cat1_name", "category_code", "dosage_forms").collectAsList()) {
      out.add(new EditionDiff.Row(r.getString(0), r.getString(1), r.getString(2), !r.isNullAt(3), r.getString(4),
          r.getString(5), !"常规目录".equals(r.getString(6)), r.getString(7),
          r.isNullAt(8) ? null : (r.getString(8) + " " + (r.isNullAt(9) ? "" : r.getString(9))).trim())
          .detail(r.getString(10), r.getString(11)));
    }
    return out;
  }
}
