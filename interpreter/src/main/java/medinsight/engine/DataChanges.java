package medinsight.engine;

import java.util.function.BooleanSupplier;
import medinsight.catalog.DataKind;
import org.apache.spark.sql.SparkSession;

/**
 * What a command may do to the data besides reading its snapshot: load a source, go back to the
 * configured one, and reach the Spark session (export writes through it). It does not hand out
 * the current tables: a command reads the one {@link DrugTables} version its context was made with.
 */
public interface DataChanges {
  /** Loads a source as a new version of the data; see {@link DrugData#load(String, DataKind, Integer, double, BooleanSupplier)}. */
  LoadReport load(String path, DataKind kind, Integer editionYear, double maxRejected, BooleanSupplier cancelled);

  /** Goes back to the configured (or bundled) source of a kind; see {@link DrugData#reset}. */
  LoadReport reset(DataKind kind, Integer editionYear, BooleanSupplier cancelled);

  SparkSession spark();
}
