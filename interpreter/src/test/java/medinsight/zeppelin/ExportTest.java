package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import medinsight.generator.ProductGenerator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %drugs export} through Zeppelin's interpreter API on the bundled data, with a small
 * {@code drugs.maxResult} so that "every row" and "the rows shown" differ. Files are read back with
 * univocity, POI and Spark.
 */
class ExportTest {
  static InterpreterHarness h;
  static final int MAX_RESULT = 5;
  @TempDir
  static Path dir;

  @BeforeAll
  static void open() throws Exception {
    Properties p = new Properties();
    p.setProperty("drugs.maxResult", String.valueOf(MAX_RESULT));
    h = new InterpreterHarness(p);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  static long count(String sql) throws Exception {
    return Long.parseLong(h.sql(sql).table(0).get(1)[0]);
  }

  /** Runs an export that must succeed; returns its one-line message. */
  static String export(String command) throws Exception {
    InterpreterHarness.Run r = h.drugs(command);
    assertTrue(r.ok(), command + " → " + r.text());
    assertEquals(1, r.messages.size(), r.text());
    String line = r.messages.get(0).getData().trim();
    assertFalse(line.contains("\n"), line);
    assertTrue(line.startsWith("已导出"), line);
    return line;
  }

  /** A CSV file as rows of cells, header first; checks the UTF-8 byte-order mark. */
  static List<String[]> readCsv(InputStream in) throws Exception {
    byte[] all = in.readAllBytes();
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(all, 3), "UTF-8 BOM");
    CsvParserSettings s = new CsvParserSettings();
    s.setLineSeparatorDetectionEnabled(true);
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setNormalizeLineEndingsWithinQuotes(false);
    s.setMaxCharsPerColumn(-1);
    return new CsvParser(s).parseAll(new java.io.StringReader(new String(all, 3, all.length - 3, StandardCharsets.UTF_8)));
  }

  static List<String[]> readCsv(Path p) throws Exception {
    try (InputStream in = Files.newInputStream(p)) {
      return readCsv(in);
    }
  }

  @Test
  void csvKeepsTextExactlyAndNeutralisesFormulas() throws Exception {
    Path out = dir.resolve("tricky.csv");
    String line = export("export " + out + " --sql \"select * from values "
        + "('北京“康宁”制药, Inc.', concat('第一行', chr(10), '第二行'), concat('say ', chr(34), 'hi', chr(34)), "
        + "'=1+1', '+86 10 8888 6666', '-x', '@SUM(A1)', concat(chr(9), 'tab'), '  spaced  ', -5, -0.25, 1e-7, "
        + "date'2025-12-31', true, cast(null as string)) "
        + "as t(name, lines, quoted, formula, phone, dash, at, tab, spaced, n, d, tiny, day, flag, nothing)\"");
    assertTrue(line.contains(out.toString()) && line.contains(" 1 行") && line.contains("CSV"), line);
    List<String[]> rows = readCsv(out);
    assertEquals(2, rows.size());
    assertEquals(List.of("name", "lines", "quoted", "formula", "phone", "dash", "at", "tab", "spaced", "n", "d", "tiny",
        "day", "flag", "nothing"), Arrays.asList(rows.get(0)));
    String[] r = rows.get(1);
    assertEquals("北京“康宁”制药, Inc.", r[0]);
    assertEquals("第一行\n第二行", r[1]);
    assertEquals("say \"hi\"", r[2]);
    assertEquals("'=1+1", r[3]);
    assertEquals("'+86 10 8888 6666", r[4]);
    assertEquals("'-x", r[5]);
    assertEquals("'@SUM(A1)", r[6]);
    assertEquals("'\ttab", r[7]);
    assertEquals("  spaced  ", r[8]);
    assertEquals("-5", r[9], "a negative number is a number, not a formula");
    assertEquals("-0.25", r[10]);
    assertEquals("0.0000001", r[11]);
    assertEquals("2025-12-31", r[12]);
    assertEquals("true", r[13]);
    assertEquals(null, r[14]);
    String raw = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(raw.contains("\"say \"\"hi\"\"\""), "quotes doubled inside a quoted cell: " + raw);
    assertTrue(raw.endsWith("\r\n"), "CRLF line ends");
  }

