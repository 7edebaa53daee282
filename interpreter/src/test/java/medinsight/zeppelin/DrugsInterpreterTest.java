package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandContext;
import medinsight.command.CommandOutput;
import medinsight.command.CommandParser;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.command.Invocation;
import medinsight.command.OptionSpec;
import medinsight.render.Labels;
import medinsight.generator.ProductGenerator;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.zeppelin.interpreter.Interpreter;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.apache.zeppelin.interpreter.InterpreterGroup;
import org.apache.zeppelin.interpreter.InterpreterHookRegistry;
import org.apache.zeppelin.interpreter.InterpreterResult;
import org.apache.zeppelin.interpreter.InterpreterResultMessage;
import org.apache.zeppelin.interpreter.LazyOpenInterpreter;
import org.apache.zeppelin.interpreter.remote.RemoteInterpreterServer;
import org.apache.zeppelin.interpreter.thrift.InterpreterCompletion;
import org.apache.zeppelin.scheduler.Job;
import org.apache.zeppelin.scheduler.JobListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The interpreters on the bundled data, through Zeppelin's interpreter API. */
class DrugsInterpreterTest {
  static InterpreterHarness h;

  @BeforeAll
  static void open() throws Exception {
    h = new InterpreterHarness(new Properties());
  }

  @AfterAll
  static void close() throws Exception {
    h.close();
  }

  @Test
  void levelsByVarietyReproduceTheOfficialCounts() throws Exception {
    // the 2025 edition, current since 2026-01-01, as its 凡例 counts
    InterpreterHarness.Run r = h.drugs("levels --by variety");
    assertTrue(r.ok(), r.text());
    assertEquals("1446", r.cell("品种数", "西药", "小计"));
    assertEquals("393", r.cell("品种数", "西药", "甲"));
    assertEquals("1335", r.cell("品种数", "中成药", "小计"));
    assertEquals("246", r.cell("品种数", "中成药", "甲"));
    assertEquals("95", r.cell("品种数", "中成药·其中民族药", "小计"));
    assertEquals("472", r.cell("品种数", "谈判药品", "小计"));
    assertEquals("411", r.cell("品种数", "谈判药品·西药", "小计"));
    assertEquals("12", r.cell("品种数", "谈判药品·其中竞价药品", "小计"));
    assertEquals("61", r.cell("品种数", "谈判药品·中成药", "小计"));
    assertEquals("3253", r.cell("品种数", "合计", "小计"));
    // and the 2024 edition beside it
    InterpreterHarness.Run y = h.drugs("levels --by variety --edition 2024");
    assertEquals("1398", y.cell("品种数", "西药", "小计"));
    assertEquals("393", y.cell("品种数", "西药", "甲"));
    assertEquals("1336", y.cell("品种数", "中成药", "小计"));
    assertEquals("246", y.cell("品种数", "中成药", "甲"));
    assertEquals("95", y.cell("品种数", "中成药·其中民族药", "小计"));
    assertEquals("425", y.cell("品种数", "谈判药品", "小计"));
    assertEquals("367", y.cell("品种数", "谈判药品·西药", "小计"));
    assertEquals("58", y.cell("品种数", "谈判药品·中成药", "小计"));
    assertEquals("3159", y.cell("品种数", "合计", "小计"));
    InterpreterHarness.Run entries = h.drugs("levels --edition 2024");
    assertEquals("1957", entries.cell("条目数", "西药", "小计"));
    assertEquals("1444", entries.cell("条目数", "中成药", "小计"));
    assertFalse(h.drugs("levels --edition 2019").ok(), "an edition not loaded");
    List<String[]> kpi = h.drugs("kpi --edition 2024").table(0);
    assertEquals(List.of("3826", "3159", "425"), List.of(kpi.get(1)[0], kpi.get(1)[1], kpi.get(1)[7]));
    assertTrue(h.drugs("negotiated --edition 2024 --expiring 2025").table(0).size() > 100, "2024's agreements ending in 2025");
    // ◇ is a mark (凡例（十）), not a payment restriction: 749 restricted entries in 2025
    List<String[]> marks = h.sql("select sum(cast(restricted as int)) as r, sum(cast(collective as int)) as c from catalog").table(0);
    assertEquals(List.of("749", "4"), List.of(marks.get(1)[0], marks.get(1)[1]));
    // every loaded edition in one table for %drugs.sql
    InterpreterHarness.Run all = h.sql("select edition, count(distinct variety_id) as n from catalog_all group by edition order by edition");
    assertEquals("3159", all.table(0).get(1)[1]);
    assertEquals("3253", all.table(0).get(2)[1]);
  }

