package medinsight.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import medinsight.analysis.ResultTable;
import org.junit.jupiter.api.Test;

/** The one store of Chinese and English texts: the same keys in both languages, none blank. */
class LabelsTest {
  @Test
  void bothLanguagesHaveTheSameKeysAndNoBlankText() {
    Set<String> zh = new TreeSet<>(Labels.keys(Labels.Lang.ZH));
    Set<String> en = new TreeSet<>(Labels.keys(Labels.Lang.EN));
    Set<String> onlyZh = new TreeSet<>(zh);
    onlyZh.removeAll(en);
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(zh);
    assertEquals(Set.of(), onlyZh, "in " + Labels.resource(Labels.Lang.ZH) + " only");
    assertEquals(Set.of(), onlyEn, "in " + Labels.resource(Labels.Lang.EN) + " only");
    for (Labels.Lang lang : Labels.Lang.values()) {
      for (String k : Labels.keys(lang)) {
        assertFalse(Labels.find(k, lang).isBlank(), lang + " " + k);
      }
    }
  }

  @Test
  void headersCaptionsAndTheirArguments() {
    assertEquals("产品份额", Labels.of("product_share", Labels.Lang.ZH));
    assertEquals("Product share", Labels.of("product_share", Labels.Lang.EN));
    assertEquals("no_such_key", Labels.of("no_such_key", Labels.Lang.EN));
    assertNull(Labels.find("no_such_key", Labels.Lang.ZH));
    assertEquals("支持度 2%  置信度 60%  提升度 1.5",
        Labels.text("chart.rules.rule", Labels.Lang.ZH, "2%", "60%", "1.5"));
    assertEquals(" (12%)", Labels.text("chart.heatmap.column_share", Labels.Lang.EN, "12%"));
    assertEquals("Circle area: the item's support", Labels.text("chart.rules.legend_area", Labels.Lang.EN));
    assertThrows(IllegalStateException.class, () -> Labels.text("chart.no_such_caption", Labels.Lang.ZH));
  }

  /** What the every-example check reports: a column key with no header, in each language it lacks. */
  @Test
  void aColumnWithoutAHeaderIsNamed() {
    ResultTable labelled = new ResultTable("t").text("manufacturer").count("exclusive_varieties");
    assertEquals(List.of(), Labels.missing(labelled));
    ResultTable unlabelled = new ResultTable("t").text("manufacturer").count("no_header_yet");
    assertEquals(List.of("no_header_yet (ZH)", "no_header_yet (EN)"), Labels.missing(unlabelled));
  }
}
