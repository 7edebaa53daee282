package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import medinsight.access.Caller;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.apache.zeppelin.display.GUI;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterOutput;
import org.apache.zeppelin.interpreter.InterpreterOutputListener;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessageOutput;
import org.apache.zeppelin.resource.LocalResourcePool;
import org.apache.zeppelin.user.AuthenticationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code %drugs.sql} keeps the contracts of Zeppelin's own SQL interpreters: statements split as
 * Zeppelin splits them, a paragraph's {@code limit}, each result written when it is ready, a cut
 * result run once, failures logged (stack trace on request), job groups that cancel without
 * interrupting, and errors of the VM itself left to Zeppelin.
 */
class DrugsSqlInterpreterTest {
  /** 10^15 rows: still running, by a wide margin, when it is cancelled (a range checks for a cancel as it goes). */
  static final String ENDLESS = "select count(*) as endless from range(0, 1000000000000000) where id % 7 = 11";

  static InterpreterHarness h;
  static SparkContext sc;

  @BeforeAll
  static void open() throws Exception {
    h = new InterpreterHarness(new Properties());
    sc = h.drugs.engine().spark.sparkContext();
  }

  @AfterAll
  static void close() {
    h.close();
  }

  static InterpreterContext context(Map<String, String> local, InterpreterOutput out) {
    return InterpreterContext.builder()
        .setNoteId("note")
        .setParagraphId("sql_" + System.nanoTime())
        .setLocalProperties(new HashMap<>(local))
        .setInterpreterOut(out)
        .build();
  }

  static InterpreterHarness.Run sql(String text, Map<String, String> local) throws Exception {
    return h.run(h.sql, text, context(local, new InterpreterOutput()));
  }

  @Test
  void statementsSplitAsZeppelinSplitsThem() throws Exception {
    InterpreterHarness.Run block = sql("select 1 as one /* a; b */ from products limit 2", Map.of());
    assertTrue(block.ok(), block.text());
    assertEquals(List.of("one", "1", "1"), column(block.table(0)));
    InterpreterHarness.Run quoted = sql("select 'a;b' as s, \"c;d\" as t -- e; 'f\n, 'g' as u; select 2 as two /* ; */", Map.of());
    assertTrue(quoted.ok(), quoted.text());
    assertEquals("a;b", quoted.table(0).get(1)[0]);
    assertEquals("c;d", quoted.table(0).get(1)[1]);
    assertEquals("g", quoted.table(0).get(1)[2]);
    assertEquals("2", quoted.table(1).get(1)[0]);
  }

  @Test
  void whatTheSplitterDoesNotUnderstandFailsAsASyntaxError() throws Exception {
    InterpreterHarness.Run r = sql("select 1 as `a;b`", Map.of());
    assertFalse(r.ok(), r.text());
    assertTrue(r.error().startsWith("SQL 错误"), r.error());
  }

