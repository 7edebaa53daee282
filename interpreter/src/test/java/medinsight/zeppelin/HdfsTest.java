package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HDFS (Hadoop's MiniDFSCluster: a namenode and a datanode in this JVM, on 127.0.0.1):
 * the product list and the catalog are loaded from hdfs://, the warehouse lives on HDFS, and
 * exports are written there.
 */
class HdfsTest {
  @TempDir
  static Path dir;
  static MiniDFSCluster cluster;
  static String uri;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    for (String k : new String[] {"dfs.namenode.http-address", "dfs.namenode.https-address", "dfs.datanode.address",
        "dfs.datanode.http.address", "dfs.datanode.https.address", "dfs.datanode.ipc.address",
        "dfs.namenode.secondary.http-address", "dfs.namenode.backup.address", "dfs.namenode.backup.http-address"}) {
      conf.set(k, "127.0.0.1:0");
    }
    conf.setInt("dfs.replication", 1);
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).nameNodePort(0).build();
    cluster.waitActive();
    uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    FileSystem fs = cluster.getFileSystem();
    for (String[] f : new String[][] {{"medinsight/data/beijing/products-sf1.csv", "/medinsight/products.csv"},
        {"medinsight/data/nrdl-2024/nrdl-2024.xlsx", "/medinsight/nrdl-2024.xlsx"}}) {
      try (InputStream in = HdfsTest.class.getClassLoader().getResourceAsStream(f[0]);
           OutputStream out = fs.create(new org.apache.hadoop.fs.Path(f[1]))) {
        in.transferTo(out);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  static Properties props() {
    Properties p = new Properties();
    p.setProperty("drugs.data.products", uri + "/medinsight/products.csv");
    p.setProperty("drugs.data.catalog", uri + "/medinsight/nrdl-2024.xlsx");
    p.setProperty("drugs.warehouse", uri + "/medinsight/warehouse");
    p.setProperty("spark.hadoop.dfs.replication", "1");
    return p;
  }

  @Test
  void loadFromHdfsAndKeepTheWarehouseThere() throws Exception {
    String share;
    try (InterpreterHarness h = new InterpreterHarness(props())) {
      InterpreterHarness.Run levels = h.drugs("levels --by variety");
      assertTrue(levels.ok(), levels.text());
      assertEquals("1398", levels.cell("品种数", "西药", "小计"));
      share = h.drugs("manufacturers share --top 5").text();
      String q = h.drugs("quality").text();
      assertTrue(q.contains(uri + "/medinsight/products.csv\t48865\t48865\t0"), q);
    }
    FileSystem fs = cluster.getFileSystem();
    long tables = java.util.Arrays.stream(fs.listStatus(new org.apache.hadoop.fs.Path("/medinsight/warehouse")))
        .filter(st -> !st.getPath().getName().equals("current")).count();
    assertEquals(3, tables);
    assertEquals(3, fs.listStatus(new org.apache.hadoop.fs.Path("/medinsight/warehouse/current")).length);
    try (InterpreterHarness h = new InterpreterHarness(props())) {
      assertEquals(share, h.drugs("manufacturers share --top 5").text());
      String q = h.drugs("quality").text();
      for (String line : q.split("\n")) {
        if (line.contains(uri)) {
          assertTrue(line.endsWith("\t是"), "read from the HDFS warehouse: " + line);
        }
      }
      InterpreterHarness.Run missing = h.drugs("load " + uri + "/medinsight/nothing.csv");
      assertFalse(missing.ok());
      assertTrue(missing.error().contains("文件不存在"), missing.error());
    }
  }

  @Test
  void exportToHdfs() throws Exception {
    Properties p = new Properties();
    p.setProperty("spark.hadoop.dfs.replication", "1");
    FileSystem fs = cluster.getFileSystem();
    org.apache.hadoop.fs.Path exports = new org.apache.hadoop.fs.Path("/exports");
    fs.mkdirs(exports);
    try (InterpreterHarness h = new InterpreterHarness(p)) {
      long products = Long.parseLong(h.sql("select count(*) from products").table(0).get(1)[0]);
      InterpreterHarness.Run csv = h.drugs("export " + uri + "/exports/products.csv --table products");
      assertTrue(csv.ok(), csv.text());
      assertTrue(csv.text().contains(uri + "/exports/products.csv"), csv.text());
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/exports/products.csv"))) {
        assertEquals(products + 1, ExportTest.readCsv(in).size());
      }

      java.util.List<String[]> shown = h.drugs("manufacturers share --top 50").table(0);
      InterpreterHarness.Run xlsx = h.drugs("export " + uri + "/exports/share.xlsx --command \"manufacturers share --top 50\"");
      assertTrue(xlsx.ok(), xlsx.text());
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/exports/share.xlsx"));
           org.apache.poi.ss.usermodel.Workbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
        assertEquals(shown.size() - 1, wb.getSheetAt(0).getLastRowNum());
        assertEquals(shown.get(0)[1], wb.getSheetAt(0).getRow(0).getCell(1).getStringCellValue());
      }

      InterpreterHarness.Run parquet = h.drugs("export " + uri + "/exports/levels.parquet --sql \"select level, count(*) as n from products group by level\"");
      assertTrue(parquet.ok(), parquet.text());
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> back = h.drugs.engine().spark.read().parquet(uri + "/exports/levels.parquet");
      assertEquals(products, back.agg(org.apache.spark.sql.functions.sum("n")).first().getLong(0));

      InterpreterHarness.Run again = h.drugs("export " + uri + "/exports/products.csv --table products");
      assertFalse(again.ok());
      assertTrue(again.error().contains("文件已存在"), again.error());
      InterpreterHarness.Run folder = h.drugs("export " + uri + "/nothing/here.csv --table products");
      assertFalse(folder.ok());
      assertTrue(folder.error().contains("目标文件夹不存在"), folder.error());
      // nothing listens on port 1: the namenode is unreachable
      InterpreterHarness.Run down = h.drugs("export hdfs://127.0.0.1:1/exports/x.csv --table products");
      assertFalse(down.ok());
      assertTrue(down.error().contains("无法连接 hdfs://127.0.0.1:1"), down.error());
      assertFalse(down.error().contains("\n"), down.error());
      assertTrue(h.drugs("levels --by variety").ok());
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(exports)) {
      names.add(st.getPath().getName());
    }
    java.util.Collections.sort(names);
    assertEquals(java.util.List.of("levels.parquet", "products.csv", "share.xlsx"), names, "no temporary file left");
  }
}
