package medinsight.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import medinsight.SparkTestSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an export reports to the paragraph's progress bar. A reported value replaces Spark's
 * progress of the paragraph's jobs (see SparkJobs.progress), so a CSV or xlsx export must report
 * before its rows are counted: the bar then never climbs to 100 % with the counting job and falls
 * back to 0 % when writing starts.
 */
class ExportProgressTest {
  @TempDir
  Path dir;

  /** A Spark table that notes what the export had reported when it counted the rows. */
  static final class Watched extends ExportTable {
    final ExportTable table;
    final List<Integer> reported;
    final List<List<Integer>> atCount = new ArrayList<>();

    Watched(ExportTable table, List<Integer> reported) {
      super(table.name, table.headers);
      this.table = table;
      this.reported = reported;
    }

    @Override
    long count() {
      atCount.add(List.copyOf(reported));
      return table.count();
    }

    @Override
    Iterator<Object[]> rows() {
      return table.rows();
    }

    @Override
    Dataset<Row> dataset(SparkSession spark) {
      return table.dataset(spark);
    }
  }

  @Test
  void theBarIsAtZeroWhileRowsAreCountedThenFollowsTheRowsWritten() throws Exception {
    SparkSession spark = SparkTestSupport.spark();
    for (String name : List.of("rows.csv", "rows.xlsx")) {
      List<Integer> reported = new CopyOnWriteArrayList<>();
      Exporter exporter = new Exporter(spark, () -> false, reported::add);
      Watched t = new Watched(ExportTable.of("n", spark.range(500).toDF("n")), reported);
      try (Exporter.Target target = exporter.target(dir.resolve(name).toString(), null, false)) {
        assertEquals(List.of(0), reported, name + ": the bar is the export's once its target is open");
        exporter.write(target, List.of(t));
      }
      assertEquals(List.of(List.of(0)), t.atCount, name + ": rows counted while the bar shows 0, not the counting job");
      // then one percent at a time up to 99 (100 is the paragraph's end), and -1: Spark's bar again
      List<Integer> expected = new ArrayList<>();
      for (int p = 0; p <= 99; p++) {
        expected.add(p);
      }
      expected.add(-1);
      assertEquals(expected, reported, name);
      assertTrue(Files.exists(dir.resolve(name)), name);
    }
  }

  @Test
  void aParquetExportLeavesTheBarToSpark() throws Exception {
    SparkSession spark = SparkTestSupport.spark();
    List<Integer> reported = new CopyOnWriteArrayList<>();
    Exporter exporter = new Exporter(spark, () -> false, reported::add);
    try (Exporter.Target target = exporter.target(dir.resolve("rows.parquet").toString(), null, false)) {
      String said = exporter.write(target, List.of(ExportTable.of("n", spark.range(500).toDF("n"))));
      assertTrue(said.startsWith("已导出 500 行"), said);
    }
    // only the end of the export: its own progress is Spark's writing job
    assertEquals(List.of(-1), reported);
  }
}
