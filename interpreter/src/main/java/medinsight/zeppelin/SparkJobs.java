package medinsight.zeppelin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.zeppelin.interpreter.InterpreterContext;
import scala.Option;

/**
 * Spark job groups per paragraph, so {@code cancel()} stops exactly that paragraph's jobs and
 * {@code getProgress()} reports its tasks; plus a flag for work that runs outside Spark (parsing
 * a file while loading) and a progress value for such work (rows written by an export).
 */
final class SparkJobs {
  private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> reported = new ConcurrentHashMap<>();
  private final Map<String, IntConsumer> watchers = new ConcurrentHashMap<>();
  /** The local property that holds a job's group (SparkContext.SPARK_JOB_GROUP_ID, private to Spark). */
  private static final String JOB_GROUP = "spark.jobGroup.id";
  /** The job properties {@code setJobGroup} sets (SparkContext's private constants), restored by {@link #finish}. */
  private static final String[] JOB_PROPERTIES = {JOB_GROUP, "spark.job.description", "spark.job.interruptOnCancel"};
  /** Each running paragraph's thread's job properties as they were before {@link #start}. */
  private final Map<String, String[]> before = new ConcurrentHashMap<>();
  /** The SparkContext whose job starts {@link #cancelLate} sees (a rebuilt engine has a new one). */
  private volatile SparkContext listened;

  static String group(InterpreterContext ctx) {
    return "zeppelin-drugs-" + ctx.getNoteId() + "-" + ctx.getParagraphId();
  }

  /**
   * Puts the calling thread's Spark jobs in the paragraph's group. With {@code interrupt} a cancel
   * also interrupts the threads that run their tasks, so a task blocked in an interruptible call
   * ends too; without it (Spark's and Zeppelin's default) it only kills them between records, since
   * an interrupt can leave an HDFS client that is writing in a broken state (HDFS-1208): right for
   * loads and exports, which write, needless for queries, which never do.
   */
  AtomicBoolean start(SparkContext sc, InterpreterContext ctx, String description, boolean interrupt) {
    cancelLate(sc);
    String g = group(ctx);
    String[] was = new String[JOB_PROPERTIES.length];
    for (int i = 0; i < was.length; i++) {
      was[i] = sc.getLocalProperty(JOB_PROPERTIES[i]);
    }
    before.put(g, was);
    sc.setJobGroup(g, shortened(description), interrupt);
    AtomicBoolean flag = new AtomicBoolean(false);
    cancelled.put(g, flag);
    reported.put(g, new AtomicInteger(-1));
    return flag;
  }

  /** Names the jobs that follow (Spark's UI and listeners show it), e.g. the statement that runs. */
  static void describe(SparkContext sc, String description) {
    sc.setJobDescription(shortened(description));
  }

  private static String shortened(String d) {
    String t = d.trim();
    return t.length() > 200 ? t.substring(0, 200) : t;
  }

  /** Where a paragraph's command reports the progress of work outside Spark; -1 means none. */
  IntConsumer reporter(InterpreterContext ctx) {
    String g = group(ctx);
    AtomicInteger r = reported.get(g);
    if (r == null) {
      return p -> { };
    }
    return p -> {
      r.set(p);
      IntConsumer w = watchers.get(g);
      if (w != null) {
        w.accept(p);
      }
    };
  }

  /**
   * Calls {@code watcher} with every progress value the paragraph's command reports, after
   * {@link #progress} gives it: each value, not a sample of them, until the paragraph finishes.
   */
  void watch(InterpreterContext ctx, IntConsumer watcher) {
    watchers.put(group(ctx), watcher);
  }

  /**
   * A cancel stops the jobs of the group that run at that moment ({@code cancelJobGroup}); a job
   * the paragraph starts after it (the next stage of a query whose broadcast had just finished)
   * would run to its end. So every job that starts in a group whose paragraph was cancelled is
   * cancelled as it starts.
   */
  private void cancelLate(SparkContext sc) {
    if (listened == sc) {
      return;
    }
    synchronized (this) {
      if (listened == sc) {
        return;
      }
      sc.addSparkListener(new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart start) {
          String g = start.properties() == null ? null : start.properties().getProperty(JOB_GROUP);
          AtomicBoolean f = g == null ? null : cancelled.get(g);
          if (f != null && f.get()) {
            sc.cancelJob(start.jobId(), "the paragraph was cancelled");
          }
        }
      });
      listened = sc;
    }
  }

  /**
   * Ends the paragraph's group and gives the thread back its job properties as {@link #start}
   * found them: on a borrowed session (Zeppelin's Spark interpreter's) they may be that
   * interpreter's, which clearing would lose.
   */
  void finish(SparkContext sc, InterpreterContext ctx) {
    String g = group(ctx);
    cancelled.remove(g);
    reported.remove(g);
    watchers.remove(g);
    String[] was = before.remove(g);
    for (int i = 0; i < JOB_PROPERTIES.length; i++) {
      sc.setLocalProperty(JOB_PROPERTIES[i], was == null ? null : was[i]);
    }
  }

  void cancel(SparkContext sc, InterpreterContext ctx) {
    String g = group(ctx);
    AtomicBoolean f = cancelled.get(g);
    if (f != null) {
      f.set(true);
    }
    sc.cancelJobGroup(g);
  }

  /** The progress a command reports for its own work, else that of the paragraph's Spark tasks. */
  int progress(SparkContext sc, InterpreterContext ctx) {
    AtomicInteger r = reported.get(group(ctx));
    if (r != null && r.get() >= 0) {
      return Math.min(100, r.get());
    }
    return sparkProgress(sc, ctx);
  }

  static int sparkProgress(SparkContext sc, InterpreterContext ctx) {
    int[] jobs = sc.statusTracker().getJobIdsForGroup(group(ctx));
    long total = 0;
    long done = 0;
    for (int id : jobs) {
      Option<SparkJobInfo> job = sc.statusTracker().getJobInfo(id);
      if (job.isEmpty()) {
        continue;
      }
      for (int stage : job.get().stageIds()) {
        Option<SparkStageInfo> s = sc.statusTracker().getStageInfo(stage);
        if (s.isDefined()) {
          total += s.get().numTasks();
          done += s.get().numCompletedTasks();
        }
      }
    }
    return total == 0 ? 0 : (int) (100 * done / total);
  }
}
