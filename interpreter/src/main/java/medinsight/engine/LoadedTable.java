package medinsight.engine;

import java.util.List;
import medinsight.catalog.DataKind;
import medinsight.catalog.YinpianEntry;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A table read and cleaned by {@link SourceReader}, not yet current: {@link DrugData} installs it. */
final class LoadedTable {
  final DataKind kind;
  final Dataset<Row> df;
  final int edition;
  final LoadReport report;
  /** The rejected rows, or null when there are none. */
  final Dataset<Row> rejected;
  /** A catalog read from its published text or PDF also gives the edition's 饮片 list. */
  List<YinpianEntry> yinpian;
  /** The warehouse fingerprint of the table, when it is kept there. */
  String fp;

  LoadedTable(DataKind kind, Dataset<Row> df, int edition, LoadReport report, Dataset<Row> rejected) {
    this.kind = kind;
    this.df = df;
    this.edition = edition;
    this.report = report;
    this.rejected = rejected;
  }
}
