package medinsight.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import medinsight.SparkTestSupport;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cancelled write returns to the driver while its task still runs (Spark kills tasks without
 * interrupting them); removing the staging folder then lets the task create it again. The
 * warehouse waits for the group's tasks to end first.
 */
class RunningTasksTest {
  private static final CountDownLatch ENTERED = new CountDownLatch(1);
  private static final CountDownLatch RELEASE = new CountDownLatch(1);
  private static final AtomicBoolean ENDED = new AtomicBoolean();

  @TempDir
  Path dir;

  @Test
  void aCancelledWriteIsCleanedUpOnlyOnceItsTaskHasEnded() throws Exception {
    SparkSession spark = SparkTestSupport.spark();
    SparkContext sc = spark.sparkContext();
    Warehouse w = new Warehouse(spark, dir.resolve("wh").toUri().toString());
    StructType schema = new StructType().add("name", DataTypes.StringType);
    JavaRDD<Row> blocking = new JavaSparkContext(sc).parallelize(Arrays.asList(1), 1).map(i -> {
      ENTERED.countDown();
      RELEASE.await();
      ENDED.set(true);
      return RowFactory.create("阿莫西林");
    });
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean endedWhenCleanedUp = new AtomicBoolean();
    Thread load = new Thread(() -> {
      sc.setJobGroup("running-tasks-test", "a write that a cancel stops", false);
      try {
        w.store("fp", spark.createDataFrame(blocking, schema), null, new Warehouse.Meta(), schema);
      } catch (Throwable e) {
        thrown.set(e);
      } finally {
        endedWhenCleanedUp.set(ENDED.get());
        sc.clearJobGroup();
      }
    });
    try {
      load.start();
      ENTERED.await();
      sc.cancelJobGroup("running-tasks-test");
      // the load thread either has finished (the cleanup did not wait) or waits for the task
      while (load.isAlive() && !waitsForTasks(load)) {
        Thread.sleep(10);
      }
    } finally {
      RELEASE.countDown();
    }
    load.join();
    assertNotNull(thrown.get(), "the cancelled write fails");
    assertTrue(endedWhenCleanedUp.get(), "the staging folder is removed only after the write's task has ended");
    assertFalse(Files.exists(dir.resolve("wh").resolve(Warehouse.STAGING)), "nothing of the cancelled write is left");
    assertTrue(listing(dir.resolve("wh")).isEmpty(), "no folder in the warehouse: " + listing(dir.resolve("wh")));
  }

  private static boolean waitsForTasks(Thread t) {
    Thread.State s = t.getState();
    if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement e : t.getStackTrace()) {
      if (e.getClassName().equals(RunningTasks.class.getName()) && e.getMethodName().equals("awaitGroupEnded")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> listing(Path p) throws Exception {
    if (!Files.exists(p)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> s = Files.list(p)) {
      return s.map(x -> x.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
    }
  }

  /**
   * The order of events that a job cancelled as it starts gives (seen in CI): its start, its end,
   * and only then the start of the task that was launched meanwhile. The task still counts for the
   * group until it ends; the tracker keeps only the last {@link RunningTasks#KEPT} ended stages.
   */
  @Test
  void aTaskAnnouncedAfterItsJobEndedStillCountsForTheGroup() {
    RunningTasks t = new RunningTasks();
    t.jobStarted(1011, List.of(1540), "paragraph", null);
    t.jobEnded(1011);
    t.taskStarted(1540);
    t.jobStarted(1012, List.of(1541), null, "barrier");
    assertTrue(t.running("paragraph") == 1, "the late-announced task of the ended job runs");
    t.taskEnded(1540);
    assertTrue(t.running("paragraph") == 0);
    t.jobEnded(1012);
    for (int j = 0; j < 3 * RunningTasks.KEPT; j++) {
      t.jobStarted(2000 + j, List.of(3000 + j), "other", null);
      t.jobEnded(2000 + j);
    }
    assertTrue(t.stagesHeld() == RunningTasks.KEPT, "old idle stages are forgotten: " + t.stagesHeld());
  }
}
