package medinsight.zeppelin;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.InterpreterGroup;
import org.apache.zeppelin.interpreter.LazyOpenInterpreter;
import org.apache.zeppelin.interpreter.WrappedInterpreter;

/**
 * Where the engine's Spark session comes from. Installed into Zeppelin's spark interpreter group
 * ({@code bin/medinsight install --spark-group}), {@code %spark.drugs} borrows the session of the
 * Spark interpreter of its own interpreter session, the one {@code %spark}, {@code %spark.sql} and
 * {@code %spark.pyspark} use; in its own group (the default, {@code up}) there is none and the
 * engine builds its own ({@link DrugsEngine#create}).
 *
 * <p>Nothing of Zeppelin's Spark interpreter is compiled against: its class is found by name (the
 * way Zeppelin's {@code getInterpreterInTheSameSessionByClassName} finds it), and its session is
 * taken with a reflective call, since {@code getSparkSession()} returns {@code Object} in Zeppelin
 * 0.10 and {@code SparkSession} in 0.12: two method descriptors, one name.
 */
final class SparkSource {
  /** Zeppelin's Spark interpreter, whose session {@code %spark.sql} uses. */
  static final String SPARK_INTERPRETER = "org.apache.zeppelin.spark.SparkInterpreter";
  /** The Spark line the plugin is built and tested with: its SQL check reads Spark's parsed plans. */
  static final String SPARK_LINE = "3.5.";

  private SparkSource() {
  }

  /**
   * The session of the Spark interpreter in {@code self}'s interpreter session, opened first if
   * Zeppelin has not opened it yet; null when the session holds no Spark interpreter (the plugin's
   * own group).
   */
  static SparkSession borrowed(Interpreter self) throws InterpreterException {
    InterpreterGroup group = self.getInterpreterGroup();
    if (group == null) {
      return null;
    }
    // Not under the group's lock, as Zeppelin's look-up is: this runs inside the open() of
    // %drugs, under its LazyOpenInterpreter's lock, and Zeppelin takes the group's lock first and
    // that one second (%drugs.sql opening %drugs, the server closing the group): the other order
    // here could deadlock. The group's sessions are a concurrent map, and the session that holds
    // this interpreter is complete before any of its interpreters opens.
    Interpreter found = null;
    for (List<Interpreter> session : group.values()) {
      Interpreter spark = null;
      boolean mine = false;
      for (Interpreter i : List.copyOf(session)) {
        if (SPARK_INTERPRETER.equals(i.getClassName())) {
          spark = i;
        }
        mine |= inner(i) == self;
      }
      if (mine && spark != null) {
        found = spark;
        break;
      }
    }
    if (found == null) {
      return null;
    }
    Interpreter spark = found;
    while (spark instanceof WrappedInterpreter) {
      if (spark instanceof LazyOpenInterpreter) {
        ((LazyOpenInterpreter) spark).open();
      }
      spark = ((WrappedInterpreter) spark).getInnerInterpreter();
    }
    Object session;
    try {
      Method m = spark.getClass().getMethod("getSparkSession");
      session = m.invoke(spark);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException("Zeppelin 的 Spark 解释器（" + spark.getClass().getName() + "）没有可用的 getSparkSession()", e);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Zeppelin 的 Spark 解释器未能给出 SparkSession：" + BaseDrugsInterpreter.firstLine(t), t);
    }
    if (!(session instanceof SparkSession)) {
      throw new IllegalStateException("Zeppelin 的 Spark 解释器没有 SparkSession（得到 "
          + (session == null ? "null" : session.getClass().getName()) + "）：请先确认 %spark 可以运行。");
    }
    SparkSession s = (SparkSession) session;
    if (!s.version().startsWith(SPARK_LINE)) {
      throw new IllegalStateException("%spark.drugs 需要 Spark " + SPARK_LINE + "x（插件按 Spark 3.5.7 构建、测试），"
          + "而 Zeppelin 的 Spark 解释器运行的是 Spark " + s.version() + "。");
    }
    return s;
  }

  private static Interpreter inner(Interpreter i) {
    Interpreter p = i;
    while (p instanceof WrappedInterpreter) {
      p = ((WrappedInterpreter) p).getInnerInterpreter();
    }
    return p;
  }
}
