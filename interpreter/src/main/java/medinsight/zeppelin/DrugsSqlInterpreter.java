package medinsight.zeppelin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import medinsight.access.AccessDenied;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.access.SqlGuard;
import medinsight.analysis.ResultTable;
import medinsight.engine.DrugTables;
import medinsight.engine.Schemas;
import medinsight.render.Labels;
import medinsight.render.TableRenderer;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;
import org.apache.zeppelin.interpreter.util.SqlSplitter;

/**
 * {@code %drugs.sql}: Spark SQL on the same session and tables as {@code %drugs}. Statements are
 * split as Zeppelin's own SQL interpreters split them ({@link SqlSplitter}: {@code ;} outside
 * quotes and comments), every one is checked by {@link SqlGuard} and its result is written as
 * soon as it is ready. A query shows at most the paragraph's {@code limit} rows
 * ({@code %drugs.sql(limit=50)}; else {@code drugs.maxResult}; never more than
 * {@code drugs.sql.limit.max}): one more row is fetched to know that a result was cut, and the
 * query is not run again to count the rest.
 */
public class DrugsSqlInterpreter extends BaseDrugsInterpreter {
  /** Most rows a paragraph's {@code limit} may ask for. */
  public static final String PROP_LIMIT_MAX = "drugs.sql.limit.max";
  public static final int DEFAULT_LIMIT_MAX = 10_000;
  /** Show a failure's stack trace in the paragraph (it is logged either way). */
  public static final String PROP_STACKTRACE = "drugs.sql.stacktrace";

  private final SqlSplitter splitter = new SqlSplitter();
  private DrugsInterpreter drugs;

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

  @Override
  DrugsEngine engine() {
    return drugs == null ? null : drugs.engine();
  }

  @Override
  DrugsEngine renewed() {
    return drugs == null ? null : drugs.renewed();
  }

  @Override
  String name() {
    return "%drugs.sql";
  }

  /** A query never writes: a cancel may interrupt the threads of its tasks, not only kill them between records. */
  @Override
  boolean interruptsOnCancel() {
    return true;
  }

  @Override
  boolean showsStackTraces() {
    return Boolean.parseBoolean(settings().getProperty(PROP_STACKTRACE, "false").trim());
  }

  @Override
  void run(String text, InterpreterContext ctx, DrugsEngine e, Caller caller, AtomicBoolean cancelled) {
    Limit limit = limit(ctx, e);
    List<String> statements = new ArrayList<>();
    for (String s : splitter.splitSql(text)) {
      if (!s.isBlank()) {
        statements.add(s.trim());
      }
    }
    if (statements.isEmpty()) {
      return;
    }
    SparkSession session = e.sessionOf(caller, e.data.tables());
    for (String sql : statements) {
      if (cancelled.get()) {
        throw new ParagraphError("已取消。");
      }
      SparkJobs.describe(e.spark.sparkContext(), sql);
      write(ctx, timed(ctx, e, () -> statement(session, sql, e, limit)));
    }
  }

  /** Ends the statement's jobs past the deployment's time limit ({@code drugs.sql.timeLimitSeconds}). */
  private String timed(InterpreterContext ctx, DrugsEngine e, java.util.function.Supplier<String> statement) {
    long seconds = e.policy.sqlTimeLimitSeconds();
    if (seconds <= 0) {
      return statement.get();
    }
    AtomicBoolean late = new AtomicBoolean();
    java.util.concurrent.ScheduledFuture<?> timer = TIMER.schedule(() -> {
      late.set(true);
      jobs.cancel(e.spark.sparkContext(), ctx);
    }, seconds, java.util.concurrent.TimeUnit.SECONDS);
    String past = "语句运行超过部署设定的 " + seconds + " 秒（" + AccessPolicy.SQL_TIME_LIMIT + "），已停止。";
    try {
      String result = statement.get();
      if (late.get()) {
        // it ended as the limit was reached: its jobs, and the paragraph's, are being cancelled
        throw new ParagraphError(past);
      }
      return result;
    } catch (ParagraphError ex) {
      if (late.get()) {
        throw new ParagraphError(past);
      }
      throw ex;
    } finally {
      timer.cancel(false);
    }
  }

