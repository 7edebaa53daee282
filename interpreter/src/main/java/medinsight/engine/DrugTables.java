package medinsight.engine;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import medinsight.catalog.CommercialList;
import medinsight.catalog.DataKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One consistent version of the data: the catalog, the products, the 饮片 list and the rejected
 * rows as Spark Datasets, with the reports of the loads that made them. Immutable: a new load
 * makes a new DrugTables, so a running analysis keeps the version it started with.
 */
public final class DrugTables {
  /** The tables' names as Spark SQL sees them, in the order they are listed to users. */
  public static final List<String> ORDER = List.of("catalog", "catalog_all", "products", "yinpian",
      "rejected_rows", "quarantined_fields", "commercial");
  public static final Set<String> NAMES = Set.copyOf(ORDER);

  public final Dataset<Row> catalog;
  public final Dataset<Row> products;
  public final Dataset<Row> yinpian;
  public final Dataset<Row> rejected;
  public final long version;
  public final int edition;
  private final Map<String, LoadReport> reports;

  private final Map<Integer, Dataset<Row>> editions;

  public DrugTables(Dataset<Row> catalog, Dataset<Row> products, Dataset<Row> yinpian, Dataset<Row> rejected,
      long version, int edition, Map<String, LoadReport> reports, Map<Integer, Dataset<Row>> editions) {
    this.editions = Collections.unmodifiableMap(new TreeMap<>(editions));
    this.catalog = catalog;
    this.products = products;
    this.yinpian = yinpian;
    this.rejected = rejected;
    this.version = version;
    this.edition = edition;
    this.reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
  }

  /** The same data with another loaded edition as its catalog; null when that edition is not loaded. */
  public DrugTables forEdition(int year) {
    Dataset<Row> c = editions.get(year);
    if (c == null) {
      return null;
    }
    return year == edition ? this : new DrugTables(c, products, yinpian, rejected, version, year, reports, editions);
  }

  private volatile Dataset<Row> commercial;

  /** 商业健康保险创新药品目录（2025年）, bundled: the basic funds do not pay for these drugs. */
  public Dataset<Row> commercial() {
    if (commercial == null) {
      commercial = catalog.sparkSession().createDataFrame(
          Schemas.rows(CommercialList.drugs(), Schemas::row), Schemas.COMMERCIAL);
    }
    return commercial;
  }

  private volatile Dataset<Row> quarantined;

  /**
   * The fields of loaded products that were set to unknown, one row per field: the product's
   * source row, code and name, the field, the value the list gave and the reason (read from the
   * products' {@code quarantine} column, so it always agrees with the products).
   */
  public Dataset<Row> quarantined() {
    if (quarantined == null) {
      quarantined = products.where(col("quarantine").isNotNull())
          .select(col("source_row").as("row_number"), col("product_code"), col("name"),
              org.apache.spark.sql.functions.explode(org.apache.spark.sql.functions.from_json(col("quarantine"),
                  org.apache.spark.sql.types.DataTypes.createArrayType(Schemas.QUARANTINED_ITEM))).as("q"))
          .select(col("row_number"), col("product_code"), col("name"), col("q.field").as("field"),
              col("q.value").as("value"), col("q.reason").as("reason"));
    }
    return quarantined;
  }

  /** Every loaded edition in one table (its {@code edition} column tells them apart). */
  public Dataset<Row> catalogAll() {
    Dataset<Row> all = null;
    for (Dataset<Row> d : editions.values()) {
      all = all == null ? d : all.unionByName(d);
    }
    return all == null ? catalog : all;
  }

  /** Tables for an analysis or a test: no load reports. */
  public static DrugTables of(Dataset<Row> catalog, Dataset<Row> products, Dataset<Row> yinpian) {
    return new DrugTables(catalog, products, yinpian, null, 0, 0, Map.of(), Map.of(0, catalog));
  }

  /** Dataset-wide figures of the products table, computed once per version of the data. */
  public static final class ProductStats {
    public final long products;
    public final long generics;
    public final double meanSelfPay;
    public final long restricted;
    public final long manufacturers;
    /** Products whose self-payment ratio comes from the policy table (ratio_source = policy). */
    public long policyRatios;
    /** Products without a self-payment ratio (no ratio in the list, level unknown). */
    public long noRatio;
    /** Products whose manufacturer is unknown (the list's cell could not be read). */
    public long unknownMaker;

    ProductStats(long products, long generics, double meanSelfPay, long restricted, long manufacturers) {
      this.products = products;
      this.generics = generics;
      this.meanSelfPay = meanSelfPay;
      this.restricted = restricted;
      this.manufacturers = manufacturers;
    }
  }

  private volatile ProductStats stats;
  private final java.util.concurrent.ConcurrentHashMap<String, Object> derived = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A value computed from these tables once (an edition comparison that the diff, history and
   * renewal commands all start from): the tables never change, a load makes new ones.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(String key, java.util.function.Supplier<T> compute) {
    return (T) derived.computeIfAbsent(key, k -> compute.get());
  }

  public ProductStats productStats() {
    ProductStats s = stats;
    if (s == null) {
      synchronized (this) {
        if (stats == null) {
          Row r = products.agg(
              count(lit(1)),
              countDistinct("name"),
              avg("self_pay_ratio"),
              sum(when(col("restricted"), 1).otherwise(0)),
              countDistinct("manufacturer"),
              sum(when(col("ratio_source").equalTo("policy"), 1).otherwise(0)),
              sum(when(col("self_pay_ratio").isNull(), 1).otherwise(0)),
              sum(when(col("manufacturer").isNull(), 1).otherwise(0))).first();
          ProductStats ps = new ProductStats(r.getLong(0), r.getLong(1), r.isNullAt(2) ? 0 : r.getDouble(2),
              r.isNullAt(3) ? 0 : r.getLong(3), r.getLong(4));
          ps.policyRatios = r.isNullAt(5) ? 0 : r.getLong(5);
          ps.noRatio = r.isNullAt(6) ? 0 : r.getLong(6);
          ps.unknownMaker = r.isNullAt(7) ? 0 : r.getLong(7);
          stats = ps;
        }
        s = stats;
      }
    }
    return s;
  }

  /** The catalog of every edition loaded, by year; the newest is {@link #catalog}. */
  public Map<Integer, Dataset<Row>> editions() {
    return editions;
  }

  /** Reports by kind (catalog, products, yinpian), in load order; keyed as {@link #reportKey}. */
  public Map<String, LoadReport> reports() {
    return reports;
  }

  /** The report of the current table of a kind (for the catalog: of the current edition), or null. */
  public LoadReport report(DataKind kind) {
    return reports.get(reportKey(kind, edition));
  }

  /** Whether the products are the bundled synthetic list (figures from them are sample data). */
  public boolean syntheticProducts() {
    LoadReport r = report(DataKind.PRODUCTS);
    return r != null && DrugData.BUNDLED_PRODUCTS.equals(r.source);
  }

  /** The key of a report in {@link #reports()}: catalog@2025 (the catalog by edition), products, yinpian. */
  public static String reportKey(DataKind kind, int edition) {
    return kind == DataKind.CATALOG ? kind.key() + "@" + edition : kind.key();
  }
}
