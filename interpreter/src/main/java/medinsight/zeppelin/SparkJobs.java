package medinsight.zeppelin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.zeppelin.interpreter.InterpreterContext;

/**
 * Spark job groups per paragraph, so {@code cancel()} stops exactly that paragraph's jobs and
 * {@code getProgress()} reports its tasks; plus a flag for work that runs outside Spark (parsing
 * a file while loading).
 */
final class SparkJobs {
  private final Map<String, AtomicBoolean> cancelled = new ConcurrentHashMap<>();

  static String group(InterpreterContext ctx) {
    return "zeppelin-drugs-" + ctx.getNoteId() + "-" + ctx.getParagraphId();
  }

  AtomicBoolean start(SparkContext sc, InterpreterContext ctx, String description) {
    String g = group(ctx);
    sc.setJobGroup(g, description.length() > 200 ? description.substring(0, 200) : description, true);
    AtomicBoolean flag = new AtomicBoolean(false);
    cancelled.put(g, flag);
    return flag;
  }

  void finish(SparkContext sc, InterpreterContext ctx) {
    cancelled.remove(group(ctx));
    sc.clearJobGroup();
  }

  void cancel(SparkContext sc, InterpreterContext ctx) {
    String g = group(ctx);
    AtomicBoolean f = cancelled.get(g);
    if (f != null) {
      f.set(true);
    }
    sc.cancelJobGroup(g);
  }

  static int progress(SparkContext sc, InterpreterContext ctx) {
    int[] jobs = sc.statusTracker().getJobIdsForGroup(group(ctx));
    long total = 0;
    long done = 0;
    for (int id : jobs) {
      scala.Option<SparkJobInfo> job = sc.statusTracker().getJobInfo(id);
      if (job.isEmpty()) {
        continue;
      }
      for (int stage : job.get().stageIds()) {
        scala.Option<SparkStageInfo> s = sc.statusTracker().getStageInfo(stage);
        if (s.isDefined()) {
          total += s.get().numTasks();
          done += s.get().numCompletedTasks();
        }
      }
    }
    return total == 0 ? 0 : (int) (100 * done / total);
  }
}
