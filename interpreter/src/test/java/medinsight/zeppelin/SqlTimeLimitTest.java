package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import medinsight.access.AccessPolicy;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A deployment's time limit per {@code %drugs.sql} statement ends a statement that would run on. */
class SqlTimeLimitTest {
  static InterpreterHarness h;

  @BeforeAll
  static void open() throws Exception {
    Properties p = new Properties();
    // long enough for any ordinary statement on a busy machine; the one below needs hours
    p.setProperty(AccessPolicy.SQL_TIME_LIMIT, "10");
    h = new InterpreterHarness(p);
  }

  @AfterAll
  static void close() {
    h.close();
  }

  @Test
  void aStatementPastTheLimitIsStoppedAndTheNextOneRuns() throws Exception {
    InterpreterHarness.Run r = h.sql("select 1 as a; "
        + DrugsSqlInterpreterTest.ENDLESS + "; select 2 as b");
    assertEquals(InterpreterResult.Code.ERROR, r.result.code(), r.text());
    assertTrue(r.error().contains("超过部署设定的 10 秒（drugs.sql.timeLimitSeconds），已停止"), r.error());
    assertFalse(r.error().trim().contains("\n"), "one line: " + r.error());
    assertTrue(r.text().contains("a\n1"), "the statement before it answered: " + r.text());
    assertFalse(r.text().contains("b\n2"), "the paragraph ended there: " + r.text());
    InterpreterHarness.Run next = h.sql("select count(*) as n from catalog");
    assertTrue(next.ok(), next.text());
    // the stopped statement's tasks end: the cores are free again (the status store hears of it a moment later)
    org.apache.spark.SparkStatusTracker status = h.drugs.engine().spark.sparkContext().statusTracker();
    long deadline = System.currentTimeMillis() + 120_000;
    while (running(status) > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, running(status), "a task of the stopped statement runs on");
  }

  static int running(org.apache.spark.SparkStatusTracker status) {
    int n = 0;
    for (org.apache.spark.SparkExecutorInfo e : status.getExecutorInfos()) {
      n += e.numRunningTasks();
    }
    return n;
  }

  @Test
  void theLimitIsTheDeploymentsAndASecondsCount() {
    assertTrue(AccessPolicy.isSecurityKey(AccessPolicy.SQL_TIME_LIMIT), "a paragraph's properties never set it");
    Properties bad = new Properties();
    bad.setProperty(AccessPolicy.SQL_TIME_LIMIT, "ten");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessPolicy.embedded(bad));
    assertTrue(e.getMessage().contains("应为秒数"), e.getMessage());
    assertEquals(0, AccessPolicy.embedded(new Properties()).sqlTimeLimitSeconds());
  }
}
