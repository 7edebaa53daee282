package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import medinsight.access.AccessDenied;
import medinsight.access.AccessPolicy;
import medinsight.access.SqlGuard;
import medinsight.access.Caller;
import medinsight.catalog.RejectedRow;
import medinsight.engine.DrugTables;
import medinsight.export.Exporter;
import org.apache.spark.SparkConf;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;
import org.apache.zeppelin.interpreter.util.SqlSplitter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a paragraph may not do, whoever writes it: run programs or Java, read or write files
 * outside the deployment's folders, change the session for others, or act beyond its role.
 * Paragraphs run as Zeppelin runs them, with a logged-in user and roles.
 */
class SecurityTest {
  @TempDir
  static Path root;
  static Path data;
  static Path exports;
  static Path outside;
  static InterpreterHarness h;

  @BeforeAll
  static void open() throws Exception {
    data = Files.createDirectories(root.resolve("data"));
    exports = Files.createDirectories(root.resolve("exports"));
    outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.csv"), "SECRET-HEADER,other\nSECRET-VALUE,1\n");
    Properties p = new Properties();
    p.setProperty(AccessPolicy.DATA_DIRS, data.toString());
    p.setProperty(AccessPolicy.EXPORT_DIR, exports.toString());
    h = new InterpreterHarness(p);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  static InterpreterHarness.Run as(String role, boolean sql, String text) throws Exception {
    InterpreterContext ctx = EmbeddedDrugs.contextAs(role, role);
    return h.run(sql ? h.sql : h.drugs, text, ctx);
  }

  static void refusedInOneLine(InterpreterHarness.Run r, String expected, String what) {
    assertFalse(r.ok(), what + " ran: " + r.text());
    String e = r.error().trim();
    assertTrue(e.contains(expected), what + ": " + e);
    assertFalse(e.contains("\n"), what + ": not one line: " + e);
  }

  private static List<String> completed(String role, boolean sql, String buf) throws Exception {
    InterpreterContext ctx = EmbeddedDrugs.contextAs(role, role);
    return (sql ? h.sql : h.drugs).completion(buf, buf.length(), ctx).stream()
        .map(InterpreterCompletion::getValue).sorted().collect(Collectors.toList());
  }

  /** Completion offers what the caller may run: the viewer nothing, the analyst no load, the admin everything. */
  @Test
  void completionOffersOnlyWhatTheCallerMayRun() throws Exception {
    assertEquals(List.of("levels", "load", "lookup"), completed("admin", false, "l"));
    assertEquals(List.of("levels", "lookup"), completed("analyst", false, "l"));
    assertEquals(List.of(), completed("analyst", false, "load --"));
    assertTrue(completed("admin", false, "load --").contains("--as"));
    assertTrue(completed("analyst", false, "export --").contains("--table"));
    assertEquals(List.of(), completed("viewer", false, "l"));
    assertEquals(List.of(), completed("viewer", false, "levels --"));
    assertTrue(completed("analyst", true, "select * from prod").contains("products"));
    assertEquals(List.of(), completed("viewer", true, "select * from prod"));
  }

  @Test
  void statementsThatReachOutsideTheDataAreRefusedBySqlAndByExport() throws Exception {
    Path victim = Files.createDirectories(root.resolve("victim"));
    Files.writeString(victim.resolve("keep.txt"), "kept");
    Path pwned = root.resolve("pwned");
    List<String> statements = List.of(
        "SELECT TRANSFORM('x') USING 'touch " + pwned + "' AS (o string)",
        "select * from (select 1) t cross join (SELECT TRANSFORM(level) USING 'touch " + pwned + "' AS (o string) from products) s",
        "select reflect('java.lang.System', 'getProperty', 'user.home')",
        "select java_method('java.lang.System', 'exit', 0)",
        "select upper(java_method('java.lang.System', 'exit', 0))",
        "select * from products where name in (select reflect('java.lang.System', 'exit', 0))",
        "select * from text.`" + outside.resolve("secret.csv") + "`",
        "select * from csv.`/etc/passwd`",
        "with t as (select * from json.`/etc/passwd`) select * from t",
        "insert overwrite directory '" + victim + "' select 1",
        "create table t1 location '" + root.resolve("ct") + "' as select 1",
        "SET spark.sql.session.timeZone=UTC",
        "ADD JAR " + root.resolve("x.jar"),
        "create or replace temporary view products as select 'planted' as name",
        "cache table products",
        "select xpath('<a>x</a>', 'a/text()')",
        "select * from default.products",
        "select x, sum(x) over w from values (1) as v(x) window w as (partition by reflect('java.lang.System','exit',0))",
        "SELECT IDENTIFIER('reflect')('java.lang.System', 'exit', 7)",
        "SELECT IDENTIFIER(concat('java_', 'method'))('java.lang.System', 'getenv', 'PATH')",
        "select transform(array(1), x -> IDENTIFIER('reflect')('java.lang.System', 'exit', 7))",
        "SELECT IDENTIFIER('xpath_string')('<a>x</a>', 'a')",
        "select * from IDENTIFIER('products')");
    for (String s : statements) {
      refusedInOneLine(as("analyst", true, s), "不允许的 SQL", "%drugs.sql " + s);
      refusedInOneLine(as("analyst", false, "export refused.csv --sql \"" + s.replace("\"", "\\\"") + "\""),
          "不允许的 SQL", "export --sql " + s);
    }
    assertFalse(Files.exists(pwned), "a script ran");
    assertEquals("kept", Files.readString(victim.resolve("keep.txt")));
    assertFalse(Files.exists(root.resolve("ct")));
    assertFalse(Files.exists(exports.resolve("refused.csv")));
    // the interpreter is still up and its tables are its own
    InterpreterHarness.Run ok = as("admin", true, "select count(*) as n from products where name = 'planted'");
    assertTrue(ok.ok(), ok.text());
    assertEquals("0", ok.table(0).get(1)[0]);
  }

  /** One call must not ask the shared driver for gigabytes: the generated length is a bounded constant. */
  @Test
  void functionsThatGenerateLongStringsOrArraysAreHeldToABoundedConstant() throws Exception {
    List<String> refused = List.of(
        "select length(repeat('x', 2147483647))",
        "select length(lpad('x', 2147483647, 'y'))",
        "select length(rpad(name, 1000000000)) from products",
        "select length(space(2147483647))",
        "select size(array_repeat(1, 2147483647))",
        "select size(sequence(1, 2000000000))",
        "select length(format_string('%2000000000s', 'x'))",
        "select length(printf('%999999999d', 1))",
        "select length(repeat('x', cast(self_pay_ratio * 1e9 as int))) from products",
        "select length(repeat(repeat('x', 100000), 100000))",
        "select length(format_string(name, 1)) from products");
    // bounded constants run, as before
    refusedButTheBoundedFormRuns(refused, "会占用解释器的内存", "select length(repeat('ab', 3)) as a, lpad('7', 3, '0') as b, "
        + "size(sequence(1, 10)) as c, format_string('%05d', 42) as d, size(array_repeat('x', 4)) as e",
        List.of("6", "007", "10", "00042", "4"));
  }

  /** Each of {@code refused} is refused in one line saying {@code why}; {@code ok} runs and gives the row {@code row}. */
  static void refusedButTheBoundedFormRuns(List<String> refused, String why, String ok, List<String> row) throws Exception {
    for (String q : refused) {
      refusedInOneLine(as("analyst", true, q), why, "%drugs.sql " + q);
    }
    InterpreterHarness.Run r = as("analyst", true, ok);
    assertTrue(r.ok(), r.text());
    assertEquals(row, List.of(r.table(0).get(1)));
  }

  /**
   * A regular expression with a back-reference backtracks for minutes in a loop that neither a
   * cancel nor an interrupt stops (with constant operands, in the driver while the query is
   * planned); a pattern that is not a constant could be one. Both are refused in one line.
   */
  /**
   * A join without an equality condition compares every row pair between two reads of its input,
   * where Spark looks for a cancel: products × products × 100 catalog rows kept both cores after
   * the cancel (and the statement's time limit) had answered. Over 10^9 pairs it is refused, in
   * the paragraph, in a subquery and in export --sql; smaller ones and equi-joins run.
   */
  @Test
  void aNestedLoopJoinOverABillionPairsIsRefused() throws Exception {
    List<String> refused = List.of(
        "select count(*) from products a cross join products b",
        "select count(*) from products a cross join products b cross join (select * from catalog limit 100) c "
            + "where a.self_pay_ratio + b.self_pay_ratio + c.number > 1e9",
        "select count(*) from products a join products b on a.self_pay_ratio < b.self_pay_ratio",
        "select (select count(*) from products a, products b where a.name like b.name) as n",
        "select count(*) from range(0, 100000) a, range(0, 100000) b");
    refusedButTheBoundedFormRuns(refused, "没有等值条件的连接", "select (select count(*) from catalog c join yinpian y on y.name like concat(c.name, '%')) >= 0 as a, "
        + "(select count(*) from products p cross join (select avg(self_pay_ratio) as m from products) s where p.self_pay_ratio > s.m) > 0 as b, "
        + "(select count(*) from products a join products b on a.product_code = b.product_code) = (select count(*) from products) as c",
        List.of("true", "true", "true"));
    InterpreterHarness.Run export = as("analyst", false, "export pairs.csv --sql \"select count(*) from products a cross join products b\"");
    refusedInOneLine(export, "没有等值条件的连接", "export --sql of a nested-loop join");
    assertFalse(Files.exists(exports.resolve("pairs.csv")));
  }

  @Test
  void regularExpressionsWithBackReferencesOrComputedPatternsAreRefused() throws Exception {
    List<String> refused = List.of(
        "select count(*) from range(0,2,1,2) where repeat('a', 40 + cast(id*0 as int)) rlike '(a*)*\\\\1b'",
        "select repeat('a', 40) rlike '(a*)*\\\\1b'",
        "select 'aaaa' regexp '(?<x>a*)*\\\\k<x>b'",
        "select regexp_like('aaaa', '(a*)*\\\\1b')",
        "select regexp_extract(name, '(a)\\\\1', 0) from products",
        "select regexp_replace(name, '(.)\\\\1', 'x') from products",
        "select count(*) from products where name rlike name",
        "select split(name, manufacturer) from products",
        "select str_to_map('a:1', ',', name) from products",
        "select count(*) from range(0,2,1,2) where repeat('a', 40 + cast(id*0 as int)) rlike '(a|aa)*b'",
        "select repeat('a', 40) rlike '(a+)+b'");
    // constant patterns without back-references run, as before
    refusedButTheBoundedFormRuns(refused, "会长时间占用解释器", "select '阿莫西林胶囊' rlike '(片|胶囊)$' as a, "
        + "regexp_replace('a-b', '-', '+') as b, size(split('a,b,c', ',')) as c, regexp_extract('x12', '([0-9]+)', 1) as d",
        List.of("true", "a+b", "3", "12"));
  }

  @Test
  void commentsAndQuotesCannotSmuggleASecondStatementPastTheCheck() throws Exception {
    String smuggled = "select java_method('java.lang.System', 'setProperty', 'medinsight.smuggled', 'yes')";
    List<String> tricks = List.of(
        "select 1 /* ; */ ; " + smuggled,
        "select '/*' as a; " + smuggled + " -- */",
        "select 1 -- it's\n; " + smuggled,
        "select \"--\" as a; " + smuggled,
        "select 1 /* /* */ ; " + smuggled + " */",
        "select 1 /* ; */ " + smuggled,
        "select '\\'; " + smuggled + " -- '",
        "select `a;b` from products; " + smuggled,
        "select 1 /*+ hint ; */ ; " + smuggled);
    for (String t : tricks) {
      InterpreterHarness.Run r = as("analyst", true, t);
      assertFalse(r.ok(), t + " ran: " + r.text());
      assertFalse(r.error().trim().contains("\n"), t + ": not one line: " + r.error());
      assertTrue(r.error().contains("不允许的 SQL") || r.error().contains("SQL 错误"), t + ": " + r.error());
    }
    assertEquals(null, System.getProperty("medinsight.smuggled"), "a smuggled statement ran");
    // a paragraph stops at its first failing statement, so the smuggled one must also be refused
    // by the guard on its own, wherever the splitter leaves it: as a whole statement, refused for
    // what it calls (not as a syntax error), or inside a piece Spark cannot parse
    int whole = 0;
    for (String t : tricks) {
      for (String piece : new SqlSplitter().splitSql(t)) {
        if (piece.contains("java_method")) {
          AccessDenied refused = assertThrows(AccessDenied.class,
              () -> SqlGuard.check(h.drugs.engine().spark, piece.trim(), DrugTables.NAMES), piece);
          if (piece.trim().equals(smuggled)) {
            whole++;
            assertFalse(refused instanceof SqlGuard.SqlSyntax, piece + ": " + refused.getMessage());
          }
        }
      }
    }
    assertTrue(whole >= 4, "the smuggled statement stood alone in " + whole + " splits");
  }

  @Test
  void readOnlyQueriesOfEveryShapeStillRun() throws Exception {
    List<String> queries = List.of(
        "select p.level, count(*) from products p join catalog c on p.variety_id = c.variety_id group by p.level",
        "with a as (select level, self_pay_ratio from products), b as (select * from a where self_pay_ratio > 0.1) select level, count(*) from b group by level",
        "select level, avg(self_pay_ratio) over (partition by level) as m from products limit 3",
        "select name from catalog where variety_id in (select variety_id from products where negotiated) limit 3",
        "select * from values (1, 'a'), (2, 'b') as t(x, y)",
        "table yinpian",
        "select * from range(3)",
        "select explode(array(1, 2))",
        "select level, count(*) from products group by level union all select '合计', count(*) from products",
        "select transform(array(1, 2), x -> x + 1)",
        "describe products",
        "describe catalog name",
        "show tables",
        "show columns from products",
        "select o.* from products o lateral view explode(array(1)) e as v limit 1",
        "select count(*) from rejected_rows");
    for (String q : queries) {
      InterpreterHarness.Run r = as("analyst", true, q);
      assertTrue(r.ok(), q + ": " + r.text());
    }
  }

  @Test
  void everyExampleOfTheSelfServiceSqlNoteRuns() throws Exception {
    Path note = Paths.get("..", "notes", "自助SQL_2MISQL001.zpln");
    JsonObject o = JsonParser.parseString(Files.readString(note, StandardCharsets.UTF_8)).getAsJsonObject();
    int n = 0;
    for (JsonElement pe : o.getAsJsonArray("paragraphs")) {
      String text = pe.getAsJsonObject().get("text").getAsString();
      if (text.startsWith("%drugs.sql")) {
        InterpreterHarness.Run r = as("analyst", true, text.substring("%drugs.sql".length()));
        assertTrue(r.ok(), text + ": " + r.text());
        n++;
      }
    }
    assertTrue(n >= 5, "examples " + n);
  }

  @Test
  void loadsOnlyFromTheDataFoldersAndNeverShowsAForeignFile() throws Exception {
    Path link = data.resolve("link.csv");
    Files.createSymbolicLink(link, outside.resolve("secret.csv"));
    Path linkedDir = data.resolve("linked");
    Files.createSymbolicLink(linkedDir, outside);
    for (String path : List.of("/etc/passwd", outside.resolve("secret.csv").toString(), data + "/../outside/secret.csv",
        "../outside/secret.csv", "file://" + outside.resolve("secret.csv"), link.toString(), "link.csv",
        linkedDir + "/secret.csv", "classpath:medinsight/data/nhsa-rules/README.md", "classpath:log4j2.properties",
        "hdfs://127.0.0.1:1/data/x.csv")) {
      InterpreterHarness.Run r = as("admin", false, "load " + path + " --as products");
      refusedInOneLine(r, "只能加载数据文件夹", "load " + path);
      assertFalse(r.text().contains("SECRET"), r.text());
    }
    // a file that is not a product list, inside the data folder: the error names no content
    Files.writeString(data.resolve("foreign.csv"), "SECRET-HEADER,PASSWORD=hunter2\nroot:x:0:0\n");
    InterpreterHarness.Run r = as("admin", false, "load foreign.csv --as products");
    refusedInOneLine(r, "缺少必需列", "a foreign file");
    assertTrue(r.error().contains("首行共 2 列"), r.error());
    assertFalse(r.text().contains("SECRET") || r.text().contains("hunter2"), r.text());
    // a binary file: one printable line
    Files.write(data.resolve("binary.csv"), new byte[] {'a', ',', 'b', '\n', 0, 1, 2, '"', 3, '\n', '"', 'x'});
    InterpreterHarness.Run b = as("admin", false, "load binary.csv --as products");
    assertFalse(b.ok());
    assertFalse(b.error().trim().contains("\n") || b.error().chars().anyMatch(c -> c < 0x20 && c != '\n'), b.error());
  }

  @Test
  void exportsOnlyIntoTheExportFolderAndReplacesOnlyItsOwnFiles() throws Exception {
    Files.createSymbolicLink(exports.resolve("out-link"), outside);
    Files.createSymbolicLink(exports.resolve("file-link.csv"), outside.resolve("secret.csv"));
    for (String target : List.of(outside.resolve("x.csv").toString(), "../outside/x.csv", "a/../../outside/x.csv",
        "file://" + outside.resolve("x.csv"), "out-link/x.csv", "hdfs://127.0.0.1:1/x.csv", "~/x.csv",
        Exporter.LEDGER, ".hidden.csv", "sub/.x.csv")) {
      InterpreterHarness.Run r = as("analyst", false, "export " + target + " --table yinpian --overwrite yes");
      refusedInOneLine(r, "不能导出到", "export " + target);
    }
    InterpreterHarness.Run link = as("analyst", false, "export file-link.csv --table yinpian --overwrite yes");
    refusedInOneLine(link, "不能导出到", "export through a link to a file");
    assertEquals("SECRET-HEADER,other\nSECRET-VALUE,1\n", Files.readString(outside.resolve("secret.csv")));
    try (var s = Files.list(outside)) {
      assertEquals(1, s.count(), "nothing was written outside the export folder");
    }
    // a file the export command did not write is never replaced
    Files.writeString(exports.resolve("notes.csv"), "mine");
    refusedInOneLine(as("analyst", false, "export notes.csv --table yinpian --overwrite yes"), "不会覆盖", "foreign file");
    assertEquals("mine", Files.readString(exports.resolve("notes.csv")));
    // its own file is, when asked
    InterpreterHarness.Run first = as("analyst", false, "export yinpian.csv --table yinpian");
    assertTrue(first.ok(), first.text());
    assertTrue(first.text().contains(exports.resolve("yinpian.csv").toString()), first.text());
    assertFalse(as("analyst", false, "export yinpian.csv --table yinpian").ok(), "needs --overwrite yes");
    InterpreterHarness.Run again = as("analyst", false, "export yinpian.csv --table yinpian --overwrite yes");
    assertTrue(again.ok(), again.text());
    assertTrue(Files.readString(exports.resolve(Exporter.LEDGER)).contains("yinpian.csv"));
  }

  @Test
  void rolesDecideWhoRunsLoadsAndExports() throws Exception {
    refusedInOneLine(as("viewer", false, "levels"), "不能运行", "viewer %drugs");
    refusedInOneLine(as("viewer", true, "select 1"), "不能运行", "viewer %drugs.sql");
    refusedInOneLine(h.run(h.drugs, "help", EmbeddedDrugs.contextAs("someone")), "不能运行", "a user with no role");
    Files.writeString(data.resolve("tiny.csv"), "药品名称,医保类别,生产企业,自付比例\n阿莫西林胶囊,甲,某药业,0\n");
    refusedInOneLine(as("analyst", false, "load tiny.csv --as products"), "不能加载数据", "analyst load");
    assertTrue(as("analyst", false, "levels").ok());
    InterpreterHarness.Run ex = as("analyst", false, "export levels.csv --command \"levels --by variety\"");
    assertTrue(ex.ok(), ex.text());
    // only the admin loads; a load changes the product list, so put the bundled one back after
    InterpreterHarness.Run load = as("admin", false, "load tiny.csv --as products");
    assertTrue(load.ok(), load.text());
    InterpreterHarness.Run back = as("admin", false, "load classpath:medinsight/data/beijing/products-sf1.csv --as products");
    assertTrue(back.ok(), back.text());
  }

  @Test
  void eachUserQueriesInASessionOfTheirOwn() throws Exception {
    DrugsEngine e = h.drugs.engine();
    var tables = e.data.tables();
    assertNotSame(e.sessionOf(new Caller("analyst", java.util.Set.of("analyst")), tables),
        e.sessionOf(new Caller("admin", java.util.Set.of("admin")), tables));
    assertEquals("false", e.spark.conf().get("spark.sql.runSQLOnFiles"));
    assertEquals("false", e.sessionOf(new Caller("analyst", java.util.Set.of("analyst")), tables).conf().get("spark.sql.runSQLOnFiles"));
  }

  @Test
  void rejectedRowsKeepABoundedPrintableExcerpt() {
    String raw = "a\u0000b\u001b[31m" + "很长".repeat(300);
    String x = RejectedRow.excerpt(raw);
    assertEquals(RejectedRow.EXCERPT + 1, x.codePointCount(0, x.length()));
    assertTrue(x.chars().noneMatch(c -> c < 0x20), x);
  }

  @Test
  void aDeploymentsFoldersAreNotWidenedByTheInterpretersProperties(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf").resolve(AccessPolicy.FILE),
        "drugs.data.dirs = d\ndrugs.export.dir = e\ndrugs.warehouse = none\nspark.sql.shuffle.partitions = 3\n");
    AccessPolicy policy = AccessPolicy.deployment(home);
    Properties fromConf = new Properties();
    fromConf.setProperty(AccessPolicy.DATA_DIRS, "/");
    fromConf.setProperty(AccessPolicy.EXPORT_DIR, "/");
    fromConf.setProperty(AccessPolicy.WAREHOUSE, "/tmp/anywhere");
    fromConf.setProperty("drugs.roles.load", "viewer");
    fromConf.setProperty("spark.jars", "/tmp/evil.jar");
    fromConf.setProperty("spark.sql.runSQLOnFiles", "true");
    fromConf.setProperty("spark.master", "local[1]");
    fromConf.setProperty("drugs.data.products", "/etc/passwd");
    List<String> failures = new ArrayList<>();
    try {
      DrugsEngine.create(fromConf, policy);
      failures.add("a start-up source outside the data folders was accepted");
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("drugs.data.products"), expected.getMessage());
    }
    assertTrue(failures.isEmpty(), failures.toString());
    SparkConf conf = DrugsEngine.sparkConf(fromConf, policy);
    assertFalse(conf.contains("spark.jars"));
    assertEquals("false", conf.get("spark.sql.runSQLOnFiles"));
    assertEquals("local[1]", conf.get("spark.master"));
    assertEquals("3", conf.get("spark.sql.shuffle.partitions"));
    assertEquals(home.resolve("e").toString(), policy.exportFolder());
    assertEquals(List.of(home.resolve("d").toString()), policy.dataFolders());
    assertEquals(null, policy.warehouse());
    assertFalse(policy.allows(new Caller("v", java.util.Set.of("viewer")), AccessPolicy.Action.LOAD));
    assertFalse(policy.allows(Caller.NOBODY, AccessPolicy.Action.QUERY), "no login, no query");
  }
}
