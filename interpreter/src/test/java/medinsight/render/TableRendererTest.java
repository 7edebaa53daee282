package medinsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import medinsight.analysis.ResultTable;
import org.junit.jupiter.api.Test;

class TableRendererTest {
  @Test
  void headersNumbersAndNotice() {
    ResultTable t = new ResultTable("t").text("manufacturer").count("products").percent("share").number("shannon");
    t.add("A\tB", 3L, 0.28123, 1.03972077);
    t.add("C", 1L, 0.005, 0.0);
    t.add("D", 1L, 0.0, null);
    String out = TableRenderer.render(t, Labels.Lang.ZH, 2);
    String[] lines = out.split("\n");
    assertEquals("%table 生产企业\t产品数\t占比(%)\tShannon指数", lines[0]);
    assertEquals("A B\t3\t28.1\t1.0397", lines[1]);
    assertEquals("C\t1\t0.5\t0", lines[2]);
    assertEquals("", lines[3]);
    assertTrue(lines[4].startsWith("%text 结果共 3 行，仅显示前 2 行"), out);
    String en = TableRenderer.render(t, Labels.Lang.EN, 10);
    assertTrue(en.startsWith("%table Manufacturer\tProducts\tShare(%)\tShannon index\n"), en);
    assertTrue(en.contains("D\t1\t0\t\n"), en);
  }

  @Test
  void anEmptyTableSaysSo() {
    ResultTable t = new ResultTable("t").text("manufacturer").count("products");
    assertEquals("%table 生产企业\t产品数\n\n%text 无：没有符合条件的行。\n", TableRenderer.render(t, Labels.Lang.ZH, 10));
    assertTrue(TableRenderer.render(t, Labels.Lang.EN, 10).contains("%text None: no rows match."));
  }

  @Test
  void resultsAreSeparatedByABlankLine() {
    StringBuilder b = new StringBuilder();
    TableRenderer.appendResult(b, "%table a\n1\n");
    TableRenderer.appendResult(b, "%text x\n");
    assertEquals("%table a\n1\n\n%text x\n", b.toString());
  }

  @Test
  void aValueThatStartsWithPercentShowsAsText() {
    ResultTable t = new ResultTable("t").text("manufacturer").count("products");
    t.add("%html <img src=x onerror=alert(1)>", 1L);
    t.add("a %html b", 2L);
    t.note("来源行：\n%html <b>x</b>");
    String out = TableRenderer.render(t, Labels.Lang.ZH, 10);
    String[] lines = out.split("\n");
    assertEquals(TableRenderer.INERT + "%html <img src=x onerror=alert(1)>\t1", lines[1]);
    assertEquals("a %html b\t2", lines[2]);
    for (String line : lines) {
      assertTrue(!line.startsWith("%html"), out);
    }
    assertEquals("a\n" + TableRenderer.INERT + "%table x\r" + TableRenderer.INERT + "%md y", TableRenderer.text("a\n%table x\r%md y"));
  }
}
