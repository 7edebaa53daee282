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
import medinsight.command.CommandContext;
import medinsight.command.CommandOutput;
import medinsight.command.CommandParser;
import medinsight.command.Commands;
import medinsight.command.Completer;
import medinsight.command.Invocation;
import medinsight.command.SampleData;
import medinsight.core.UserException;
import medinsight.engine.DrugTables;
import medinsight.render.TableRenderer;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;

/**
 * {@code %drugs}: the domain commands. Each line of a paragraph is one command ({@code #} starts
 * a comment); the first word picks the command from {@link Commands}. A failing command gives a
 * one-line error and leaves the interpreter as it was.
 */
public class DrugsInterpreter extends BaseDrugsInterpreter {
  private volatile DrugsEngine engine;
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

  @Override
  public void open() throws InterpreterException {
    try {
      engine = start();
    } catch (IllegalArgumentException e) {
      throw new InterpreterException("配置错误：" + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new InterpreterException("无法启动 Spark：" + firstLine(e), e);
    }
  }

  /**
   * The engine: on the session of Zeppelin's Spark interpreter when one shares this interpreter
   * session (the spark group, {@link SparkSource}), else on a session of its own.
   */
  private DrugsEngine start() throws InterpreterException {
    org.apache.spark.sql.SparkSession borrowed = SparkSource.borrowed(this);
    String groupId = getInterpreterGroup() == null ? null : getInterpreterGroup().getId();
    return policy != null ? DrugsEngine.create(getProperties(), policy, borrowed)
        : DrugsEngine.shared(getProperties(), groupId, borrowed);
  }

  /** The shared engine, for {@code %drugs.sql} and tests. */
  @Override
  public DrugsEngine engine() {
    return engine;
  }

  /**
   * The engine for the next paragraph: when Spark has stopped the engine's context (see
   * {@link DrugsEngine#stopped}), a new engine on a new context, with the tables read again (from
   * the warehouse when there is one), so the interpreter comes back without an admin's restart.
   */
  @Override
  DrugsEngine renewed() {
    DrugsEngine e = engine;
    if (e == null || !e.stopped()) {
      return e;
    }
    if (e.borrowed) {
      // the Spark interpreter's context: only Zeppelin can start it again
      throw new IllegalStateException("Zeppelin 的 Spark 解释器的 SparkContext 已停止：请在解释器设置中重启 spark。");
    }
    synchronized (this) {
      if (engine != null && engine.stopped()) {
        if (policy != null) {
          DrugsEngine.awaitStopped(engine);
          engine = DrugsEngine.create(getProperties(), policy);
        } else {
          engine = DrugsEngine.shared(getProperties(), getInterpreterGroup() == null ? null : getInterpreterGroup().getId());
        }
      }
      return engine;
    }
  }

  @Override
  public void close() {
    // The engine is process-wide and may serve other sessions (notes) of this group; Zeppelin ends
    // the process when the interpreter group closes.
    engine = null;
  }

  @Override
  String name() {
    return "%drugs";
  }

  @Override
  void run(String text, InterpreterContext ctx, DrugsEngine e, Caller caller, AtomicBoolean cancelled) {
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
    for (String line : lines) {
      if (cancelled.get()) {
        throw new ParagraphError("已取消。");
      }
      SparkJobs.describe(e.spark.sparkContext(), line);
      Invocation inv;
      CommandOutput result;
      try {
        inv = CommandParser.parse(line);
        e.policy.require(caller, inv.command.action());
        e.policy.requireWriters(inv.command.action(), ctx.getNoteId());
        // one version of the tables per line: a load on an earlier line is seen by the next one
        DrugTables tables = e.data.tables();
        CommandContext cc = new CommandContext(e.data, tables, e.lang, cancelled::get, jobs.reporter(ctx), e.policy,
            caller, () -> e.sessionOf(caller, tables));
        if (inv.command.cacheable()) {
          long version = tables.version;
          result = e.cache.get(version, inv);
          if (result == null) {
            result = SampleData.mark(inv, tables, inv.command.handler().run(inv, cc), e.lang);
            e.cache.put(version, inv, result);
          }
        } else {
          result = SampleData.mark(inv, tables, inv.command.handler().run(inv, cc), e.lang);
        }
      } catch (SqlGuard.SqlSyntax ex) {
        // a mistyped export --sql: the user's mistake, not a refusal
        throw new ParagraphError(ex.getMessage());
      } catch (AccessDenied ex) {
        throw ParagraphError.refused(ex.getMessage());
      } catch (UserException ex) {
        throw new ParagraphError(ex.getMessage());
      } catch (Exception | LinkageError | AssertionError ex) {
        // not a VirtualMachineError: the interpreter stays usable for the next paragraph (Exception:
        // Spark's SparkException is checked, and Scala throws it where Java declares nothing)
        throw new ParagraphError("命令“" + line + "”执行失败：" + firstLine(ex), ex);
      }
      StringBuilder out = new StringBuilder();
      render(result, e, lines.size() > 1 || result.tables.size() > 1, out);
      write(ctx, out.toString());
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

  @Override
  public List<InterpreterCompletion> completion(String buf, int cursor, InterpreterContext ctx) {
    List<InterpreterCompletion> out = new ArrayList<>();
    DrugsEngine e = engine();
    Caller caller = caller(ctx);
    // only what the caller may run is offered, as the notebook page offers only what the server allows
    if (e == null || !e.policy.allows(caller, AccessPolicy.Action.QUERY)) {
      return out;
    }
    for (Completer.Candidate c : Completer.complete(buf, cursor, spec -> e.policy.allows(caller, spec.action()))) {
      out.add(new InterpreterCompletion(c.value, c.value, c.meta));
    }
    return out;
  }
}
