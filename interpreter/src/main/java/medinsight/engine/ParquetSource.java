package medinsight.engine;

import java.io.IOException;
import java.util.Iterator;
import medinsight.catalog.LoadException;
import medinsight.catalog.SourceFiles;
import medinsight.catalog.TabularSource;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet file as a {@link TabularSource}: its rows streamed to the driver one partition at a
 * time (every value as text, as a CSV would give it), so a product list of any length is cleaned
 * in batches like a CSV.
 */
final class ParquetSource {
  private ParquetSource() {}

  /** Opens {@code path}; a missing or unreadable file is a {@link LoadException} saying which. */
  static TabularSource open(SparkSession spark, String path) {
    SourceFiles.length(path, spark.sparkContext().hadoopConfiguration());
    Dataset<Row> df;
    try {
      df = spark.read().parquet(path);
    } catch (Exception e) {
      Throwable c = e;
      while (c.getCause() != null && !(c instanceof IOException)) {
        c = c.getCause();
      }
      if (c instanceof IOException) {
        throw SourceFiles.describeFailure(path, (IOException) c);
      }
      String msg = e instanceof AnalysisException ? ((AnalysisException) e).getSimpleMessage() : e.getMessage();
      throw new LoadException("无法读取 Parquet " + path + "：" + String.valueOf(msg).split("\n")[0], e);
    }
    String[] header = df.columns();
    Iterator<Row> it = df.toLocalIterator();
    Iterator<TabularSource.Record> records = new Iterator<>() {
      int row = 1;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public TabularSource.Record next() {
        Row r = it.next();
        String[] v = new String[header.length];
        for (int i = 0; i < v.length; i++) {
          Object o = r.get(i);
          v[i] = o == null ? null : o.toString();
        }
        return TabularSource.record(++row, v);
      }
    };
    return TabularSource.of(header, records, "parquet");
  }
}