  @Test
  void theCommercialInnovativeListIsATableACommandAndFoundByLookup() throws Exception {
    InterpreterHarness.Run c = h.drugs("commercial");
    assertTrue(c.ok(), c.text());
    assertEquals(20, c.table(1).size(), "19 drugs under the header");
    long byCategory = 0;
    for (String[] row : c.table(0).subList(1, c.table(0).size())) {
      byCategory += Long.parseLong(row[2]);
    }
    assertEquals(19, byCategory);
    assertEquals("19", h.sql("select count(*) from commercial").table(0).get(1)[0]);
    InterpreterHarness.Run l = h.drugs("lookup 泽尼达妥单抗");
    assertTrue(l.ok(), l.text());
    assertTrue(l.text().contains("商保创新药目录（基金不予支付）") && l.text().contains("注射用泽尼达妥单抗"), l.text());
  }

  /**
   * An analyst who looks a drug up asks for its catalog entry: it comes first (the name itself,
   * then names that begin with it, then names that contain it), with its part, number, level,
   * confidential payment standard, agreement period and what changed since 2024; the synthetic
   * products follow under a title that says they are sample data.
   */
  /**
   * 24 协议中成药 entries of 2025 have their 功能主治 as 备注 ("益气养血，润肠通便。用于…"): they count as
   * indications, and the table says so instead of passing them off as 限 clauses.
   */
  @Test
  void restrictionTypesSayWhichIndicationsAreFunctionTexts() throws Exception {
    InterpreterHarness.Run r = h.drugs("restrictions types");
    assertTrue(r.ok(), r.text());
    assertTrue(r.text().contains("其中 24 个协议中成药条目的备注是功能主治原文"), r.text());
    // the chart draws the counts: the caption says what they are, not only what the shares are
    long restricted = Long.parseLong(h.sql("select count(*) from catalog where restricted").table(0).get(1)[0]);
    assertTrue(r.text().contains("条目数：有此类限定的条目（图中所画）；占比：条目数 / " + restricted), r.text());
  }

  @Test
  void lookupShowsTheCatalogEntryFirst() throws Exception {
    InterpreterHarness.Run r = h.drugs("lookup 司美格鲁肽");
    assertTrue(r.ok(), r.text());
    List<String[]> e = r.table(0);
    assertEquals(List.of("目录部分", "编号", "医保类别", "药品名称", "剂型", "备注", "医保支付标准", "协议期", "与上一版相比"),
        List.of(e.get(0)));
    assertEquals(List.of("协议西药", "29", "乙", "司美格鲁肽注射液", "*", "2026-01-01 – 2027-12-31"),
        List.of(e.get(1)[0], e.get(1)[1], e.get(1)[2], e.get(1)[3], e.get(1)[6], e.get(1)[7]));
    assertTrue(e.get(1)[8].contains("协议期：2024-01-01 – 2025-12-31→2026-01-01 – 2027-12-31"), "2024's agreement ran 2024-01-01 – 2025-12-31: " + e.get(1)[8]);
    assertTrue(r.text().contains("产品（示例数据）"), r.text());
    // the name itself before the names that begin with it
    List<String[]> a = h.drugs("lookup 阿莫西林").table(0);
    assertEquals("阿莫西林", a.get(1)[3]);
    int firstLonger = -1;
    for (int i = 1; i < a.size(); i++) {
      boolean exact = java.util.Arrays.asList(a.get(i)[3].split(" / ")).contains("阿莫西林");
      if (!exact && firstLonger < 0) {
        firstLonger = i;
      }
      assertTrue(firstLonger < 0 || !exact, "an exact name after a longer one at row " + i);
    }
    assertTrue(firstLonger > 1 && a.get(firstLonger)[3].startsWith("阿莫西林"), a.get(firstLonger)[3]);
    // each entry is compared with the 2024 entry of the same name, part and forms: 阿莫西林克拉维酸's
    // oral forms are 甲 in both editions, its injection 乙 in both
    long compared = 0;
    for (String[] row : a.subList(1, a.size())) {
      if (row[3].equals("阿莫西林克拉维酸")) {
        assertTrue(!row[8].contains("类别"), row[4] + ": " + row[8]);
        compared++;
      }
    }
    assertEquals(4, compared, "its four forms");
    // 饮片 are looked up too
    List<String[]> y = h.drugs("lookup 人参片").table(0);
    assertTrue(y.stream().anyMatch(row -> row[0].equals("中药饮片") && row[3].equals("人参片") && row[5].startsWith("□")),
        "人参片 is a 饮片 not paid alone");
  }

