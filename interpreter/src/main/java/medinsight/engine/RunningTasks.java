package medinsight.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * The tasks still running for a job group. A cancelled or failed job returns to the driver
 * before its tasks end: Spark kills them without interrupting their threads, and a task that is
 * writing Parquet goes on until it next looks at its kill flag, creating its output folders again
 * on the way. Whoever removes what a failed write wrote waits here first for the group's tasks to
 * end, else a task recreates a folder just removed.
 *
 * <p>Spark's listener events arrive later than they happen, in the order they were posted. A task
 * that runs was announced before the job failed; so once this listener has seen a job the caller
 * started after the failure (a one-task job, the barrier), it has seen every such task start, and
 * the group's count of running tasks falls to zero exactly when the last of them has ended.
 *
 * <p>A task's start can be announced after its job's end: a job cancelled as it starts ends while
 * the task that was just launched is still to be announced, a few events later. So a stage keeps
 * its group after its job ended: the last {@link #KEPT} ended stages are kept, and an older one is
 * forgotten once it runs no task.
 */
public final class RunningTasks {
  private static final Logger LOG = LoggerFactory.getLogger(RunningTasks.class);
  /** SparkContext.SPARK_JOB_GROUP_ID (private to Spark). */
  static final String JOB_GROUP = "spark.jobGroup.id";
  private static final String BARRIER = "medinsight.barrier";
  private static final String NO_GROUP = "";
  private static final Map<SparkContext, RunningTasks> BY_CONTEXT = new ConcurrentHashMap<>();
  /** How long a task may take to notice it was killed before its leftovers are left to the next sweep. */
  static final long WAIT_MILLIS = 120_000;

  /** Stages of the jobs that have not ended, and of ended jobs while tasks of theirs run. */
  private final Map<Integer, String> stageGroup = new HashMap<>();
  private final Map<Integer, Integer> runningByStage = new HashMap<>();
  private final Map<Integer, List<Integer>> jobStages = new HashMap<>();
  private final Set<Integer> endedStages = new java.util.LinkedHashSet<>();
  /** How many ended stages keep their group: far more than the job events between a job's end and a late task start. */
  static final int KEPT = 1000;
  private final Set<String> barriers = new HashSet<>();

  RunningTasks() {
  }

  /** The tracker of a context, listening from its first use on. */
  public static RunningTasks of(SparkContext sc) {
    return BY_CONTEXT.computeIfAbsent(sc, c -> {
      RunningTasks t = new RunningTasks();
      c.addSparkListener(t.listener(c));
      return t;
    });
  }

  SparkListener listener(SparkContext sc) {
    return new SparkListener() {
      @Override
      public void onApplicationEnd(SparkListenerApplicationEnd end) {
        BY_CONTEXT.remove(sc);
      }

      @Override
      public void onJobStart(SparkListenerJobStart start) {
        String g = start.properties() == null ? null : start.properties().getProperty(JOB_GROUP);
        String b = start.properties() == null ? null : start.properties().getProperty(BARRIER);
        List<Integer> stages = new ArrayList<>();
        for (Object s : JavaConverters.seqAsJavaList(start.stageIds())) {
          stages.add((Integer) s);
        }
        jobStarted(start.jobId(), stages, g, b);
      }

      @Override
      public void onJobEnd(SparkListenerJobEnd end) {
        jobEnded(end.jobId());
      }

      @Override
      public void onTaskStart(SparkListenerTaskStart t) {
        taskStarted(t.stageId());
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd t) {
        taskEnded(t.stageId());
      }
    };
  }

  synchronized void jobStarted(int job, List<Integer> stages, String group, String barrier) {
    for (int s : stages) {
      stageGroup.put(s, group == null ? NO_GROUP : group);
    }
    jobStages.put(job, stages);
    if (barrier != null) {
      barriers.add(barrier);
    }
    notifyAll();
  }

  synchronized void jobEnded(int job) {
    List<Integer> stages = jobStages.remove(job);
    if (stages != null) {
      endedStages.addAll(stages);
    }
    // the oldest ended stages that run no task are forgotten
    for (java.util.Iterator<Integer> it = endedStages.iterator(); it.hasNext() && endedStages.size() > KEPT; ) {
      int s = it.next();
      if (!runningByStage.containsKey(s)) {
        it.remove();
        stageGroup.remove(s);
      }
    }
  }

  synchronized void taskStarted(int stage) {
    runningByStage.merge(stage, 1, Integer::sum);
  }

  synchronized void taskEnded(int stage) {
    if (runningByStage.merge(stage, -1, Integer::sum) <= 0) {
      runningByStage.remove(stage);
    }
    notifyAll();
  }

  /** The stages this tracker still holds a group for (for tests: it must not grow without bound). */
  synchronized int stagesHeld() {
    return stageGroup.size();
  }

  synchronized int running(String group) {
    int n = 0;
    for (Map.Entry<Integer, Integer> e : runningByStage.entrySet()) {
      if (group.equals(stageGroup.getOrDefault(e.getKey(), NO_GROUP))) {
        n += e.getValue();
      }
    }
    return n;
  }

  /**
   * Returns once every task of the calling thread's job group that started before this call has
   * ended (or after {@link #WAIT_MILLIS}, logged). Call it after a job of the group failed or was
   * cancelled, before removing what it wrote.
   */
  public void awaitGroupEnded(SparkContext sc) {
    String group = sc.getLocalProperty(JOB_GROUP);
    String g = group == null ? NO_GROUP : group;
    String token = UUID.randomUUID().toString();
    sc.setLocalProperty(BARRIER, token);
    // the barrier runs outside the group: a cancelled group's jobs are cancelled as they start
    sc.setLocalProperty(JOB_GROUP, null);
    try {
      new JavaSparkContext(sc).parallelize(List.of(1), 1).count();
    } catch (RuntimeException e) {
      // only its start matters
    } finally {
      sc.setLocalProperty(JOB_GROUP, group);
      sc.setLocalProperty(BARRIER, null);
    }
    long until = System.currentTimeMillis() + WAIT_MILLIS;
    synchronized (this) {
      try {
        while (!barriers.contains(token) || running(g) > 0) {
          long left = until - System.currentTimeMillis();
          if (left <= 0) {
            LOG.warn("tasks of job group {} still running after {} ms: {}", g, WAIT_MILLIS, running(g));
            return;
          }
          wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        barriers.remove(token);
      }
    }
  }
}