  @Test
  void theQuarantinedFieldsExportAsATable() throws Exception {
    // the bundled list has none: the file holds the header, the columns quality and SQL show
    Path out = dir.resolve("quarantined.csv");
    String line = export("export " + out + " --table quarantined_fields");
    assertTrue(line.contains(" 0 行"), line);
    List<String[]> rows = readCsv(out);
    assertEquals(List.of("row_number", "product_code", "name", "field", "value", "reason"), Arrays.asList(rows.get(0)));
  }

  @Test
  void tableExportHasEveryRowWithNamesIntact() throws Exception {
    Path out = dir.resolve("products.csv");
    String line = export("export " + out + " --table products");
    long products = count("select count(*) from products");
    assertTrue(products > MAX_RESULT * 1000, "the bundled products: " + products);
    assertTrue(line.contains(" " + products + " 行"), line);
    List<String[]> rows = readCsv(out);
    assertEquals(products + 1, rows.size());
    List<String> header = Arrays.asList(rows.get(0));
    assertEquals(Arrays.asList(h.drugs.engine().data.tables().products.columns()), header);
    int maker = header.indexOf("manufacturer");
    for (String name : ProductGenerator.specialNames()) {
      long inFile = rows.stream().skip(1).filter(x -> name.equals(x[maker])).count();
      assertEquals(count("select count(*) from products where manufacturer = '" + name.replace("'", "\\'") + "'"), inFile,
          name);
    }
    int ratio = header.indexOf("self_pay_ratio");
    double sum = rows.stream().skip(1).mapToDouble(x -> Double.parseDouble(x[ratio])).sum();
    double expected = Double.parseDouble(h.sql("select sum(self_pay_ratio) from products").table(0).get(1)[0]);
    assertEquals(expected, sum, 1e-3);
  }

  @Test
  void analysisExportHasEveryRowWithTheScreensHeadersAndUnits() throws Exception {
    String command = "manufacturers share --top 40 --others no";
    InterpreterHarness.Run screen = h.drugs(command);
    List<String[]> shown = screen.table(0);
    assertEquals(MAX_RESULT + 1, shown.size(), "the screen is cut at drugs.maxResult");
    Path out = dir.resolve("share.csv");
    String line = export("export " + out + " --command \"" + command + "\"");
    assertTrue(line.contains(" 40 行"), line);
    List<String[]> rows = readCsv(out);
    assertEquals(41, rows.size(), "every row, not the drugs.maxResult cut");
    assertArrayEquals(shown.get(0), rows.get(0), "the same headers as the screen");
    int share = Arrays.asList(rows.get(0)).indexOf("产品份额(%)");
    assertTrue(share >= 0, Arrays.toString(rows.get(0)));
    for (int i = 1; i <= MAX_RESULT; i++) {
      assertEquals(shown.get(i)[1], rows.get(i)[1]);
      // the screen rounds; the file keeps every digit in the same unit
      BigDecimal full = new BigDecimal(rows.get(i)[share]);
      BigDecimal onScreen = new BigDecimal(shown.get(i)[share]);
      assertEquals(0, full.setScale(onScreen.scale(), RoundingMode.HALF_UP).compareTo(onScreen), full + " vs " + onScreen);
    }
  }

  @Test
  void xlsxHasHeadersRowsAndTypedValues() throws Exception {
    String command = "manufacturers share --top 30 --others no";
    List<String[]> shown = h.drugs(command).table(0);
    Path out = dir.resolve("share.xlsx");
    export("export " + out + " --command \"" + command + "\"");
    try (Workbook wb = new XSSFWorkbook(out.toFile())) {
      assertEquals(1, wb.getNumberOfSheets());
      Sheet s = wb.getSheetAt(0);
      assertEquals(30, s.getLastRowNum(), "a header and 30 rows");
      List<String> header = new ArrayList<>();
      s.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
      assertEquals(Arrays.asList(shown.get(0)), header);
      assertEquals(shown.get(1)[1], s.getRow(1).getCell(1).getStringCellValue());
      Cell products = s.getRow(1).getCell(header.indexOf("产品数"));
      assertEquals(CellType.NUMERIC, products.getCellType());
      assertEquals(Long.parseLong(shown.get(1)[header.indexOf("产品数")]), (long) products.getNumericCellValue());
    }
    // a result of several tables: one sheet per table in xlsx, one numbered file per table in CSV
    InterpreterHarness.Run quality = h.drugs("quality");
    int tables = (int) quality.messages.stream().filter(m -> m.getType() == org.apache.zeppelin.interpreter.InterpreterResult.Type.TABLE).count();
    assertTrue(tables > 1);
    Path q = dir.resolve("quality.xlsx");
    String line = export("export " + q + " --command quality");
    assertTrue(line.contains(tables + " 个表"), line);
    try (Workbook wb = new XSSFWorkbook(q.toFile())) {
      assertEquals(tables, wb.getNumberOfSheets());
      assertEquals("数据", wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue());
    }
    export("export " + dir.resolve("quality.csv") + " --command quality");
    for (int i = 1; i <= tables; i++) {
      assertTrue(Files.isRegularFile(dir.resolve("quality-" + i + ".csv")), "quality-" + i + ".csv");
    }
    assertFalse(Files.exists(dir.resolve("quality.csv")));
  }

