package medinsight.zeppelin;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import medinsight.access.AccessDenied;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandContext;
import medinsight.command.CommandOutput;
import medinsight.command.CommandParser;
import medinsight.command.Completer;
import medinsight.command.Invocation;
import medinsight.core.UserException;
import medinsight.engine.DrugTables;
import medinsight.render.TableRenderer;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;
import org.apache.zeppelin.scheduler.Scheduler;
import org.apache.zeppelin.scheduler.SchedulerFactory;
import org.apache.zeppelin.user.AuthenticationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code %drugs}: the domain commands. Each line of a paragraph is one command ({@code #} starts
 * a comment); the first word picks the command from {@link medinsight.command.Commands}. A failing command gives a
 * one-line error and leaves the interpreter as it was.
 */
public class DrugsInterpreter extends Interpreter {
  private static final Logger LOG = LoggerFactory.getLogger(DrugsInterpreter.class);

  private volatile DrugsEngine engine;
  private final SparkJobs jobs = new SparkJobs();
  private final AccessPolicy policy;

  /** As Zeppelin creates it: the access policy is the deployment's (see {@link AccessPolicy#deployment()}). */
  public DrugsInterpreter(Properties properties) {
    this(properties, null);
  }

  /** With a given policy, for a program that runs the interpreter in its own JVM. */
  public DrugsInterpreter(Properties properties, AccessPolicy policy) {
    super(properties);
    this.policy = policy;
  }

  /** Who runs the paragraph, from Zeppelin's login. */
  static Caller caller(InterpreterContext ctx) {
    AuthenticationInfo a = ctx.getAuthenticationInfo();
    return a == null ? Caller.NOBODY : new Caller(a.getUser(), a.getRoles());
  }

  @Override
  public void open() throws InterpreterException {
    try {
      engine = policy != null ? DrugsEngine.create(getProperties(), policy) : DrugsEngine.shared(getProperties());
    } catch (IllegalArgumentException e) {
      throw new InterpreterException("配置错误：" + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new InterpreterException("无法启动 Spark：" + firstLine(e), e);
    }
  }

  /** The shared engine, for {@code %drugs.sql} and tests. */
  public DrugsEngine engine() {
    return engine;
  }

  @Override
  public void close() {
    // The engine is process-wide and may serve other sessions (notes) of this group; Zeppelin ends
    // the process when the interpreter group closes.
    engine = null;
  }

  @Override
  public InterpreterResult interpret(String text, InterpreterContext ctx) throws InterpreterException {
    DrugsEngine e = engine;
    if (e == null) {
      return new InterpreterResult(InterpreterResult.Code.ERROR, "%drugs 解释器未启动，请在解释器设置中重启 drugs。");
    }
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\n")) {
      String line = raw.trim();
      if (!line.isEmpty() && !line.startsWith("#")) {
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      lines.add("help");
    }
    Caller caller = caller(ctx);
    try {
      e.policy.require(caller, AccessPolicy.Action.QUERY);
    } catch (AccessDenied ex) {
      return new InterpreterResult(InterpreterResult.Code.ERROR, TableRenderer.text(ex.getMessage()));
    }
    AtomicBoolean cancelled = jobs.start(e.spark.sparkContext(), ctx, text.trim());
    try {
      StringBuilder out = new StringBuilder();
      for (String line : lines) {
        if (cancelled.get()) {
          return new InterpreterResult(InterpreterResult.Code.ERROR, "已取消。");
        }
        Invocation inv;
        CommandOutput result;
        try {
          inv = CommandParser.parse(line);
          e.policy.require(caller, inv.command.action());
          // one version of the tables per line: a load on an earlier line is seen by the next one
          DrugTables tables = e.data.tables();
          CommandContext cc = new CommandContext(e.data, tables, e.lang, cancelled::get, jobs.reporter(ctx), e.policy,
              caller, () -> e.sessionOf(caller, tables));
          if (inv.command.cacheable()) {
            long version = tables.version;
            result = e.cache.get(version, inv);
            if (result == null) {
              result = inv.command.handler().run(inv, cc);
              e.cache.put(version, inv, result);
            }
          } else {
            result = inv.command.handler().run(inv, cc);
          }
        } catch (UserException ex) {
          flush(ctx, out);
          return new InterpreterResult(InterpreterResult.Code.ERROR, TableRenderer.text(ex.getMessage()));
        } catch (RuntimeException | LinkageError | AssertionError | OutOfMemoryError | StackOverflowError ex) {
          // whatever a command throws, the interpreter stays usable for the next paragraph
          flush(ctx, out);
          if (cancelled.get()) {
            return new InterpreterResult(InterpreterResult.Code.ERROR, "已取消。");
          }
          LOG.error("command failed: {}", line, ex);
          return new InterpreterResult(InterpreterResult.Code.ERROR, TableRenderer.text("命令“" + line + "”执行失败：" + firstLine(ex)));
        }
        render(result, e, lines.size() > 1 || result.tables.size() > 1, out);
      }
      flush(ctx, out);
      return new InterpreterResult(InterpreterResult.Code.SUCCESS);
    } finally {
      jobs.finish(e.spark.sparkContext(), ctx);
    }
  }

  private static void render(CommandOutput result, DrugsEngine e, boolean titled, StringBuilder out) {
    if (result.message != null) {
      TableRenderer.appendResult(out, "%text " + TableRenderer.text(result.message) + "\n");
    }
    for (String h : result.html) {
      TableRenderer.appendResult(out, "%html " + h + "\n");
    }
    for (ResultTable t : result.tables) {
      if (titled) {
        TableRenderer.appendResult(out, "%text " + TableRenderer.text(t.title()) + "\n");
      }
      TableRenderer.appendResult(out, TableRenderer.render(t, e.lang, e.maxResult));
    }
  }

  private static void flush(InterpreterContext ctx, StringBuilder out) {
    if (out.length() == 0) {
      return;
    }
    try {
      ctx.out.write(out.toString());
      ctx.out.flush();
    } catch (java.io.IOException ex) {
      LOG.warn("could not write output", ex);
    }
    out.setLength(0);
  }

  static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.split("\n")[0].trim();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  @Override
  public void cancel(InterpreterContext ctx) {
    DrugsEngine e = engine;
    if (e != null) {
      jobs.cancel(e.spark.sparkContext(), ctx);
    }
  }

  @Override
  public FormType getFormType() {
    return FormType.SIMPLE;
  }

  /** Every progress value the paragraph's command reports (see {@link SparkJobs#watch}). */
  void watchProgress(InterpreterContext ctx, java.util.function.IntConsumer watcher) {
    jobs.watch(ctx, watcher);
  }

  @Override
  public int getProgress(InterpreterContext ctx) {
    DrugsEngine e = engine;
    return e == null ? 0 : jobs.progress(e.spark.sparkContext(), ctx);
  }

  @Override
  public List<InterpreterCompletion> completion(String buf, int cursor, InterpreterContext ctx) {
    List<InterpreterCompletion> out = new ArrayList<>();
    for (Completer.Candidate c : Completer.complete(buf, cursor)) {
      out.add(new InterpreterCompletion(c.value, c.value, c.meta));
    }
    return out;
  }

  @Override
  public Scheduler getScheduler() {
    return scheduler(getProperties());
  }

  /**
   * One parallel scheduler for every %drugs and %drugs.sql paragraph of the process, whichever
   * note (session) it comes from: drugs.concurrency paragraphs run at once, the rest wait their turn.
   */
  static Scheduler scheduler(Properties p) {
    int n = DrugsEngine.intProperty(p, DrugsEngine.PROP_CONCURRENCY, 10, 1);
    return SchedulerFactory.singleton().createOrGetParallelScheduler("medinsight-drugs", n);
  }
}