  @Test
  void limitedToWorkInjuryOrMaternityInsurance() throws Exception {
    InterpreterHarness.Run r = h.sql("select count(distinct case when remark like '%工伤保险%' then variety_id end) as injury, "
        + "count(distinct case when remark like '%生育保险%' then variety_id end) as maternity from catalog");
    assertTrue(r.ok(), r.text());
    assertEquals("5", r.table(0).get(1)[0]);
    assertEquals("4", r.table(0).get(1)[1]);
  }

  @Test
  void everyCommandRunsOnTheBundledDataAndEveryColumnHasItsLabels() throws Exception {
    List<String> unlabelled = new ArrayList<>();
    for (CommandSpec c : Commands.all().values()) {
      if (!c.runsOnBundledData()) {
        continue; // load, diff and export: LoadErrorsTest, EditionsTest and ExportTest run them
      }
      InterpreterHarness.Run r = h.drugs(c.example);
      assertTrue(r.ok(), c.example + " → " + r.text());
      assertFalse(r.messages.isEmpty(), c.example + " printed nothing");
      if (c.name.equals("dataset")) {
        assertTrue(r.text().contains("2025 年版") && r.text().contains("产品 48,865 行") && r.text().contains("加载于"), r.text());
      } else if (c.name.startsWith("chart ")) {
        medinsight.render.svg.SvgCheck.check(r.html(0));
      } else if (!c.name.equals("help")) {
        List<String[]> t = r.table(0);
        assertTrue(t.size() > 1, c.example + " gave an empty table:\n" + r.text());
      }
      unlabelled.addAll(unlabelledColumns(c.example));
      // every other choice of a choice option may give other columns (manufacturers exclusive --by …)
      if (c.name.startsWith("chart ") || c.name.equals("help")) {
        continue;
      }
      for (OptionSpec o : c.options()) {
        if (o.type != OptionSpec.Type.CHOICE) {
          continue;
        }
        for (String choice : o.choices) {
          if (choice.equals(o.defaultValue)) {
            continue;
          }
          String line = c.example + " --" + o.name + " " + choice;
          InterpreterHarness.Run other = h.drugs(line);
          assertTrue(other.ok(), line + " → " + other.text());
          unlabelled.addAll(unlabelledColumns(line));
        }
      }
    }
    assertEquals(List.of(), unlabelled, "column keys with no header in Chinese or English (add them to medinsight/render/labels_zh.properties and labels_en.properties)");
  }

  /**
   * The column keys of the typed result the paragraph just drew that have no label in one of the
   * two languages ({@code Labels.of} would show the raw key). The result is the one the paragraph
   * cached; a command that is not cached (help, tables, quality) is run again through the registry.
   */
  static List<String> unlabelledColumns(String example) {
    DrugsEngine e = h.drugs.engine();
    Invocation inv = CommandParser.parse(example);
    CommandOutput out = e.cache.get(e.data.tables().version, inv);
    if (out == null) {
      out = inv.command.handler().run(inv, new CommandContext(e.data, e.lang, () -> false));
    }
    List<String> missing = new ArrayList<>();
    for (ResultTable t : out.tables) {
      for (String m : Labels.missing(t)) {
        missing.add(example + ": " + m);
      }
    }
    return missing;
  }

