package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleaned tables are kept as Parquet and reused: a second start reads them instead of parsing. */
class WarehouseTest {
  @TempDir
  Path dir;

  @Test
  void aSecondStartReadsTheWarehouse() throws Exception {
    Properties p = new Properties();
    p.setProperty("drugs.warehouse", dir.resolve("wh").toUri().toString());
    String first;
    String levels;
    try (InterpreterHarness h = new InterpreterHarness(p)) {
      levels = h.drugs("levels --by variety").text();
      first = h.drugs("quality").text();
    }
    try (Stream files = new Stream(dir.resolve("wh"))) {
      assertEquals(4, files.completeFolders(), "the catalog editions 2024 and 2025, the 饮片 part of 2025 and the products kept");
    }
    // the README's %spark.sql snippet: current/<table> names the folder of the current table
    String fp = Files.readString(dir.resolve("wh/current/products")).trim();
    assertEquals(48865, medinsight.SparkTestSupport.spark().read().parquet(dir.resolve("wh").resolve(fp).resolve("data").toString()).count());
    assertTrue(Files.exists(dir.resolve("wh/current/catalog-2024")));
    try (InterpreterHarness h = new InterpreterHarness(p)) {
      assertEquals(levels, h.drugs("levels --by variety").text());
      String second = h.drugs("quality").text();
      // the same accounting as the first load (read = loaded + rejected, normalisations), from the warehouse
      assertTrue(second.contains("48865\t48865\t0\t243"), second);
      for (String line : first.split("\n")) {
        if (line.contains("classpath:")) {
          assertTrue(line.endsWith("\t否"), "parsed at the first start: " + line);
        }
      }
      int fromWarehouse = 0;
      for (String line : second.split("\n")) {
        if (line.contains("classpath:")) {
          assertTrue(line.endsWith("\t是"), "read from the warehouse at the second start: " + line);
          fromWarehouse++;
        }
      }
      assertEquals(4, fromWarehouse, "two catalog editions, the 饮片 part of the 2025 one, the products");
      // apart from when and how fast, the same report
      String pattern = "\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\t\\d+\\t[是否]";
      assertEquals(first.replaceAll(pattern, ""), second.replaceAll(pattern, ""));
    }
    // a changed file is a new fingerprint: loaded afresh, not read from the old folder
    Path csv = dir.resolve("p.csv");
    Files.writeString(csv, "药品名称,医保类别,生产企业,自付比例\n阿莫西林,甲,某企业,0\n", StandardCharsets.UTF_8);
    try (InterpreterHarness h = new InterpreterHarness(p)) {
      assertTrue(h.drugs("load " + csv).ok());
      Files.writeString(csv, "药品名称,医保类别,生产企业,自付比例\n阿莫西林,甲,某企业,0\n布洛芬,乙,某企业,0.1\n", StandardCharsets.UTF_8);
      csv.toFile().setLastModified(System.currentTimeMillis() + 5000);
      assertTrue(h.drugs("load " + csv).text().contains("加载 2 行"));
      assertEquals("2", h.sql("select count(*) from products").table(0).get(1)[0]);
    }
  }

  /**
   * A product list longer than one batch is cleaned and written batch by batch (memory holds one
   * batch), with or without a warehouse, and gives the same tables and the same report as a list
   * loaded whole.
   */
  @Test
  void aLargeListIsLoadedInBatchesWithTheSameResults() throws Exception {
    String[] commands = {"levels --by variety", "manufacturers share --top 15", "burden", "generics --top 10", "kpi",
        "mining rules --by form,level,category,restriction,manufacturer"};
    java.util.List<String> whole = new java.util.ArrayList<>();
    String wholeQuality;
    Properties none = new Properties();
    none.setProperty("drugs.warehouse", "none");
    try (InterpreterHarness h = new InterpreterHarness(none)) {
      for (String c : commands) {
        whole.add(h.drugs(c).text());
      }
      wholeQuality = h.drugs("quality").text();
    }
    for (String warehouse : new String[] {"none", dir.resolve("batched").toUri().toString()}) {
      Properties p = new Properties();
      p.setProperty("drugs.warehouse", warehouse);
      p.setProperty("drugs.load.batch", "7000"); // 48,865 products: 6 full batches and a part
      try (InterpreterHarness h = new InterpreterHarness(p)) {
        for (int i = 0; i < commands.length; i++) {
          assertEquals(whole.get(i), h.drugs(commands[i]).text(), commands[i] + " with warehouse " + warehouse);
        }
        String q = h.drugs("quality").text();
        String pattern = "\\t\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\t\\d+\\t[是否]";
        assertEquals(wholeQuality.replaceAll(pattern, ""), q.replaceAll(pattern, ""), "the load report");
        assertTrue(q.contains("48865\t48865\t0\t243"), q);
      }
    }
    try (Stream files = new Stream(dir.resolve("batched"))) {
      assertEquals(4, files.completeFolders(), "2024, 2025, the 饮片 part of 2025, products");
    }
    String fp = Files.readString(dir.resolve("batched/current/products")).trim();
    try (java.util.stream.Stream<Path> parts = Files.list(dir.resolve("batched").resolve(fp).resolve("data"))) {
      assertEquals(7, parts.filter(f -> f.getFileName().toString().endsWith(".parquet")).count(), "one file a batch");
    }
  }

  /** The warehouse's complete folders. */
  static final class Stream implements AutoCloseable {
    private final java.util.stream.Stream<Path> s;

    Stream(Path root) throws java.io.IOException {
      s = Files.list(root);
    }

    long completeFolders() {
      return s.filter(d -> Files.exists(d.resolve("_COMPLETE"))).count();
    }

    @Override
    public void close() {
      s.close();
    }
  }
}
