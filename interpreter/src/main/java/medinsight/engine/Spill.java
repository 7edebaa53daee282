package medinsight.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import medinsight.catalog.LoadException;
import medinsight.catalog.LoadResult;
import medinsight.catalog.Product;
import medinsight.catalog.RejectedRow;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Where the batches of a large product list and of many rejected rows are written as they are
 * cleaned: a staging folder of the warehouse (renamed to the fingerprint's folder when the load
 * completes), or without a warehouse a temporary folder (removed when the interpreter ends).
 * Nothing is written for a source that fits one batch; a load that fails removes what it wrote.
 */
final class Spill implements LoadResult.Sink<Product> {
  private final SparkSession spark;
  private final Warehouse warehouse;
  final String fp;
  Warehouse.Staging staging;
  private String temp;
  /** Takes the rejected rows in batches. */
  final LoadResult.Sink<RejectedRow> rejects = batch -> write(Schemas.rows(batch, Schemas::row), Schemas.REJECTED, rejectedDir());

  /** {@code warehouse} null: a temporary folder. */
  Spill(SparkSession spark, Warehouse warehouse, String fp) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.fp = fp;
    RunningTasks.of(spark.sparkContext());
  }

  boolean opened() {
    return staging != null || temp != null;
  }

  private void open() {
    if (opened()) {
      return;
    }
    if (warehouse != null) {
      staging = warehouse.stage(fp);
    } else {
      try {
        temp = Files.createTempDirectory("medinsight-load").toUri().toString();
        Path hp = new Path(temp);
        hp.getFileSystem(spark.sparkContext().hadoopConfiguration()).deleteOnExit(hp);
      } catch (IOException e) {
        throw new LoadException("无法创建临时文件夹：" + e.getMessage(), e);
      }
    }
  }

  String dataDir() {
    open();
    return staging != null ? staging.dataDir() : temp + "data";
  }

  String rejectedDir() {
    open();
    return staging != null ? staging.rejectedDir() : temp + "rejected";
  }

  void write(List<Row> rows, StructType schema, String dir) {
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Append).parquet(dir);
  }

  @Override
  public void accept(List<Product> batch) {
    write(Schemas.rows(batch, Schemas::row), Schemas.PRODUCTS, dataDir());
  }

  /** Removes what was written; a table already committed is not touched. */
  void abort() {
    if (staging != null) {
      warehouse.abort(staging);
    } else if (temp != null) {
      RunningTasks.of(spark.sparkContext()).awaitGroupEnded(spark.sparkContext());
      try {
        Path hp = new Path(temp);
        hp.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(hp, true);
      } catch (IOException e) {
        // removed when the interpreter ends
      }
    }
  }
}
