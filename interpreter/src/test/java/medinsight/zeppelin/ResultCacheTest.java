package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import medinsight.access.Caller;
import medinsight.analysis.CoreAnalyses;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandContext;
import medinsight.command.CommandOutput;
import medinsight.command.CommandParser;
import medinsight.command.Invocation;
import medinsight.engine.DrugTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {
  @TempDir
  Path dir;

  @Test
  void repeatedViewsComeFromTheCacheUntilANewLoad() throws Exception {
    Properties p = new Properties();
    p.setProperty("drugs.cache", "3");
    try (InterpreterHarness h = new InterpreterHarness(p)) {
      String first = h.drugs("manufacturers share --top 3").text();
      assertEquals(1, h.drugs.engine().cache.size());
      assertEquals(first, h.drugs("manufacturers share --top 3").text());
      // the same command with its defaults written out is the same key
      h.drugs("manufacturers share --top 3 --others yes");
      assertEquals(1, h.drugs.engine().cache.size());
      h.drugs("levels");
      h.drugs("forms");
      h.drugs("ratios");
      assertEquals(3, h.drugs.engine().cache.size(), "bounded");
      h.drugs("help");
      h.drugs("quality");
      assertEquals(3, h.drugs.engine().cache.size(), "help and quality are not kept");
      // a drawing is kept like a table, and shown again as it was
      String chart = h.drugs("chart kpi --theme dark").text();
      CommandOutput kept = h.drugs.engine().cache.get(h.drugs.engine().data.tables().version,
          CommandParser.parse("chart kpi --theme dark"));
      assertTrue(kept != null && kept.html.size() == 1 && chart.contains(kept.html.get(0)), chart);
      assertEquals(chart, h.drugs("chart kpi --theme dark").text());
      assertNotEquals(chart, h.drugs("chart kpi").text(), "the theme is part of the key");
      Path csv = dir.resolve("p.csv");
      Files.writeString(csv, "药品名称,医保类别,生产企业,自付比例\n阿莫西林,甲,某企业,0\n", StandardCharsets.UTF_8);
      assertTrue(h.drugs("load " + csv).ok());
      String after = h.drugs("manufacturers share --top 3").text();
      assertNotEquals(first, after, "a load is a new data version");
      assertTrue(after.contains("某企业"), after);
      assertEquals(1, h.drugs.engine().cache.size());
    }
  }

  /**
   * A command reads the one version of the tables its context was made with: a load that lands
   * between the moment the version is read (to look up the cache) and the moment the command
   * runs cannot make it compute on newer data, and so cannot put a new result under an old key.
   */
  @Test
  void aCommandReadsTheVersionItsContextWasMadeWithThoughALoadComesBetween() throws Exception {
    try (InterpreterHarness h = new InterpreterHarness(new Properties())) {
      DrugsEngine e = h.drugs.engine();
      DrugTables before = e.data.tables();
      long bundled = before.reports().get("products").loaded;
      CommandContext cc = new CommandContext(e.data, before, e.lang, () -> false, p -> { }, e.policy, Caller.NOBODY,
          e.data::spark);
      Path csv = dir.resolve("one.csv");
      Files.writeString(csv, "药品名称,医保类别,生产企业,自付比例\n阿莫西林,甲,某企业,0\n", StandardCharsets.UTF_8);
      assertTrue(h.drugs("load " + csv).ok());
      assertNotEquals(before.version, e.data.tables().version);
      Invocation tables = CommandParser.parse("tables");
      ResultTable seen = tables.command.handler().run(tables, cc).tables.get(0);
      assertEquals(bundled, seen.value("table", "products", "rows"), "the snapshot's products, not the load's");
      assertTrue(bundled > 1);
      Invocation kpi = CommandParser.parse("kpi");
      ResultTable k = kpi.command.handler().run(kpi, cc).tables.get(0);
      assertArrayEquals(CoreAnalyses.kpis(before).rows().toArray(), k.rows().toArray());
      // a user's SQL views only move forward: a paragraph still on the older version does not
      // turn them back under the user's other paragraphs
      assertEquals(1L, e.sessionOf(Caller.NOBODY, e.data.tables()).table("products").count());
      assertEquals(1L, e.sessionOf(Caller.NOBODY, before).table("products").count());
    }
  }
}
