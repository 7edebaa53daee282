package medinsight.nhsa;

import medinsight.generator.NhsaExport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CatalogLinker;
import medinsight.catalog.LoadResult;
import medinsight.catalog.Product;
import medinsight.catalog.ProductCleaner;
import medinsight.catalog.QuarantinedField;
import medinsight.catalog.RejectedRow;
import medinsight.catalog.TabularSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The NHSA export fixture cleaned and linked without Spark: every row accounted for, every
 * rejected row with the reason the fixture put into it, and the link rate of the well-formed
 * rows, in each layout.
 */
class NhsaExportCleanTest {
  static List<CatalogEntry> catalog;
  static CatalogLinker linker;
  @TempDir
  static Path dir;

  @BeforeAll
  static void read() throws Exception {
    catalog = NhsaExport.catalog2025();
    List<CatalogLinker.Entry> entries = new ArrayList<>();
    for (CatalogEntry e : catalog) {
      entries.add(CatalogLinker.Entry.of(e));
    }
    linker = new CatalogLinker(2025, entries);
  }

  @ParameterizedTest
  @EnumSource(NhsaExport.Layout.class)
  void everyRowAccountedForAndLinked(NhsaExport.Layout layout) throws Exception {
    Path file = dir.resolve("export-" + layout + (layout == NhsaExport.Layout.XLSX ? ".xlsx" : ".csv"));
    NhsaExport.Written w = new NhsaExport(13, catalog).write(file, layout, 1500);
    LoadResult<Product> r;
    try (InputStream in = Files.newInputStream(file);
        TabularSource t = layout == NhsaExport.Layout.XLSX ? TabularSource.xlsx(in, file.toString())
            : TabularSource.csv(in, file.toString())) {
      r = new ProductCleaner().withLinker(linker).clean(t, file.toString(), () -> false);
    }
    assertEquals(w.rows, r.read);
    assertEquals(r.read, r.records.size() + r.rejectedCount(), "read = loaded + rejected");
    Map<Integer, String> reasons = new HashMap<>();
    for (RejectedRow x : r.rejected) {
      reasons.put(x.row, x.reason);
    }
    assertEquals(w.rejected.keySet(), reasons.keySet(), layout + ": the rows rejected");
    for (NhsaExport.Expected e : w.rejected.values()) {
      assertTrue(reasons.get(e.row).contains(e.reason), layout + " row " + e.row + ": " + reasons.get(e.row));
    }
    // every field the export spoiled is unknown, with its reason, and no other field is
    int unknownFields = 0;
    for (Product p : r.records) {
      Map<String, String> expected = w.quarantined.getOrDefault(p.sourceRow, Map.of());
      Map<String, String> got = new java.util.LinkedHashMap<>();
      if (p.quarantined != null) {
        for (QuarantinedField q : p.quarantined) {
          got.put(q.field, q.reason);
        }
      }
      assertEquals(expected.keySet(), got.keySet(), layout + " row " + p.sourceRow + ": the fields set to unknown " + got);
      for (Map.Entry<String, String> e : expected.entrySet()) {
        assertTrue(e.getValue() == null || got.get(e.getKey()).contains(e.getValue()),
            layout + " row " + p.sourceRow + " " + e.getKey() + ": " + got.get(e.getKey()));
      }
      unknownFields += got.size();
    }
    assertEquals(unknownFields, r.quarantined.values().stream().mapToLong(Long::longValue).sum(), "counted by reason");
    assertEquals(w.quarantined.size(), r.quarantinedRecords);
    assertTrue(w.quarantined.size() > 0.05 * w.rows, layout + ": the export is messy enough to matter: " + w.quarantined.size());
    // the level comes from the catalog where the list's own could not be read (unless the linked
    // variety's entries differ in level and the product's form is unknown too)
    long levelUnknown = 0;
    long fromCatalog = 0;
    for (Product p : r.records) {
      if (w.quarantined.getOrDefault(p.sourceRow, Map.of()).containsKey("level") && CatalogLinker.LINKED.equals(p.linkStatus)) {
        levelUnknown++;
        fromCatalog += "catalog".equals(p.levelSource) && p.level != null ? 1 : 0;
      }
    }
    assertTrue(fromCatalog >= 0.9 * levelUnknown, layout + ": levels from the catalog " + fromCatalog + " of " + levelUnknown);
    long linked = r.records.stream().filter(p -> CatalogLinker.LINKED.equals(p.linkStatus)).count();
    long unlinkedCatalogDrugs = r.records.stream()
        .filter(p -> !CatalogLinker.LINKED.equals(p.linkStatus) && !p.name.startsWith("虚构试验")).count();
    r.records.stream().filter(p -> !CatalogLinker.LINKED.equals(p.linkStatus) && !p.name.startsWith("虚构试验")).limit(40)
        .forEach(p -> System.out.println(layout + " " + p.linkStatus + " " + p.productCode + " " + p.name + " / " + p.dosageForm
            + " / " + p.catalogNumber + " / " + p.catalogName));
    System.out.printf("%s: read %d, loaded %d, rejected %d, with unknown fields %d (%d fields), linked %d (%.1f %%), "
        + "catalog drugs not linked %d, not in the catalog %d%n", layout, r.read, r.records.size(), r.rejectedCount(),
        r.quarantinedRecords, unknownFields, linked, 100.0 * linked / r.records.size(), unlinkedCatalogDrugs, w.notInCatalog);
    assertTrue(linked >= 0.95 * r.records.size(), layout + ": linked " + linked + " of " + r.records.size());
    // the drugs the catalog does not list stay unlinked
    assertEquals(w.notInCatalog, r.records.stream().filter(p -> p.name.startsWith("虚构试验")
        && CatalogLinker.UNLINKED.equals(p.linkStatus)).count());
  }

  /**
   * The issue's own rows: 药品通用名 with the form inside, no manufacturer, a 医保类别 holding a
   * number: each is a product that links to its catalog entry by the name with the form split off,
   * and takes the entry's level.
   */
  @org.junit.jupiter.api.Test
  void aGenericNameWithItsFormLinksAndTheLevelComesFromTheCatalog() throws Exception {
    String csv = "药品代码,药品通用名,生产企业,剂型,医保类别\n"
        + "XA11CCA351E001010101121,艾地骨化醇软胶囊,,软胶囊剂,12\n"
        + "XA11CCA351E001010101122,艾地骨化醇软胶囊,虚构岚康制药有限公司,,乙\n";
    LoadResult<Product> r;
    try (TabularSource t = TabularSource.csv(new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        "x.csv")) {
      r = new ProductCleaner().withLinker(linker).clean(t, "x.csv", () -> false);
    }
    assertEquals(2, r.records.size());
    for (Product p : r.records) {
      assertEquals(CatalogLinker.LINKED, p.linkStatus, p.name + " " + p.linkMethod);
      assertEquals("乙", p.level);
    }
    Product first = r.records.get(0);
    assertEquals("catalog", first.levelSource);
    assertEquals(List.of("level", "manufacturer"), first.quarantined.stream().map(q -> q.field).collect(java.util.stream.Collectors.toList()));
    assertEquals("list", r.records.get(1).levelSource);
  }
}