  @Test
  void everyDrugsPropertyOfTheSettingIsInTheReadmesTable() throws Exception {
    com.google.gson.JsonArray setting = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
        java.nio.file.Paths.get("src", "main", "resources", "interpreter-setting.json"))).getAsJsonArray();
    String readme = java.nio.file.Files.readString(java.nio.file.Paths.get("..", "README.md"));
    int n = 0;
    for (com.google.gson.JsonElement intp : setting) {
      for (String key : intp.getAsJsonObject().getAsJsonObject("properties").keySet()) {
        if (key.startsWith("drugs.")) {
          assertTrue(readme.contains("| `" + key + "` |"), key + " is not in the README's properties table");
          n++;
        }
      }
    }
    assertTrue(n >= 11, "properties " + n);
  }

  static List<String> column(List<String[]> t) {
    List<String> c = new ArrayList<>();
    for (String[] row : t) {
      c.add(row[0]);
    }
    return c;
  }

  @Test
  void aParagraphsLimitLowersOrRaisesTheRowsShownUpToTheCap() throws Exception {
    String q = "select product_code from products";
    InterpreterHarness.Run low = sql(q, Map.of("limit", "50"));
    assertTrue(low.ok(), low.text());
    assertEquals(51, low.table(0).size());
    assertTrue(low.text().contains("结果超过 50 行，仅显示前 50 行"), low.text());
    InterpreterHarness.Run high = sql(q, Map.of("limit", "1500"));
    assertEquals(1501, high.table(0).size());
    assertTrue(high.text().contains("结果超过 1500 行"), high.text());
    // above the deployment's cap, the cap holds
    h.sql.setProperty("drugs.sql.limit.max", "1200");
    try {
      InterpreterHarness.Run capped = sql(q, Map.of("limit", "5000"));
      assertEquals(1201, capped.table(0).size());
      assertTrue(capped.text().contains("drugs.sql.limit.max"), capped.text());
    } finally {
      h.sql.setProperty("drugs.sql.limit.max", "10000");
    }
    InterpreterHarness.Run bad = sql(q, Map.of("limit", "lots"));
    assertFalse(bad.ok());
    assertTrue(bad.error().contains("limit"), bad.error());
    assertFalse(bad.error().trim().contains("\n"), bad.error());
    // without one, drugs.maxResult
    assertEquals(1001, sql(q, Map.of()).table(0).size());
  }

  @Test
  void aCutResultRunsTheQueryOnce() throws Exception {
    InterpreterContext ctx = EmbeddedDrugs.contextAs("counted", "analyst");
    SparkSession session = h.drugs.engine().sessionOf(new Caller("counted", java.util.Set.of("analyst")), h.drugs.engine().data.tables());
    List<String> actions = new CopyOnWriteArrayList<>();
    QueryExecutionListener l = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        actions.add(funcName);
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        actions.add(funcName);
      }
    };
    // the views sessionOf made are commands too: their events reach listeners through Spark's
    // listener bus, later; drained first, so only the query's own are counted
    sc.listenerBus().waitUntilEmpty();
    session.listenerManager().register(l);
    try {
      InterpreterHarness.Run r = h.run(h.sql, "select product_code from products", ctx);
      assertTrue(r.ok(), r.text());
      assertEquals(1001, r.table(0).size());
      sc.listenerBus().waitUntilEmpty();
      assertEquals(1, actions.size(), "the query ran once: " + actions);
      assertTrue(r.text().contains("结果超过 1000 行，仅显示前 1000 行"), r.text());
    } finally {
      session.listenerManager().unregister(l);
    }
  }

  /** Every Spark job's properties, as it starts. */
  static final class Jobs extends SparkListener {
    final List<Properties> started = new CopyOnWriteArrayList<>();
    final String group;
    final String marker;
    final CountDownLatch seen = new CountDownLatch(1);

    Jobs(InterpreterContext ctx, String marker) {
      this.group = SparkJobs.group(ctx);
      this.marker = marker;
      sc.addSparkListener(this);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      Properties p = start.properties();
      // Spark's own broadcast jobs inside a query interrupt on cancel whatever the group says (a
      // tag marks them): the paragraph's jobs are the others
      String tags = p == null ? null : p.getProperty("spark.job.tags");
      if (p != null && group.equals(p.getProperty("spark.jobGroup.id")) && (tags == null || !tags.contains("broadcast"))) {
        started.add(p);
        String d = p.getProperty("spark.job.description");
        if (d != null && d.contains(marker)) {
          seen.countDown();
        }
      }
    }

    void await() throws InterruptedException {
      assertTrue(seen.await(120, TimeUnit.SECONDS), "no job of " + marker + " started");
    }

    void close() {
      sc.removeSparkListener(this);
    }
  }

  /** An output that records every result message as it is sent: its type, a colon, its text so far. */
  static InterpreterOutput recording(List<String> sent) {
    return new InterpreterOutput(new InterpreterOutputListener() {
      @Override
      public void onUpdateAll(InterpreterOutput o) {
      }

      @Override
      public void onAppend(int index, InterpreterResultMessageOutput o, byte[] line) {
        sent.add(o.getType() + ":" + new String(line, java.nio.charset.StandardCharsets.UTF_8));
      }

      @Override
      public void onUpdate(int index, InterpreterResultMessageOutput o) {
        try {
          sent.add(o.getType() + ":" + new String(o.toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    });
  }

  /** A paragraph run on another thread, so that the test can watch it while it runs. */
  static CompletableFuture<InterpreterHarness.Run> inBackground(Interpreter interpreter, String text, InterpreterContext ctx) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return h.run(interpreter, text, ctx);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * Whatever failed in the test, its endless paragraph does not outlive it: cancelled, and awaited
   * (the deadline only turns a hang into a failure; a cancelled paragraph ends in seconds).
   */
  static void stop(Jobs jobs, Interpreter interpreter, InterpreterContext ctx, CompletableFuture<InterpreterHarness.Run> run)
      throws Exception {
    jobs.close();
    interpreter.cancel(ctx);
    run.handle((r, e) -> r).get(120, TimeUnit.SECONDS);
  }

  @Test
  void eachStatementsResultIsWrittenBeforeTheNextStatementRunsAndCancelKeepsIt() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    InterpreterOutput out = recording(sent);
    InterpreterContext ctx = context(Map.of(), out);
    Jobs jobs = new Jobs(ctx, "endless");
    CompletableFuture<InterpreterHarness.Run> run = inBackground(h.sql, "select 'written' as first_result;\n" + ENDLESS, ctx);
    try {
      // the second statement's job has started: the first statement's table is already out
      jobs.await();
      assertFalse(run.isDone());
      assertTrue(sent.stream().anyMatch(s -> s.startsWith("TABLE:") && s.contains("first_result\nwritten")),
          "sent before the second statement ran: " + sent);
      // a query never writes: its cancel interrupts the task threads too (HDFS-1208 concerns writes)
      Properties endless = jobs.started.get(jobs.started.size() - 1);
      assertEquals("true", endless.getProperty("spark.job.interruptOnCancel"));
      h.sql.cancel(ctx);
      InterpreterHarness.Run r = run.get(120, TimeUnit.SECONDS);
      assertEquals(InterpreterResult.Code.ERROR, r.result.code());
      assertTrue(r.error().contains("已取消"), r.error());
      assertEquals("written", r.table(0).get(1)[0]);
    } finally {
      stop(jobs, h.sql, ctx, run);
    }
    assertTrue(h.sql("select count(*) from catalog").ok());
  }

  @Test
  void eachCommandsResultIsWrittenBeforeTheNextCommandRuns() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    InterpreterOutput out = recording(sent);
    InterpreterContext ctx = context(Map.of(), out);
    Jobs jobs = new Jobs(ctx, "endless");
    String target = System.getProperty("java.io.tmpdir") + "/medinsight-endless-" + System.nanoTime() + ".csv";
    CompletableFuture<InterpreterHarness.Run> run = inBackground(h.drugs, "levels\nexport " + target + " --sql \"" + ENDLESS + "\"", ctx);
    try {
      jobs.await();
      assertFalse(run.isDone());
      assertTrue(sent.stream().anyMatch(m -> m.startsWith("TABLE:")), "the first command's table was sent before the export ran: " + sent);
      h.drugs.cancel(ctx);
      InterpreterHarness.Run r = run.get(120, TimeUnit.SECONDS);
      assertTrue(r.error().contains("已取消"), r.error());
      assertTrue(r.table(0).size() > 1, r.text());
    } finally {
      stop(jobs, h.drugs, ctx, run);
    }
  }

  /** A command may write (load, export): its cancel kills tasks without interrupting an HDFS client mid-write. */
  @Test
  void commandJobsDoNotInterruptOnCancel() throws Exception {
    InterpreterContext ctx = InterpreterHarness.context();
    Jobs jobs = new Jobs(ctx, "");
    try {
      InterpreterHarness.Run r = h.run(h.drugs, "export " + System.getProperty("java.io.tmpdir") + "/medinsight-jobs-"
          + System.nanoTime() + ".csv --sql \"select level, count(*) from products group by level\"", ctx);
      assertTrue(r.ok(), r.text());
      sc.listenerBus().waitUntilEmpty();
      assertFalse(jobs.started.isEmpty(), "no job in the paragraph's group");
      for (Properties p : jobs.started) {
        assertEquals("false", p.getProperty("spark.job.interruptOnCancel"));
      }
    } finally {
      jobs.close();
    }
  }

  /** Log events of medinsight's interpreters while it is open. */
  static final class LogCapture extends AbstractAppender implements AutoCloseable {
    final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    LogCapture() {
      super("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
      start();
      Configuration c = context.getConfiguration();
      LoggerConfig lc = new LoggerConfig("medinsight.zeppelin", Level.INFO, true);
      lc.addAppender(this, Level.INFO, null);
      c.addLogger("medinsight.zeppelin", lc);
      context.updateLoggers();
    }

    @Override
    public void append(LogEvent e) {
      events.add(e.toImmutable());
    }

    @Override
    public void close() {
      context.getConfiguration().removeLogger("medinsight.zeppelin");
      context.updateLoggers();
      stop();
    }
  }

  @Test
  void failuresAreLoggedAndTheStackTraceIsShownWhenAsked() throws Exception {
    String failing = "select raise_error('medinsight-boom') as x";
    try (LogCapture log = new LogCapture()) {
      InterpreterHarness.Run r = h.sql(failing);
      assertFalse(r.ok());
      assertTrue(r.error().contains("medinsight-boom"), r.error());
      assertFalse(r.error().contains("\tat "), r.error());
      assertTrue(r.error().contains("drugs.sql.stacktrace"), "says how to see more: " + r.error());
      assertTrue(log.events.stream().anyMatch(e -> e.getLevel() == Level.ERROR && e.getThrown() != null
          && e.getMessage().getFormattedMessage().contains("raise_error")), "logged with its stack trace");
      // a user's mistake is logged too, without a stack trace
      assertFalse(h.sql("select nosuchcolumn from products").ok());
      assertTrue(log.events.stream().anyMatch(e -> e.getMessage().getFormattedMessage().contains("nosuchcolumn")));
      // a refusal is a warning that names the user
      assertFalse(h.run(h.sql, "select reflect('java.lang.System', 'getenv', 'PATH')", EmbeddedDrugs.contextAs("mallory", "analyst")).ok());
      assertTrue(log.events.stream().anyMatch(e -> e.getLevel() == Level.WARN
          && e.getMessage().getFormattedMessage().contains("mallory") && e.getMessage().getFormattedMessage().contains("reflect")),
          "the refusal is logged");
    }
    h.sql.setProperty("drugs.sql.stacktrace", "true");
    try {
      InterpreterHarness.Run r = h.sql(failing);
      assertFalse(r.ok());
      assertTrue(r.error().contains("medinsight-boom"), r.error());
      assertTrue(r.error().contains("\tat org.apache.spark."), r.error());
    } finally {
      h.sql.setProperty("drugs.sql.stacktrace", "false");
    }
  }

  /** What {@code c} throws on a thread of a small, fixed stack; null when it returns. */
  static Throwable thrownOnASmallStack(Callable<?> c) throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        c.call();
      } catch (Throwable e) {
        thrown.set(e);
      }
    }, "small-stack", 512 * 1024);
    t.start();
    t.join();
    return thrown.get();
  }

  @Test
  void aStackOverflowIsNotCaughtButLeftToZeppelin() throws Exception {
    // an expression nested 20,000 deep: parsing and checking it overflows any ordinary stack
    String deep = "select " + "1 + ".repeat(20_000) + "1 as n";
    Throwable sql = thrownOnASmallStack(() -> h.sql.interpret(deep, InterpreterHarness.context()));
    assertTrue(sql instanceof StackOverflowError, "%drugs.sql: " + sql);
    Throwable export = thrownOnASmallStack(() -> h.drugs.interpret("export " + System.getProperty("java.io.tmpdir")
        + "/medinsight-deep.csv --sql \"" + deep + "\"", InterpreterHarness.context()));
    assertTrue(export instanceof StackOverflowError, "%drugs: " + export);
    // the paragraph failed; the next one runs (the group was cleared)
    assertTrue(h.sql("select count(*) from yinpian").ok());
  }

  @Test
  void valuesFromTheResourcePoolAreInterpolatedWhenAskedAndStillChecked() throws Exception {
    LocalResourcePool pool = new LocalResourcePool("pool");
    pool.put("tbl", "yinpian");
    pool.put("evil", "1 as x; select java_method('java.lang.System', 'setProperty', 'medinsight.interpolated', 'yes')");
    InterpreterHarness.Run plain = interpolated(pool, Map.of(), "select count(*) as n from {tbl}");
    assertFalse(plain.ok(), "interpolation is off unless the paragraph asks: " + plain.text());
    InterpreterHarness.Run r = interpolated(pool, Map.of("interpolate", "true"), "select count(*) as n from {tbl}");
    assertTrue(r.ok(), r.text());
    assertEquals(h.sql("select count(*) from yinpian").table(0).get(1)[0], r.table(0).get(1)[0]);
    InterpreterHarness.Run evil = interpolated(pool, Map.of("interpolate", "true"), "select {evil}");
    assertFalse(evil.ok(), evil.text());
    assertTrue(evil.error().contains("不允许的 SQL"), evil.error());
    assertNull(System.getProperty("medinsight.interpolated"));
  }

  @Test
  void drugsCommandsAreInterpolatedTooAndWhatAValueAddsIsCheckedAsTyped() throws Exception {
    LocalResourcePool pool = new LocalResourcePool("pool");
    pool.put("n", "5");
    pool.put("evil", "5\nload /etc/passwd --as products");
    InterpreterHarness.Run plain = interpolated(h.drugs, pool, Map.of(), "forms --top {n}");
    assertFalse(plain.ok(), "interpolation is off unless the paragraph asks: " + plain.text());
    InterpreterHarness.Run r = interpolated(h.drugs, pool, Map.of("interpolate", "true"), "forms --top {n}");
    assertTrue(r.ok(), r.text());
    assertEquals(6, r.table(0).size(), "a header and five forms: " + r.text());
    // a value is one value: one that holds a line break is refused whoever runs the paragraph,
    // the admin included (a role is checked against the runner, not against who set the value)
    long version = h.drugs.engine().data.tables().version;
    for (AuthenticationInfo who : List.of(new AuthenticationInfo("ana", new HashSet<>(List.of("analyst")), "t"),
        new AuthenticationInfo("admin", new HashSet<>(List.of("admin")), "t"))) {
      InterpreterHarness.Run evil = interpolated(h.drugs, pool, Map.of("interpolate", "true"), "forms --top {evil}", who, null);
      assertFalse(evil.ok(), evil.text());
      assertEquals("插值 {evil} 的值含有换行：一个值只能是一个值，不能加入一行命令。", evil.error());
      // a form value, as Zeppelin substitutes it into the text of the 药品查询 paragraph
      GUI form = new GUI();
      form.setParams(new HashMap<String, Object>(Map.of("drug name", "阿莫西林\"\nload bundled --as products\n# ")));
      InterpreterHarness.Run stored = interpolated(h.drugs, pool, Map.of(),
          "lookup \"阿莫西林\"\nload bundled --as products\n# \"", who, form);
      assertFalse(stored.ok(), stored.text());
      assertEquals("表单字段“drug name”的值含有换行：一个值只能是一个值，不能加入一行命令。", stored.error());
    }
    assertEquals(version, h.drugs.engine().data.tables().version, "nothing was loaded");
    // a value on one line is still a value
    GUI form = new GUI();
    form.setParams(new HashMap<String, Object>(Map.of("drug name", "阿莫西林")));
    assertTrue(interpolated(h.drugs, pool, Map.of(), "lookup 阿莫西林", new AuthenticationInfo("ana",
        new HashSet<>(List.of("analyst")), "t"), form).ok());
  }

  static InterpreterHarness.Run interpolated(LocalResourcePool pool, Map<String, String> local, String text) throws Exception {
    return interpolated(h.sql, pool, local, text);
  }

  static InterpreterHarness.Run interpolated(Interpreter interpreter, LocalResourcePool pool, Map<String, String> local,
      String text) throws Exception {
    return interpolated(interpreter, pool, local, text, new AuthenticationInfo("ana", new HashSet<>(List.of("analyst")), "ticket"), null);
  }

  static InterpreterHarness.Run interpolated(Interpreter interpreter, LocalResourcePool pool, Map<String, String> local,
      String text, AuthenticationInfo who, GUI form) throws Exception {
    InterpreterContext.Builder b = InterpreterContext.builder()
        .setNoteId("note")
        .setParagraphId("sql_" + System.nanoTime())
        .setLocalProperties(new HashMap<>(local))
        .setResourcePool(pool)
        .setAuthenticationInfo(who)
        .setInterpreterOut(new InterpreterOutput());
    if (form != null) {
      b.setGUI(form);
    }
    return h.run(interpreter, text, b.build());
  }
}
