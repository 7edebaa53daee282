package medinsight.nhsa;

import medinsight.generator.NhsaExport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import medinsight.catalog.CatalogEntry;
import medinsight.zeppelin.InterpreterHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export of NHSA's drug-code database, written from the bundled 2025 catalog in three layouts
 * (xlsx, UTF-8 CSV with a BOM, GBK CSV) with the mess such exports carry, loads as the product
 * list: read = loaded + rejected, every rejected row with its reason, at least 95 % of the
 * well-formed rows linked to the catalog, and every product analysis and chart runs on it.
 */
public class NhsaExportLoadTest {
  static InterpreterHarness h;
  static List<CatalogEntry> catalog;
  @TempDir
  static Path dir;

  /** Every command that reads the products table, charts included. */
  public static final List<String> PRODUCT_COMMANDS = List.of("kpi", "forms", "ratios", "fixed", "generics", "generics --by form",
      "burden", "matrix", "categories --depth 2", "manufacturers share", "manufacturers portfolio",
      "manufacturers specialization", "manufacturers diversity", "manufacturers concentration",
      "manufacturers positioning", "manufacturers restrictions", "manufacturers matrix", "restrictions summary --by manufacturer",
      "tcm share", "tcm categories", "tcm granules", "mining rules", "mining rules --by form,level,category,restriction,manufacturer",
      "mining clusters --k 4", "mining clusters --k auto --max-k 4", "lookup 阿莫西林", "lookup --manufacturer 虚构",
      "chart kpi", "chart heatmap", "chart treemap --by product", "chart treemap --type 西药 --depth 2 --by product",
      "chart rules", "chart clusters --k 4", "quality", "dataset", "tables");

  @BeforeAll
  static void open() throws Exception {
    catalog = NhsaExport.catalog2025();
    h = new InterpreterHarness(new Properties());
  }

  @AfterAll
  static void close() throws Exception {
    if (h != null) {
      h.drugs("load bundled --as products");
      h.close();
    }
  }

  static long count(String sql) throws Exception {
    InterpreterHarness.Run r = h.sql(sql);
    assertTrue(r.ok(), sql + " → " + r.text());
    return Long.parseLong(r.table(0).get(1)[0]);
  }

  void loadsLinksAndAnalyses(NhsaExport.Layout layout, String file) throws Exception {
    NhsaExport.Written w = new NhsaExport(13, catalog).write(dir.resolve(file), layout, 1500);
    InterpreterHarness.Run load = h.drugs("load " + w.path + " --as products");
    assertTrue(load.ok(), layout + ": " + load.text());

    long loaded = count("select count(*) from products");
    long rejected = count("select count(*) from rejected_rows where kind = 'products'");
    assertEquals(w.rows, loaded + rejected, layout + ": read = loaded + rejected");
    assertEquals(w.rejected.size(), rejected, layout + ": rejected rows");
    Map<Integer, String> reasons = new HashMap<>();
    for (String[] r : h.sql("select row_number, reason from rejected_rows where kind = 'products'").table(0).subList(1, (int) rejected + 1)) {
      reasons.put(Integer.parseInt(r[0].replace(",", "")), r[1]);
    }
    for (NhsaExport.Expected e : w.rejected.values()) {
      String got = reasons.get(e.row);
      assertTrue(got != null && got.contains(e.reason), layout + " row " + e.row + ": expected “" + e.reason + "”, got " + got);
    }

    // the fields the export spoiled are unknown, one row each in quarantined_fields, none other
    long expectedUnknown = w.quarantined.values().stream().mapToLong(Map::size).sum();
    assertEquals(expectedUnknown, count("select count(*) from quarantined_fields"), layout + ": fields set to unknown");
    assertEquals(w.quarantined.size(), count("select count(distinct row_number) from quarantined_fields"));
    assertTrue(load.text().contains(w.quarantined.size() + " 行中有 " + expectedUnknown + " 个字段无法读取"), load.text());
    if (layout != NhsaExport.Layout.CSV_GBK) {
      // a level that could not be read comes from the linked catalog entry
      assertTrue(count("select count(*) from products p join (select distinct row_number from quarantined_fields "
          + "where field = 'level') q on p.source_row = q.row_number where p.level_source = 'catalog'") > 0, layout.toString());
    }

    long linked = count("select count(*) from products where link_status = 'linked'");
    long inCatalog = loaded - w.notInCatalog;
    double rate = (double) linked / loaded;
    System.out.printf("%s: read %d, loaded %d, rejected %d, linked %d (%.1f %% of loaded, %.1f %% of catalog drugs), unlinked %d, ambiguous %d, policy ratios %d%n",
        layout, w.rows, loaded, rejected, linked, 100 * rate, 100.0 * linked / inCatalog,
        count("select count(*) from products where link_status = 'unlinked'"),
        count("select count(*) from products where link_status = 'ambiguous'"),
        count("select count(*) from products where ratio_source = 'policy'"));
    assertTrue(rate >= 0.95, layout + ": linked " + linked + " of " + loaded);
    // the list has no ratio: every product with a level has the policy's, and says so
    assertEquals(0, count("select count(*) from products where ratio_source = 'list'"));
    assertEquals(count("select count(*) from products where level is not null"),
        count("select count(*) from products where ratio_source = 'policy'"));
    assertEquals(0, count("select count(*) from products where level = '甲' and self_pay_ratio <> 0"));

    InterpreterHarness.Run quality = h.drugs("quality");
    assertTrue(quality.ok(), quality.text());
    String q = quality.text();
    for (String s : new String[] {"已链接：", "未链接", "多义", "政策表", "未识别的列", "拼音码", "置为未知的字段"}) {
      assertTrue(q.contains(s), layout + ": quality shows " + s);
    }
    for (String c : new String[] {"ratios", "burden", "manufacturers positioning"}) {
      InterpreterHarness.Run r = h.drugs(c);
      assertTrue(r.ok() && r.text().contains("drugs.policy.selfpay"), layout + ": " + c + " says the ratios come from the policy: " + r.text());
    }
    for (String c : PRODUCT_COMMANDS) {
      InterpreterHarness.Run r = h.drugs(c);
      assertTrue(r.ok(), layout + ": " + c + " → " + r.text());
    }
  }

  @Test
  void xlsxExport() throws Exception {
    loadsLinksAndAnalyses(NhsaExport.Layout.XLSX, "医保药品分类与代码.xlsx");
  }

  @Test
  void utf8CsvWithBom() throws Exception {
    loadsLinksAndAnalyses(NhsaExport.Layout.CSV_BOM, "nhsa-export-utf8.csv");
  }

  @Test
  void codeLookupCsvWithShiftedLevelsAndAThirdWithoutManufacturer() throws Exception {
    loadsLinksAndAnalyses(NhsaExport.Layout.CSV_CODES, "nhsa-codes.csv");
    // the products whose manufacturer is unknown are left out of the firms' figures, and said so
    InterpreterHarness.Run share = h.drugs("manufacturers share");
    assertTrue(share.text().contains("个产品的生产企业未知"), share.text());
  }

  @Test
  void gbkCsvWithoutLevels() throws Exception {
    loadsLinksAndAnalyses(NhsaExport.Layout.CSV_GBK, "nhsa-export-gbk.csv");
  }
}