  @Test
  void parquetReadsBackWithSpark() throws Exception {
    Path table = dir.resolve("yinpian.parquet");
    export("export " + table + " --table yinpian");
    assertTrue(Files.isDirectory(table), "Spark writes Parquet as a folder");
    org.apache.spark.sql.SparkSession spark = h.drugs.engine().spark;
    assertEquals(count("select count(*) from yinpian"), spark.read().parquet(table.toString()).count());
    assertEquals(Arrays.asList(h.drugs.engine().data.tables().yinpian.columns()),
        Arrays.asList(spark.read().parquet(table.toString()).columns()));
    assertFalse(h.drugs("export " + table + " --table yinpian").ok(), "an existing export is kept");
    export("export " + table + " --table yinpian --overwrite yes");
    assertEquals(count("select count(*) from yinpian"), spark.read().parquet(table.toString()).count());

    String command = "manufacturers share --top 12 --others no";
    List<String[]> shown = h.drugs(command).table(0);
    Path result = dir.resolve("share.parquet");
    export("export " + result + " --command \"" + command + "\"");
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> back = spark.read().parquet(result.toString());
    assertEquals(12, back.count());
    assertEquals(Arrays.asList(shown.get(0)), Arrays.asList(back.columns()));
    org.apache.spark.sql.Row first = back.filter(org.apache.spark.sql.functions.col("生产企业").equalTo(shown.get(1)[1])).first();
    assertEquals(Double.parseDouble(shown.get(1)[Arrays.asList(back.columns()).indexOf("产品份额(%)")]),
        first.getDouble(first.fieldIndex("产品份额(%)")), 0.05);

    Path sql = dir.resolve("levels.parquet");
    export("export " + sql + " --sql \"select level, count(*) from products group by level\"");
    assertEquals(count("select count(distinct level) from products"), spark.read().parquet(sql.toString()).count());
  }

  @Test
  void sqlExportToXlsx() throws Exception {
    Path out = dir.resolve("restricted.xlsx");
    String q = "select product_code, name, self_pay_ratio from products where restricted order by product_code";
    export("export " + out + " --sql \"" + q + "\"");
    long n = count("select count(*) from products where restricted");
    try (Workbook wb = new XSSFWorkbook(out.toFile())) {
      Sheet s = wb.getSheetAt(0);
      assertEquals(n, s.getLastRowNum());
      assertEquals("self_pay_ratio", s.getRow(0).getCell(2).getStringCellValue());
      String firstCode = h.sql(q + " limit 1").table(0).get(1)[0];
      assertEquals(firstCode, s.getRow(1).getCell(0).getStringCellValue());
      assertEquals(CellType.NUMERIC, s.getRow(1).getCell(2).getCellType());
    }
  }

  /** A failed export: one Chinese line, no file left behind, the next command working. */
  static void assertFails(String command, String expected) throws Exception {
    List<String> before = listing();
    InterpreterHarness.Run r = h.drugs(command);
    assertFalse(r.ok(), command + " should fail");
    assertTrue(r.error().contains(expected), command + " → " + r.error());
    assertFalse(r.error().contains("\n"), command + " → " + r.error());
    assertFalse(r.error().contains("Exception"), command + " → " + r.error());
    assertEquals(before, listing(), "nothing written or left behind");
    assertEquals("1446", h.drugs("levels --by variety").cell("品种数", "西药", "小计"));
  }