  @Test
  void sqlOnTheSameTables() throws Exception {
    InterpreterHarness.Run r = h.sql("select level, count(*) as n from products group by level order by level");
    assertTrue(r.ok(), r.text());
    List<String[]> t = r.table(0);
    assertEquals("level", t.get(0)[0]);
    long total = 0;
    for (String[] row : t.subList(1, t.size())) {
      total += Long.parseLong(row[1]);
    }
    InterpreterHarness.Run count = h.sql("select count(*) from products; select count(distinct variety_id) from catalog");
    assertEquals(String.valueOf(total), count.table(0).get(1)[0]);
    assertEquals("3253", count.table(1).get(1)[0]);
    assertTrue(h.sql("select * from rejected_rows").ok());
    assertTrue(h.sql("select dosage_form, count(*) from products group by 1").ok());
  }

  @Test
  void sqlCutsLargeResultsWithANotice() throws Exception {
    InterpreterHarness.Run r = h.sql("select product_code from products");
    assertTrue(r.ok(), r.text());
    assertEquals(1001, r.table(0).size());
    // more rows than shown, not counted: counting would run the query again
    assertTrue(r.text().contains("结果超过 1000 行，仅显示前 1000 行（上限：drugs.maxResult）"), r.text());
  }

  @Test
  void sqlErrorsAreOneClearLine() throws Exception {
    InterpreterHarness.Run r = h.sql("select nosuchcolumn from products");
    assertFalse(r.ok());
    assertTrue(r.error().startsWith("SQL 错误："), r.error());
    assertFalse(r.error().contains("\n"), r.error());
    assertFalse(h.sql("selec * from products").ok());
    assertTrue(h.sql("select 1").ok());
  }

