package medinsight.export;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import medinsight.access.AccessPolicy;
import medinsight.access.SqlGuard;
import medinsight.core.UserException;
import medinsight.engine.DrugTables;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * {@code export}'s work: the target is resolved by the deployment's policy and checked before any
 * table is computed, so a mistyped path fails before the analysis runs; then every row is written.
 */
public final class ExportService {
  /** What to write, computed only once the target is known to be writable. */
  @FunctionalInterface
  public interface Contents {
    List<ExportTable> tables();
  }

  private final SparkSession spark;
  private final AccessPolicy policy;
  private final BooleanSupplier cancelled;
  private final IntConsumer progress;

  public ExportService(SparkSession spark, AccessPolicy policy, BooleanSupplier cancelled, IntConsumer progress) {
    this.spark = spark;
    this.policy = policy;
    this.cancelled = cancelled;
    this.progress = progress;
  }

  /** Writes the contents to the export folder's {@code name}; returns the one-line message for the user. */
  public String export(String name, String format, boolean overwrite, Contents contents) {
    Exporter exporter = new Exporter(spark, cancelled, progress);
    String where = policy.exportTarget(name);
    try (Exporter.Target target = exporter.target(where, format, overwrite,
        policy.exportsConfined() ? policy.exportRootUri() : null)) {
      return exporter.write(target, contents.tables());
    }
  }

  /** One of the tables export may write whole, by its %drugs.sql name. */
  public static Dataset<Row> table(DrugTables t, String name) {
    Dataset<Row> df = "catalog".equals(name) ? t.catalog : "products".equals(name) ? t.products
        : "yinpian".equals(name) ? t.yinpian : "rejected_rows".equals(name) ? t.rejected
        : "quarantined_fields".equals(name) ? t.quarantined() : null;
    return df != null ? df : t.catalog.sparkSession().table(name);
  }

  /**
   * A query over the same tables as %drugs.sql, in the caller's own session, held to the same
   * rules ({@link SqlGuard}): read-only queries over the tables, and only queries here.
   */
  public static Dataset<Row> query(SparkSession session, String sql) {
    String q = sql.replaceAll(";\\s*$", "").trim();
    LogicalPlan plan = SqlGuard.check(session, q, DrugTables.NAMES);
    if (!SqlGuard.isQuery(plan)) {
      throw new UserException("--sql 只能是查询（SELECT、WITH …），而不是“" + (q.length() > 40 ? q.substring(0, 40) + "…" : q) + "”");
    }
    try {
      Dataset<Row> df = Dataset.ofRows(session, plan);
      SqlGuard.boundedJoins(df.queryExecution().optimizedPlan());
      return df;
    } catch (Exception e) {
      if (e instanceof AnalysisException) {
        throw new UserException("SQL 错误：" + ((AnalysisException) e).getSimpleMessage().split("\n")[0]
            + "（%drugs tables 列出可查询的表）");
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new UserException("SQL 错误：" + e.getMessage());
    }
  }
}