  static List<String> listing() throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void errorsAreOneLineAndLeaveTheSessionUsable() throws Exception {
    Path existing = dir.resolve("existing.csv");
    Files.writeString(existing, "keep me", StandardCharsets.UTF_8);
    assertFails("export " + existing + " --table yinpian", "文件已存在");
    assertEquals("keep me", Files.readString(existing, StandardCharsets.UTF_8));
    assertFails("export " + dir.resolve("out.txt") + " --table yinpian", "无法从文件名判断导出格式");
    assertFails("export " + dir.resolve("no/such/folder/out.csv") + " --table yinpian", "目标文件夹不存在");
    assertFails("export " + dir.resolve("bad.csv") + " --sql \"select nosuchcolumn from products\"", "SQL 错误");
    assertFails("export " + dir.resolve("bad.csv") + " --sql \"select count( from products\"", "SQL 错误");
    assertFails("export " + dir.resolve("bad.csv") + " --sql \"selec * from products\"", "SQL 错误");
    assertFails("export " + dir.resolve("bad.csv") + " --sql \"drop view products\"", "不允许的 SQL");
    assertFails("export " + dir.resolve("bad.csv") + " --command \"levls --by variety\"", "--command：未知命令");
    assertFails("export " + dir.resolve("bad.csv") + " --command \"levels --by brand\"", "--by 应为");
    assertFails("export " + dir.resolve("bad.csv") + " --command \"load /tmp/x.csv\"", "不能是 load");
    assertFails("export " + dir.resolve("bad.csv"), "三者之一");
    assertFails("export " + dir.resolve("bad.csv") + " --table products --sql \"select 1\"", "三者之一");
    assertFails("export " + dir.resolve("bad.csv") + " --table nosuch", "--table 应为");
    assertFails("export relative/out.csv --table yinpian", "绝对路径");
    assertFails("export " + dir + " --table yinpian --format csv --overwrite yes", "是一个文件夹");
    // replaced only when asked
    export("export " + existing + " --table yinpian --overwrite yes");
    assertEquals(count("select count(*) from yinpian") + 1, readCsv(existing).size());
  }

  @Test
  void anExportIsNotCachedAndRunsEachTime() throws Exception {
    Path out = dir.resolve("once.csv");
    int cached = h.drugs.engine().cache.size();
    export("export " + out + " --command \"manufacturers share --top 3\"");
    assertEquals(cached, h.drugs.engine().cache.size());
    InterpreterHarness.Run again = h.drugs("export " + out + " --command \"manufacturers share --top 3\"");
    assertFalse(again.ok(), "a second run writes again, and finds the file there");
    assertTrue(again.error().contains("文件已存在"), again.error());
  }

  @Test
  void progressFollowsTheRowsAndCancelRemovesTheFile() throws Exception {
    Path out = dir.resolve("big.csv");
    InterpreterContext ctx = InterpreterHarness.context();
    // every value the export reports (not samples of them); the cancel comes at a state, 3 %
    List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Integer> polled = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Boolean> fileWhileWriting = new java.util.concurrent.CopyOnWriteArrayList<>();
    h.drugs.watchProgress(ctx, p -> {
      seen.add(p);
      polled.add(h.drugs.getProgress(ctx));
      if (p == 1) {
        try {
          fileWhileWriting.add(listing().stream().anyMatch(n -> n.startsWith(".big.csv.export-")));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      if (p == 3) {
        h.drugs.cancel(ctx);
      }
    });
    // products × 20 catalog rows: a million rows
    InterpreterHarness.Run r = h.run(h.drugs, "export " + out
        + " --sql \"select a.*, b.name as catalog_name from products a cross join (select name from catalog limit 20) b\"", ctx);
    assertFalse(r.ok(), r.text());
    assertTrue(r.error().contains("已取消"), r.error());
    // the bar follows the rows written: from 0, one percent at a time, as Zeppelin's poll reads it
    // (-1 at the end: the export no longer reports, the bar is Spark's again)
    assertEquals(List.of(0, 1, 2, 3, -1), seen, "rows written, not the Spark job that counted them");
    assertEquals(seen.subList(0, 4), polled.subList(0, 4));
    assertEquals(List.of(true), fileWhileWriting, "written under a temporary name");
    assertFalse(listing().stream().anyMatch(n -> n.contains("big.csv")), "no file and no temporary file: " + listing());
    assertEquals("1446", h.drugs("levels --by variety").cell("品种数", "西药", "小计"));
  }
}
