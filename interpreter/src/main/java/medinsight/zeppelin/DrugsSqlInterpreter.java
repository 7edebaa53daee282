package medinsight.zeppelin;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import medinsight.access.AccessDenied;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.access.SqlGuard;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import medinsight.render.TableRenderer;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;
import org.apache.zeppelin.scheduler.Scheduler;

/**
 * {@code %drugs.sql}: Spark SQL on the same session and tables as {@code %drugs}. Statements are
 * separated by {@code ;}; each query's rows are cut at {@code drugs.maxResult} with a notice
 * giving the full count.
 */
public class DrugsSqlInterpreter extends Interpreter {
  private DrugsInterpreter drugs;
  private final SparkJobs jobs = new SparkJobs();

  public DrugsSqlInterpreter(Properties properties) {
    super(properties);
  }

  @Override
  public void open() throws InterpreterException {
    drugs = getInterpreterInTheSameSessionByClassName(DrugsInterpreter.class, true);
    if (drugs == null) {
      throw new InterpreterException("%drugs.sql 需要同组的 %drugs 解释器。");
    }
  }

  @Override
  public void close() {
    drugs = null;
  }

  private DrugsEngine engine() {
    return drugs == null ? null : drugs.engine();
  }

  @Override
  public InterpreterResult interpret(String text, InterpreterContext ctx) throws InterpreterException {
    DrugsEngine e = engine();
    if (e == null) {
      return new InterpreterResult(InterpreterResult.Code.ERROR, "%drugs 解释器未启动，请在解释器设置中重启 drugs。");
    }
    List<String> statements = splitStatements(text);
    if (statements.isEmpty()) {
      return new InterpreterResult(InterpreterResult.Code.SUCCESS);
    }
    Caller caller = DrugsInterpreter.caller(ctx);
    try {
      e.policy.require(caller, AccessPolicy.Action.QUERY);
    } catch (AccessDenied ex) {
      return new InterpreterResult(InterpreterResult.Code.ERROR, ex.getMessage().replace("%drugs 段落", "%drugs.sql 段落"));
    }
    AtomicBoolean cancelled = jobs.start(e.spark.sparkContext(), ctx, text.trim());
    try {
      SparkSession session = e.sessionOf(caller, e.data.tables());
      StringBuilder out = new StringBuilder();
      for (String sql : statements) {
        Dataset<Row> df;
        try {
          // the statement is checked on Spark's own parse of it, and that checked plan is what runs
          df = Dataset.ofRows(session, SqlGuard.check(session, sql, DrugTables.NAMES));
          if (df.columns().length == 0) {
            df.collectAsList();
            TableRenderer.appendResult(out, "%text OK\n");
            continue;
          }
          List<Row> rows = df.limit(e.maxResult + 1).collectAsList();
          ResultTable t = new ResultTable(sql).rawHeaders();
          StructField[] fields = df.schema().fields();
          for (StructField f : fields) {
            t.col(f.name(), typeOf(f.dataType()));
          }
          for (int i = 0; i < Math.min(rows.size(), e.maxResult); i++) {
            Row r = rows.get(i);
            Object[] v = new Object[fields.length];
            for (int j = 0; j < fields.length; j++) {
              Object o = r.get(j);
              v[j] = o instanceof java.math.BigDecimal ? ((java.math.BigDecimal) o).doubleValue()
                  : o instanceof Integer || o instanceof Short || o instanceof Byte ? ((Number) o).longValue()
                  : o instanceof Float ? ((Float) o).doubleValue() : o;
            }
            t.add(v);
          }
          if (rows.size() > e.maxResult) {
            t.totalRows(df.count());
          }
          TableRenderer.appendResult(out, TableRenderer.render(t, e.lang, e.maxResult));
        } catch (Exception | LinkageError | AssertionError | OutOfMemoryError | StackOverflowError ex) {
          write(ctx, out);
          if (ex instanceof AccessDenied) {
            return new InterpreterResult(InterpreterResult.Code.ERROR, TableRenderer.text(ex.getMessage()));
          }
          if (ex instanceof AnalysisException) {
            return new InterpreterResult(InterpreterResult.Code.ERROR, "SQL 错误："
                + ((AnalysisException) ex).getSimpleMessage().split("\n")[0] + "（%drugs tables 列出可查询的表）");
          }
          if (cancelled.get()) {
            return new InterpreterResult(InterpreterResult.Code.ERROR, "已取消。");
          }
          return new InterpreterResult(InterpreterResult.Code.ERROR, "SQL 执行失败：" + DrugsInterpreter.firstLine(ex));
        }
      }
      write(ctx, out);
      return new InterpreterResult(InterpreterResult.Code.SUCCESS);
    } finally {
      jobs.finish(e.spark.sparkContext(), ctx);
    }
  }

  /** Keeps numbers numeric (so Zeppelin's charts read them) and shows the rest as text. */
  private static ResultTable.Type typeOf(DataType t) {
    if (t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.ByteType)) {
      return ResultTable.Type.COUNT;
    }
    if (t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType) || t instanceof DecimalType) {
      return ResultTable.Type.NUMBER;
    }
    return ResultTable.Type.TEXT;
  }

  private static void write(InterpreterContext ctx, StringBuilder out) {
    if (out.length() > 0) {
      try {
        ctx.out.write(out.toString());
        ctx.out.flush();
      } catch (java.io.IOException ex) {
        // the client went away; nothing to report to
      }
    }
  }

  /** Splits on semicolons outside quotes and comments. */
  static List<String> splitStatements(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean lineComment = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (lineComment) {
        if (c == '\n') {
          lineComment = false;
          cur.append(c);
        }
        continue;
      }
      if (quote != 0) {
        cur.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          cur.append(text.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
        lineComment = true;
        continue;
      }
      if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        cur.append(c);
      } else if (c == ';') {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }

  @Override
  public void cancel(InterpreterContext ctx) {
    DrugsEngine e = engine();
    if (e != null) {
      jobs.cancel(e.spark.sparkContext(), ctx);
    }
  }

  @Override
  public FormType getFormType() {
    return FormType.SIMPLE;
  }

  @Override
  public int getProgress(InterpreterContext ctx) {
    DrugsEngine e = engine();
    return e == null ? 0 : jobs.progress(e.spark.sparkContext(), ctx);
  }

  @Override
  public List<InterpreterCompletion> completion(String buf, int cursor, InterpreterContext ctx) {
    List<InterpreterCompletion> out = new ArrayList<>();
    int start = cursor;
    while (start > 0 && (Character.isLetterOrDigit(buf.charAt(start - 1)) || buf.charAt(start - 1) == '_')) {
      start--;
    }
    String prefix = buf.substring(start, Math.min(cursor, buf.length())).toLowerCase(java.util.Locale.ROOT);
    String[] tables = {"catalog", "catalog_all", "products", "yinpian", "rejected_rows", "commercial"};
    for (String t : tables) {
      if (t.startsWith(prefix)) {
        out.add(new InterpreterCompletion(t, t, "table"));
      }
    }
    for (org.apache.spark.sql.types.StructType s : new org.apache.spark.sql.types.StructType[] {
        medinsight.engine.Schemas.CATALOG, medinsight.engine.Schemas.PRODUCTS}) {
      for (StructField f : s.fields()) {
        if (!prefix.isEmpty() && f.name().startsWith(prefix)) {
          out.add(new InterpreterCompletion(f.name(), f.name(), "column"));
        }
      }
    }
    return out;
  }

  @Override
  public Scheduler getScheduler() {
    return DrugsInterpreter.scheduler(getProperties());
  }
}
