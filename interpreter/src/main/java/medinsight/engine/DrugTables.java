package medinsight.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One consistent version of the data: the catalog, the products, the 饮片 list and the rejected
 * rows as Spark Datasets, with the reports of the loads that made them. Immutable: a new load
 * makes a new DrugTables, so a running analysis keeps the version it started with.
 */
public final class DrugTables {
  public final Dataset<Row> catalog;
  public final Dataset<Row> products;
  public final Dataset<Row> yinpian;
  public final Dataset<Row> rejected;
  public final long version;
  public final int edition;
  private final Map<String, LoadReport> reports;

  public DrugTables(Dataset<Row> catalog, Dataset<Row> products, Dataset<Row> yinpian, Dataset<Row> rejected,
      long version, int edition, Map<String, LoadReport> reports) {
    this.catalog = catalog;
    this.products = products;
    this.yinpian = yinpian;
    this.rejected = rejected;
    this.version = version;
    this.edition = edition;
    this.reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
  }

  /** Tables for an analysis or a test: no load reports. */
  public static DrugTables of(Dataset<Row> catalog, Dataset<Row> products, Dataset<Row> yinpian) {
    return new DrugTables(catalog, products, yinpian, null, 0, 0, Map.of());
  }

  /** Reports by kind (catalog, products, yinpian), in load order. */
  public Map<String, LoadReport> reports() {
    return reports;
  }
}
