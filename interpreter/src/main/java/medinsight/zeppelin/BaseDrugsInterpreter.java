package medinsight.zeppelin;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import medinsight.access.AccessDenied;
import medinsight.access.AccessPolicy;
import medinsight.access.Caller;
import medinsight.access.DeployedSetting;
import medinsight.render.TableRenderer;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.AbstractInterpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.ZeppelinContext;
import org.apache.zeppelin.resource.Resource;
import org.apache.zeppelin.scheduler.Scheduler;
import org.apache.zeppelin.scheduler.SchedulerFactory;
import org.apache.zeppelin.user.AuthenticationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code %drugs} and {@code %drugs.sql} share: a paragraph runs only for a caller the
 * access policy lets query, in a Spark job group of its own (so {@code cancel()} stops exactly
 * its jobs, without interrupting their threads, and {@code getProgress()} follows them), on the
 * one parallel scheduler of the process. Each result goes to Zeppelin as soon as it is ready
 * ({@link #write}). A failure ends the paragraph with one line and is logged. Errors of the VM
 * itself ({@link VirtualMachineError}: out of memory, stack overflow) are not caught: they fail
 * the paragraph through Zeppelin, which reports them, instead of carrying on as if nothing
 * happened.
 *
 * <p>As an {@link AbstractInterpreter}, a paragraph that sets the local property
 * {@code interpolate=true} gets {@code {name}} replaced by the value of {@code name} in Zeppelin's
 * resource pool before it runs; what runs is still checked as any paragraph is.
 */
abstract class BaseDrugsInterpreter extends AbstractInterpreter {
  private static final Logger LOG = LoggerFactory.getLogger(BaseDrugsInterpreter.class);

  final SparkJobs jobs = new SparkJobs();

  BaseDrugsInterpreter(Properties properties) {
    super(properties);
  }

  private volatile Properties settings;

  /**
   * This interpreter's properties as the deployment saved its setting ({@link DeployedSetting}:
   * not as a {@code %drugs.conf} paragraph left them); in a program that runs the interpreter in
   * its own JVM, the properties it was given.
   */
  Properties settings() {
    Properties s = settings;
    if (s != null) {
      return s;
    }
    Properties given = getProperties();
    Properties deployed = DeployedSetting.of(given, getInterpreterGroup() == null ? null : getInterpreterGroup().getId());
    if (deployed != given) {
      // read once: the saved setting changes only with a restart of the process
      settings = deployed;
    }
    return deployed;
  }

  /** The shared engine, or null before {@code open()} and after {@code close()}. */
  abstract DrugsEngine engine();

  /** The engine a paragraph runs on: {@link #engine}, made anew when Spark has stopped its context. */
  abstract DrugsEngine renewed();

  /** The interpreter's name as users type it: {@code %drugs}, {@code %drugs.sql}. */
  abstract String name();

  /** Whether a cancel interrupts the threads of the paragraph's tasks (see {@link SparkJobs#start}). */
  boolean interruptsOnCancel() {
    return false;
  }

  /**
   * Runs a paragraph's text for {@code caller}, whom the policy lets query. Results are written
   * with {@link #write} as they are ready; a failure is thrown as a {@link ParagraphError}.
   * {@code cancelled} turns true when Zeppelin cancels the paragraph.
   */
  abstract void run(String text, InterpreterContext ctx, DrugsEngine e, Caller caller, AtomicBoolean cancelled);

  /** Whether a failure's stack trace is shown in the paragraph (it is always logged). */
  boolean showsStackTraces() {
    return false;
  }

  /**
   * Ends a paragraph with its message, one line. With a cause it is a failure of Spark or of the
   * interpreter (logged with its stack trace); without, the user's mistake or a refusal.
   */
  static final class ParagraphError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean refusal;

    ParagraphError(String message) {
      this(message, null, false);
    }

    ParagraphError(String message, Throwable cause) {
      this(message, cause, false);
    }

    private ParagraphError(String message, Throwable cause, boolean refusal) {
      super(message, cause, false, false);
      this.refusal = refusal;
    }

    /** Something the access policy or the SQL check does not allow: logged as a warning. */
    static ParagraphError refused(String message) {
      return new ParagraphError(message, null, true);
    }
  }

  /** Who runs the paragraph, from Zeppelin's login. */
  static Caller caller(InterpreterContext ctx) {
    AuthenticationInfo a = ctx.getAuthenticationInfo();
    return a == null ? Caller.NOBODY : new Caller(a.getUser(), a.getRoles());
  }

  /**
   * Refuses a paragraph into which a form field ({@code ${name}}, {@code $${name}}) or an
   * interpolated resource ({@code {name}}) puts a line break: a value is one value, and Zeppelin
   * substitutes it into the text before the interpreter sees it, where a line break would add a
   * command that runs with the rights of whoever runs the paragraph next.
   */
  @Override
  public InterpreterResult interpret(String text, InterpreterContext ctx) throws InterpreterException {
    String bad = lineBreakInAValue(text, ctx);
    if (bad != null) {
      LOG.warn("{} refused for {}: {} (paragraph: {})", name(), caller(ctx), bad, excerpt(text));
      return error(bad);
    }
    return super.interpret(text, ctx);
  }

  private static final Pattern RESOURCE = Pattern.compile("\\{([^{}\\s]+)\\}");

  private String lineBreakInAValue(String text, InterpreterContext ctx) {
    for (GUI gui : new GUI[] {ctx.getGui(), ctx.getNoteGui()}) {
      if (gui == null || gui.getParams() == null) {
        continue;
      }
      for (Map.Entry<String, Object> p : gui.getParams().entrySet()) {
        if (hasLineBreak(p.getValue())) {
          return "表单字段“" + p.getKey() + "”的值含有换行：一个值只能是一个值，不能加入一行命令。";
        }
      }
    }
    boolean interpolate = isInterpolate() || Boolean.parseBoolean(ctx.getLocalProperties().getOrDefault("interpolate", "false"));
    if (interpolate && ctx.getResourcePool() != null) {
      Matcher m = RESOURCE.matcher(text);
      while (m.find()) {
        Resource r = ctx.getResourcePool().get(m.group(1));
        if (r != null && hasLineBreak(r.get())) {
          return "插值 {" + m.group(1) + "} 的值含有换行：一个值只能是一个值，不能加入一行命令。";
        }
      }
    }
    return null;
  }

  private static boolean hasLineBreak(Object value) {
    if (value instanceof Iterable) {
      for (Object v : (Iterable<?>) value) {
        if (hasLineBreak(v)) {
          return true;
        }
      }
      return false;
    }
    String s = value == null ? "" : String.valueOf(value);
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\u2028') >= 0 || s.indexOf('\u2029') >= 0;
  }

  @Override
  protected final InterpreterResult internalInterpret(String text, InterpreterContext ctx) {
    DrugsEngine e;
    try {
      e = renewed();
    } catch (RuntimeException ex) {
      LOG.error("Spark could not be started again", ex);
      return error("Spark 已停止，重新启动失败：" + firstLine(ex));
    }
    if (e == null) {
      return error("%drugs 解释器未启动，请在解释器设置中重启 drugs。");
    }
    Caller caller = caller(ctx);
    try {
      e.policy.require(caller, AccessPolicy.Action.QUERY);
    } catch (AccessDenied ex) {
      LOG.warn("{} paragraph refused for {}: {}", name(), caller, ex.getMessage());
      return error(ex.getMessage().replace("%drugs 段落", name() + " 段落"));
    }
    AtomicBoolean cancelled = jobs.start(e.spark.sparkContext(), ctx, text.trim(), interruptsOnCancel());
    try {
      run(text, ctx, e, caller, cancelled);
      return new InterpreterResult(InterpreterResult.Code.SUCCESS);
    } catch (ParagraphError ex) {
      if (ex.getCause() == null) {
        if (ex.refusal) {
          LOG.warn("{} refused for {}: {} (paragraph: {})", name(), caller, ex.getMessage(), excerpt(text));
        } else {
          LOG.info("{} failed for {}: {} (paragraph: {})", name(), caller, ex.getMessage(), excerpt(text));
        }
        return error(ex.getMessage());
      }
      return failed(ex.getMessage(), ex.getCause(), caller, text, cancelled);
    } catch (Exception | LinkageError | AssertionError ex) {
      // whatever a command or Spark throws (SparkException is checked, and thrown where Java
      // declares nothing), the interpreter stays usable for the next paragraph
      return failed(name() + " 执行失败：" + firstLine(ex), ex, caller, text, cancelled);
    } finally {
      jobs.finish(e.spark.sparkContext(), ctx);
    }
  }

  private InterpreterResult failed(String message, Throwable cause, Caller caller, String text, AtomicBoolean cancelled) {
    if (cancelled.get()) {
      LOG.info("{} paragraph of {} cancelled: {}", name(), caller, firstLine(cause));
      return error("已取消。");
    }
    LOG.error("{} failed for {}: {}", name(), caller, excerpt(text), cause);
    DrugsEngine e = engine();
    if (e != null && e.stopped()) {
      message = "Spark 已停止，此段落未完成（" + message + "）。" + (e.borrowed
          ? "请在解释器设置中重启 spark，再重新运行。" : "下一个段落会重新启动 Spark，请重新运行。");
    }
    if (!showsStackTraces()) {
      return error(message);
    }
    StringWriter trace = new StringWriter();
    cause.printStackTrace(new PrintWriter(trace));
    return error(message + "\n" + trace.toString().trim());
  }

  private static String excerpt(String text) {
    String t = text.trim();
    return t.length() > 2000 ? t.substring(0, 2000) + "…" : t;
  }

  /** A failed paragraph's message: plain text, whatever it holds. */
  static InterpreterResult error(String message) {
    return new InterpreterResult(InterpreterResult.Code.ERROR, InterpreterResult.Type.TEXT, TableRenderer.text(message));
  }

  /**
   * Writes one result ({@code %table …}, {@code %text …}, {@code %html …}) to the paragraph now,
   * so Zeppelin shows it while the rest of the paragraph runs.
   */
  static void write(InterpreterContext ctx, String result) {
    if (result.isEmpty()) {
      return;
    }
    try {
      ctx.out.write(result);
      ctx.out.flush();
    } catch (IOException ex) {
      LOG.warn("could not write output", ex);
    }
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
  public ZeppelinContext getZeppelinContext() {
    return null;
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

  /** Every progress value the paragraph reports (see {@link SparkJobs#watch}). */
  void watchProgress(InterpreterContext ctx, IntConsumer watcher) {
    jobs.watch(ctx, watcher);
  }

  /**
   * One parallel scheduler for every %drugs and %drugs.sql paragraph of the process, whichever
   * note (session) it comes from: drugs.concurrency paragraphs run at once, the rest wait their turn.
   */
  @Override
  public Scheduler getScheduler() {
    int n = DrugsEngine.intProperty(settings(), DrugsEngine.PROP_CONCURRENCY, 10, 1);
    return SchedulerFactory.singleton().createOrGetParallelScheduler("medinsight-drugs", n);
  }
}