  /** The one thread that ends statements past their time limit. */
  private static final java.util.concurrent.ScheduledExecutorService TIMER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "drugs-sql-time-limit");
        t.setDaemon(true);
        return t;
      });

  /** One statement's result, as the text of a Zeppelin result. */
  private String statement(SparkSession session, String sql, DrugsEngine e, Limit limit) {
    try {
      // the statement is checked on Spark's own parse of it, and that checked plan is what runs
      Dataset<Row> df = Dataset.ofRows(session, SqlGuard.check(session, sql, e.sqlTables(session)));
      SqlGuard.boundedJoins(df.queryExecution().optimizedPlan());
      if (df.columns().length == 0) {
        df.collectAsList();
        return "%text OK\n";
      }
      // one row more than is shown tells whether the result was cut, without a second run
      List<Row> rows = df.limit(limit.rows + 1).collectAsList();
      ResultTable t = new ResultTable(sql).rawHeaders();
      StructField[] fields = df.schema().fields();
      for (StructField f : fields) {
        t.col(f.name(), typeOf(f.dataType()));
      }
      for (int i = 0; i < Math.min(rows.size(), limit.rows); i++) {
        Row r = rows.get(i);
        Object[] v = new Object[fields.length];
        for (int j = 0; j < fields.length; j++) {
          Object o = r.get(j);
          v[j] = o instanceof BigDecimal ? ((BigDecimal) o).doubleValue()
              : o instanceof Integer || o instanceof Short || o instanceof Byte ? ((Number) o).longValue()
              : o instanceof Float ? ((Float) o).doubleValue() : o;
        }
        t.add(v);
      }
      if (rows.size() > limit.rows) {
        t.note(limit.cutNotice(e.lang));
      }
      return TableRenderer.render(t, e.lang, limit.rows);
    } catch (SqlGuard.SqlSyntax ex) {
      throw new ParagraphError(ex.getMessage());
    } catch (AccessDenied ex) {
      throw ParagraphError.refused(ex.getMessage());
    } catch (Exception | LinkageError | AssertionError ex) {
      // a VirtualMachineError (out of memory, stack overflow) is not caught: see BaseDrugsInterpreter
      if (ex instanceof AnalysisException) {
        throw new ParagraphError("SQL 错误：" + ((AnalysisException) ex).getSimpleMessage().split("\n")[0]
            + "（%drugs tables 列出可查询的表）");
      }
      throw new ParagraphError("SQL 执行失败：" + firstLine(ex) + "（详情在解释器日志中；设 " + PROP_STACKTRACE
          + "=true 可在段落中显示堆栈）", ex);
    }
  }

  /** How many rows each result of a paragraph shows, and what set that number. */
  static final class Limit {
    final int rows;
    /** The paragraph's own limit, or -1. */
    final int asked;
    final int cap;

    Limit(int rows, int asked, int cap) {
      this.rows = rows;
      this.asked = asked;
      this.cap = cap;
    }

    String cutNotice(Labels.Lang lang) {
      String source = asked < 0 ? "drugs.maxResult"
          : asked > cap ? Labels.text("table.sql_cut.limit_above_cap", lang, asked, PROP_LIMIT_MAX, cap)
          : Labels.text("table.sql_cut.limit", lang);
      return Labels.text("table.sql_cut", lang, rows, source);
    }
  }

  /**
   * The paragraph's {@code limit} local property, as Zeppelin's SQL interpreters read it, lowers
   * or raises the rows shown from {@code drugs.maxResult}, up to {@code drugs.sql.limit.max}
   * (never below {@code drugs.maxResult}). It only decides what is displayed.
   */
  private Limit limit(InterpreterContext ctx, DrugsEngine e) {
    int cap;
    try {
      cap = Math.max(e.maxResult, DrugsEngine.intProperty(settings(), PROP_LIMIT_MAX, DEFAULT_LIMIT_MAX, 1));
    } catch (IllegalArgumentException ex) {
      throw new ParagraphError(ex.getMessage() + "。请在解释器设置中改正。");
    }
    String v = ctx.getLocalProperties() == null ? null : ctx.getLocalProperties().get("limit");
    if (v == null || v.isBlank()) {
      return new Limit(e.maxResult, -1, cap);
    }
    int asked;
    try {
      asked = Integer.parseInt(v.trim());
    } catch (NumberFormatException ex) {
      asked = 0;
    }
    if (asked < 1) {
      throw new ParagraphError("limit 应为正整数，而不是“" + v.trim() + "”，例如 %drugs.sql(limit=50)。");
    }
    return new Limit(Math.min(asked, cap), asked, cap);
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

  @Override
  public List<InterpreterCompletion> completion(String buf, int cursor, InterpreterContext ctx) {
    List<InterpreterCompletion> out = new ArrayList<>();
    DrugsEngine e = engine();
    if (e == null || !e.policy.allows(caller(ctx), AccessPolicy.Action.QUERY)) {
      return out;
    }
    int start = cursor;
    while (start > 0 && (Character.isLetterOrDigit(buf.charAt(start - 1)) || buf.charAt(start - 1) == '_')) {
      start--;
    }
    String prefix = buf.substring(start, Math.min(cursor, buf.length())).toLowerCase(Locale.ROOT);
    for (String t : DrugTables.ORDER) {
      if (t.startsWith(prefix)) {
        out.add(new InterpreterCompletion(t, t, "table"));
      }
    }
    for (StructType s : new StructType[] {
        Schemas.CATALOG, Schemas.PRODUCTS}) {
      for (StructField f : s.fields()) {
        if (!prefix.isEmpty() && f.name().startsWith(prefix)) {
          out.add(new InterpreterCompletion(f.name(), f.name(), "column"));
        }
      }
    }
    return out;
  }
}