  /** Spark's ParseException message starts with an empty line: the error names what and where. */
  @Test
  void aSyntaxErrorSaysWhatSparkFoundAndWhere() throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("selct count(*) from catalog", "SQL 错误（第 1 行第 1 列）：Syntax error at or near 'selct'");
    expected.put("select count(* from catalog", "SQL 错误（第 1 行第 16 列）：Syntax error at or near 'from'");
    expected.put("select count(*)\nform catalog", "SQL 错误（第 2 行第 6 列）：Syntax error at or near 'catalog'");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      InterpreterHarness.Run r = h.sql(e.getKey());
      assertFalse(r.ok(), e.getKey());
      assertFalse(r.error().contains("\n"), r.error());
      assertTrue(r.error().startsWith(e.getValue()), e.getKey() + " → " + r.error());
    }
    InterpreterHarness.Run han = h.sql("select * from catalog where level = 甲");
    assertFalse(han.ok());
    assertTrue(han.error().matches("SQL 错误（第 1 行第 \\d+ 列）：.+"), han.error());
  }

  @Test
  void manufacturerNamesWithQuotesFlowThroughUnchanged() throws Exception {
    for (String name : ProductGenerator.specialNames()) {
      String quoted = name.contains("\"") ? "'" + name + "'" : "\"" + name + "\"";
      InterpreterHarness.Run r = h.drugs("lookup --manufacturer " + quoted + " --limit 5");
      assertTrue(r.ok(), r.text());
      List<String[]> t = r.table(0);
      assertTrue(t.size() > 1, "no products for " + name);
      assertEquals(name, t.get(1)[6]);
    }
    InterpreterHarness.Run share = h.drugs("manufacturers share --top 100000");
    String all = share.text();
    for (String name : ProductGenerator.specialNames()) {
      assertTrue(all.contains("\t" + name + "\t"), name);
    }
  }

  @Test
  void badCommandsGiveOneLineAndLeaveTheSessionUsable() throws Exception {
    String[] bad = {"levls", "levels --by brand", "manufacturers", "generics --top x", "burden --bands 0,0.5,0.3",
        "lookup a b", "manufacturers positioning --low 0.5 --high 0.1", "help nosuch", "load"};
    for (String b : bad) {
      InterpreterHarness.Run r = h.drugs(b);
      assertFalse(r.ok(), b);
      assertFalse(r.error().isBlank(), b);
      assertFalse(r.error().contains("\n"), b + " → " + r.error());
      assertFalse(r.error().contains("Exception"), b + " → " + r.error());
    }
    assertEquals("1446", h.drugs("levels --by variety").cell("品种数", "西药", "小计"));
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    InterpreterHarness.Run r = h.drugs("help");
    for (String name : Commands.all().keySet()) {
      assertTrue(r.text().contains(name + "\t"), name);
    }
    InterpreterHarness.Run one = h.drugs("help manufacturers diversity");
    assertTrue(one.text().contains("--min-products"), one.text());
    assertTrue(one.text().contains("示例：manufacturers diversity"), one.text());
  }

  @Test
  void completionAtTheCursor() throws Exception {
    List<InterpreterCompletion> c = h.drugs.completion("manufacturers di", 16, InterpreterHarness.context());
    assertEquals(List.of("diversity"), c.stream().map(InterpreterCompletion::getValue).collect(java.util.stream.Collectors.toList()));
    List<InterpreterCompletion> o = h.drugs.completion("levels --by va\nforms", 14, InterpreterHarness.context());
    assertEquals("variety", o.get(0).getValue());
    List<InterpreterCompletion> s = h.sql.completion("select * from prod", 18, InterpreterHarness.context());
    assertEquals("products", s.get(0).getValue());
  }

  /** A hang guard, not a measure: side by side the paragraphs below take about a second each. */
  private static final long GUARD_SECONDS = 120;

  /**
   * A paragraph as the interpreter process runs it: Zeppelin's own {@link RemoteInterpreterServer.InterpretJob}
   * submitted to the interpreter's scheduler, with a listener that sees every change of its status.
   */
  static final class ScheduledParagraph implements JobListener {
    final InterpreterContext ctx = InterpreterHarness.context();
    final RemoteInterpreterServer.InterpretJob job;
    /** The status of {@code other} when this paragraph started running. */
    volatile Job.Status otherWhenRunning;
    private final ScheduledParagraph other;

    private ScheduledParagraph(Interpreter intp, String text, ScheduledParagraph other) {
      this.other = other;
      job = new RemoteInterpreterServer.InterpretJob(ctx.getParagraphId(), "RemoteInterpretJob_" + ctx.getParagraphId(), this,
          opened(intp), text, ctx);
    }

    /** Submits the paragraph to its interpreter's scheduler, as RemoteInterpreterServer.interpret does. */
    static ScheduledParagraph submit(Interpreter intp, String text, ScheduledParagraph other) {
      ScheduledParagraph p = new ScheduledParagraph(intp, text, other);
      intp.getScheduler().submit(p.job);
      return p;
    }

    /** The interpreter as Zeppelin holds it once its first paragraph has opened it (the harness opened it). */
    private static LazyOpenInterpreter opened(Interpreter intp) {
      return new LazyOpenInterpreter(intp) {
        @Override
        public void open() {
        }

        @Override
        public boolean isOpen() {
          return true;
        }
      };
    }

    @Override
    public void onProgressUpdate(Job<?> job, int progress) {
    }

    @Override
    public synchronized void onStatusChange(Job<?> job, Job.Status before, Job.Status after) {
      if (after == Job.Status.RUNNING && other != null) {
        otherWhenRunning = other.job.getStatus();
      }
      notifyAll();
    }

    /** Waits until the paragraph has ended, or the guard has passed: its status then. */
    synchronized Job.Status awaitEnd() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
      long left;
      while (!job.isTerminated() && (left = deadline - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return job.getStatus();
    }

    boolean hasTable() {
      InterpreterResult r = job.getReturn();
      return r != null && r.message().stream().anyMatch(m -> m.getType() == InterpreterResult.Type.TABLE);
    }

    String text() {
      InterpreterResult r = job.getReturn();
      StringBuilder b = new StringBuilder();
      if (r != null) {
        for (InterpreterResultMessage m : r.message()) {
          b.append(m.getData()).append('\n');
        }
      }
      return b.toString();
    }
  }

  /**
   * Paragraphs overlap through Zeppelin's scheduler: a load waits on a named pipe that nothing
   * writes yet; a %drugs.sql query and a %drugs command submitted after it start while it runs and
   * finish while it still runs. A FIFO scheduler, or one lock around the paragraphs, would keep
   * them waiting for the load, which waits for this test: the guard fails that case.
   */
  @Test
  void twoParagraphsRunAtOnce() throws Exception {
    InterpreterGroup group = h.drugs.getInterpreterGroup();
    if (group.getInterpreterHookRegistry() == null) {
      // as RemoteInterpreterServer gives every group it creates
      group.setInterpreterHookRegistry(new InterpreterHookRegistry());
    }
    String products = h.sql("select count(*) from products").table(0).get(1)[0];
    Path dir = Files.createTempDirectory("medinsight-pipe");
    Path pipe = dir.resolve("arriving.csv");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
    ExecutorService writer = Executors.newSingleThreadExecutor();
    ScheduledParagraph load = null;
    OutputStream out = null;
    try {
      load = ScheduledParagraph.submit(h.drugs, "load " + pipe + " --as products", null);
      // the pipe opens for writing once the load has opened it for reading: the load's paragraph is
      // then inside %drugs, past any lock a scheduler or an interpreter could hold for it
      out = writer.submit(() -> Files.newOutputStream(pipe)).get(GUARD_SECONDS, TimeUnit.SECONDS);
      assertEquals(Job.Status.RUNNING, load.job.getStatus());
      ScheduledParagraph query = ScheduledParagraph.submit(h.sql, "select count(*) from catalog", load);
      ScheduledParagraph command = ScheduledParagraph.submit(h.drugs, "levels --by variety", load);
      for (ScheduledParagraph p : List.of(query, command)) {
        assertEquals(Job.Status.FINISHED, p.awaitEnd(), "waits for the load: paragraphs run one at a time. " + p.text());
        assertEquals(Job.Status.RUNNING, p.otherWhenRunning, "the load was running when this paragraph started");
        // the load cannot have ended: nothing has written its file yet
        assertEquals(Job.Status.RUNNING, load.job.getStatus());
        assertTrue(p.hasTable(), p.text());
      }
      assertTrue(command.text().contains("3253"), command.text());
    } finally {
      if (load != null) {
        h.drugs.cancel(load.ctx);
      }
      if (out != null) {
        out.close();
        load.awaitEnd();
      }
      writer.shutdownNow();
      Files.deleteIfExists(pipe);
      Files.deleteIfExists(dir);
    }
    assertEquals(Job.Status.ERROR, load.job.getStatus(), "cancelled: " + load.text());
    assertEquals(products, h.sql("select count(*) from products").table(0).get(1)[0], "the cancelled load changed nothing");
  }

  @Test
  void cancelStopsTheParagraphsSparkJobs() throws Exception {
    h.drugs("levels");
    InterpreterContext ctx = InterpreterHarness.context();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<InterpreterHarness.Run> f = pool.submit(() -> h.run(h.sql,
          DrugsSqlInterpreterTest.ENDLESS, ctx));
      long deadline = System.currentTimeMillis() + 60_000;
      int progress = -1;
      while (System.currentTimeMillis() < deadline) {
        int[] jobs = h.drugs.engine().spark.sparkContext().statusTracker().getJobIdsForGroup(SparkJobs.group(ctx));
        if (jobs.length > 0) {
          progress = h.sql.getProgress(ctx);
          break;
        }
        Thread.sleep(50);
      }
      assertTrue(progress >= 0 && progress <= 100, "the paragraph's Spark job never started");
      h.sql.cancel(ctx);
      InterpreterHarness.Run r = f.get(60, TimeUnit.SECONDS);
      assertEquals(InterpreterResult.Code.ERROR, r.result.code());
      assertTrue(r.error().contains("已取消"), r.error());
    } finally {
      pool.shutdownNow();
    }
    assertTrue(h.sql("select count(*) from catalog").ok());
  }

  /** Holds the tasks of {@link #aJobThatStartsAfterTheCancelIsCancelledAsItStarts} until the test ends. */
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  /**
   * A cancel stops the jobs running at that moment; a job the paragraph starts after it (a
   * query's next stage once its broadcast has finished) is cancelled as it starts. Before, it ran
   * to its end: here, forever.
   */
  @Test
  void aJobThatStartsAfterTheCancelIsCancelledAsItStarts() throws Exception {
    SparkSession spark = h.drugs.engine().spark;
    SparkContext sc = spark.sparkContext();
    InterpreterContext ctx = InterpreterHarness.context();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Long> f = pool.submit(() -> {
        h.drugs.jobs.start(sc, ctx, "a paragraph cancelled before its job starts", false);
        try {
          h.drugs.jobs.cancel(sc, ctx);
          return spark.range(0, 2, 1, 2).map((MapFunction<Long, Long>) x -> {
            RELEASE.await();
            return x;
          }, Encoders.LONG()).count();
        } finally {
          h.drugs.jobs.finish(sc, ctx);
        }
      });
      // the deadline only turns the old behaviour, a job that never ends, into a failure
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(120, TimeUnit.SECONDS));
      assertTrue(String.valueOf(e.getCause().getMessage()).contains("cancelled"), String.valueOf(e.getCause()));
    } finally {
      RELEASE.countDown();
      pool.shutdownNow();
    }
    assertTrue(h.sql("select count(*) from catalog").ok());
  }

  @Test
  void htmlInsideAValueIsNeverAnHtmlResult() throws Exception {
    InterpreterHarness.Run r = h.sql("select '%html <img src=x onerror=alert(1)>' as maker, 1 as n");
    assertTrue(r.ok(), r.text());
    assertEquals("\u200B%html <img src=x onerror=alert(1)>", r.table(0).get(1)[0]);
    assertTrue(r.messages.stream().noneMatch(m -> m.getType() == org.apache.zeppelin.interpreter.InterpreterResult.Type.HTML),
        r.text());
  }

  /** The README's link figures of the bundled list: every product linked to the 2025 catalog or counted as not. */
  @Test
  void theBundledListLinksToTheCatalogAsTheReadmeSays() throws Exception {
    InterpreterHarness.Run q = h.drugs("quality");
    assertTrue(q.ok(), q.text());
    // when each table was loaded, to the second (not an Instant's nanoseconds)
    List<String[]> loads = q.table(0);
    int at = java.util.Arrays.asList(loads.get(0)).indexOf("加载时间");
    assertTrue(at >= 0, String.join(",", loads.get(0)));
    for (String[] row : loads.subList(1, loads.size())) {
      assertTrue(row[at].matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"), row[at]);
    }
    java.util.Map<String, String> links = new java.util.HashMap<>();
    for (int i = 0; ; i++) {
      List<String[]> t;
      try {
        t = q.table(i);
      } catch (AssertionError end) {
        break;
      }
      for (String[] row : t) {
        if (row.length > 1 && (row[0].startsWith("已链接") || row[0].startsWith("多义") || row[0].equals("未链接"))) {
          links.put(row[0], row[1]);
        }
      }
    }
    assertEquals("45163", links.get("已链接：目录编号"), links.toString());
    // the 丙 products are drugs the catalog does not list: none links, by name or otherwise
    assertEquals("0", links.get("已链接：通用名+剂型"), links.toString());
    assertEquals("0", links.get("多义（不止一个品种）"), links.toString());
    assertEquals(String.valueOf(2712 + 990), links.get("未链接"), links.toString());
  }
}
