package org.apache.zeppelin.spark;

import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterResult;

/**
 * An interpreter of the class name of Zeppelin's Spark interpreter that owns a local SparkSession
 * and gives it as Zeppelin 0.10 does ({@code Object getSparkSession()}): the contract Zeppelin's
 * {@code SparkSqlInterpreter} relies on, and {@code %spark.drugs} too. Its paragraphs are Spark SQL
 * on that session, as {@code %spark.sql}'s are.
 */
public class SparkInterpreter extends Interpreter {
  private SparkSession session;
  public int opened;

  public SparkInterpreter(Properties properties) {
    super(properties);
  }

  @Override
  public void open() {
    opened++;
    // a session of its own on the JVM's context (other tests of this JVM share the context)
    session = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate().newSession();
  }

  public Object getSparkSession() {
    return session;
  }

  @Override
  public void close() {
    session = null;
  }

  @Override
  public InterpreterResult interpret(String sql, InterpreterContext ctx) {
    return new InterpreterResult(InterpreterResult.Code.SUCCESS, session.sql(sql).showString(20, 0, false));
  }

  @Override
  public void cancel(InterpreterContext ctx) {
  }

  @Override
  public FormType getFormType() {
    return FormType.NATIVE;
  }

  @Override
  public int getProgress(InterpreterContext ctx) {
    return 0;
  }
}
