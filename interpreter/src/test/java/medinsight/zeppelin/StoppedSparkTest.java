package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * When Spark stops the engine's context (a cluster removes the application, see
 * SparkRecoveryEndToEndTest for that on a real server), the next paragraph of either interpreter
 * runs on a new engine instead of failing for everyone until an admin restarts the interpreter.
 */
class StoppedSparkTest {
  @Test
  void theNextParagraphAfterSparkStoppedRunsOnANewContext() throws Exception {
    try (InterpreterHarness h = new InterpreterHarness(new Properties())) {
      InterpreterHarness.Run before = h.sql("select count(*) as n from catalog");
      assertTrue(before.ok(), before.text());
      DrugsEngine old = h.drugs.engine();
      old.spark.sparkContext().stop();
      assertTrue(old.stopped());
      InterpreterHarness.Run after = h.sql("select count(*) as n from catalog");
      assertTrue(after.ok(), after.text());
      assertEquals(before.table(0).get(1)[0], after.table(0).get(1)[0]);
      assertNotSame(old, h.drugs.engine());
      assertTrue(!h.drugs.engine().stopped());
      InterpreterHarness.Run levels = h.drugs("levels --by variety");
      assertTrue(levels.ok(), levels.text());
    }
  }
}
