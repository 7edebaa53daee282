package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures computed from the bundled synthetic product list say 示例数据 on themselves — each table
 * a note, each drawing a badge, each product-based KPI card its own — and catalog figures do not;
 * once a real list is loaded, nothing says it.
 */
class SampleDataTest {
  static long badges(String svg) {
    return svg.split("class=\"sample\"", -1).length - 1;
  }

  @Test
  void productFiguresOfTheBundledListAreMarkedAndCatalogFiguresAreNot(@TempDir Path dir) throws Exception {
    try (InterpreterHarness h = new InterpreterHarness(new Properties())) {
      assertTrue(h.drugs("kpi").text().contains("示例数据：产品、企业与配方颗粒的数字来自内置的合成产品清单"));
      assertEquals(2, badges(h.drugs("chart kpi").html(0)), "the 产品数 and 生产企业数 cards");
      assertEquals(1, badges(h.drugs("chart heatmap").html(0)));
      assertTrue(h.drugs("manufacturers share --top 5").text().contains("示例数据："));
      assertTrue(h.drugs("restrictions summary --by manufacturer --top 5").text().contains("示例数据："));
      assertEquals(0, badges(h.drugs("chart treemap").html(0)), "varieties of the catalog");
      assertEquals(1, badges(h.drugs("chart treemap --by product").html(0)));
      for (String catalogOnly : new String[] {"levels --by variety", "restrictions summary", "negotiated", "diff 2024 2025"}) {
        assertFalse(h.drugs(catalogOnly).text().contains("示例数据"), catalogOnly);
      }
      // a list loaded from a file is the site's own: no mark
      Path list = dir.resolve("products.csv");
      try (java.io.InputStream in = getClass().getResourceAsStream("/medinsight/data/beijing/products-sf1.csv")) {
        Files.copy(in, list);
      }
      InterpreterHarness.Run load = h.drugs("load " + list + " --as products");
      assertTrue(load.ok(), load.text());
      assertFalse(h.drugs("kpi").text().contains("示例数据"));
      assertEquals(0, badges(h.drugs("chart kpi").html(0)));
      assertFalse(h.drugs("manufacturers share --top 5").text().contains("示例数据"));
    }
  }
}
