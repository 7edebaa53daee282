package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import medinsight.access.AccessPolicy;
import medinsight.engine.DrugTables;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterGroup;
import org.apache.zeppelin.interpreter.LazyOpenInterpreter;
import org.apache.zeppelin.spark.SparkInterpreter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code %spark.drugs}: the plugin in one interpreter session with an interpreter of the class
 * name of Zeppelin's Spark interpreter, each wrapped as Zeppelin wraps them (opened at their first
 * paragraph). The plugin borrows that interpreter's session: no session or context of its own,
 * its tables are views there ({@code %spark.sql} sees them), the views made there are tables of
 * {@code %drugs.sql}, and a load replaces the tables in that session.
 */
class SparkGroupTest {
  @TempDir
  static Path dir;
  static SparkInterpreter spark;
  static Interpreter drugs;
  static Interpreter sql;
  static DrugsInterpreter inner;

  @BeforeAll
  static void group() throws Exception {
    Properties p = new Properties();
    p.setProperty("drugs.warehouse", "none");
    spark = new SparkInterpreter(p);
    inner = new DrugsInterpreter(p, AccessPolicy.embedded(p));
    DrugsSqlInterpreter innerSql = new DrugsSqlInterpreter(p);
    InterpreterGroup g = new InterpreterGroup("spark-" + System.nanoTime());
    List<Interpreter> session = new ArrayList<>();
    session.add(new LazyOpenInterpreter(spark));
    drugs = new LazyOpenInterpreter(inner);
    sql = new LazyOpenInterpreter(innerSql);
    session.add(drugs);
    session.add(sql);
    g.put("shared_session", session);
    for (Interpreter i : List.of(spark, inner, innerSql)) {
      i.setInterpreterGroup(g);
    }
    // the first paragraph opens %drugs.sql, which opens %drugs, which opens the Spark interpreter
    assertTrue(run(sql, "select 1").ok());
  }

  @AfterAll
  static void close() throws Exception {
    sql.close();
    drugs.close();
  }

  static InterpreterHarness.Run run(Interpreter i, String text) throws Exception {
    InterpreterContext ctx = EmbeddedDrugs.context();
    return new InterpreterHarness.Run(i.interpret(text, ctx), ctx.out.toInterpreterResultMessage());
  }

  static SparkSession session() {
    return (SparkSession) spark.getSparkSession();
  }

  static long count(String table) {
    return session().sql("select count(*) from " + table).head().getLong(0);
  }

  @Test
  void theTablesAreViewsOfTheSparkInterpretersSession() throws Exception {
    InterpreterHarness.Run r = run(sql, "select count(*) from products");
    assertTrue(r.ok(), r.text());
    assertEquals(1, spark.opened, "the Spark interpreter was opened once, by the plugin");
    DrugsEngine e = inner.engine();
    assertTrue(e.borrowed);
    assertSame(session(), e.spark, "the plugin runs on the Spark interpreter's session");
    assertSame(SparkContext.getOrCreate(), e.spark.sparkContext(), "and on its context");
    assertEquals(Long.parseLong(r.table(0).get(1)[0]), count("products"));
    for (String t : DrugTables.ORDER) {
      assertTrue(session().catalog().tableExists(t), t + " is a view of the Spark interpreter's session");
      assertEquals(Long.parseLong(run(sql, "select count(*) from " + t).table(0).get(1)[0]), count(t), t);
    }
    assertTrue(count("catalog") > 3000, "the bundled catalog");
  }

  @Test
  void viewsMadeWithSparkSqlAreTablesOfDrugsSql() throws Exception {
    session().sql("create or replace temp view western as select number, name from catalog where medicine_type = '西药'");
    InterpreterHarness.Run r = run(sql, "select count(*) from western");
    assertTrue(r.ok(), r.text());
    assertEquals(count("western"), Long.parseLong(r.table(0).get(1)[0]));
    assertTrue(count("western") > 0);
    // still queries only: the check holds on the borrowed session
    InterpreterHarness.Run refused = run(sql, "create temp view mine as select 1");
    assertFalse(refused.ok());
    assertTrue(refused.error().contains("不允许的 SQL"), refused.error());
    assertFalse(run(sql, "select * from text.`/etc/passwd`").ok());
  }

  @Test
  void aLoadReplacesTheTablesInThatSession() throws Exception {
    Path csv = dir.resolve("products.csv");
    Files.writeString(csv, LoadTransactionTest.HEADER
        + "P1,阿莫西林,西药,乙,胶囊剂,0.25g,虚构试验药业有限公司,0.1,否,,\n"
        + "P2,布洛芬,西药,甲,片剂,0.2g,虚构试验药业有限公司,0,否,,\n", StandardCharsets.UTF_8);
    long before = count("products");
    InterpreterHarness.Run r = run(drugs, "load " + csv + " --as products");
    assertTrue(r.ok(), r.text());
    assertEquals(2, count("products"), "the Spark interpreter's session sees the loaded list");
    assertTrue(before != 2);
    assertTrue(run(drugs, "load bundled --as products").ok());
    assertEquals(before, count("products"));
  }

  @Test
  void aParagraphGivesTheThreadBackItsJobGroup() throws Exception {
    SparkContext sc = session().sparkContext();
    sc.setJobGroup("zeppelin-spark-note-paragraph", "%spark", false);
    try {
      assertTrue(run(drugs, "levels").ok());
      assertEquals("zeppelin-spark-note-paragraph", sc.getLocalProperty("spark.jobGroup.id"));
      assertEquals("%spark", sc.getLocalProperty("spark.job.description"));
    } finally {
      sc.clearJobGroup();
    }
  }
}
