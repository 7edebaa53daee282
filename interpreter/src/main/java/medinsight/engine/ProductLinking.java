package medinsight.engine;

import java.util.ArrayList;
import java.util.List;
import medinsight.catalog.CatalogLinker;
import medinsight.catalog.ProductCleaner;
import medinsight.catalog.SelfPayPolicy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a product load is linked with: the current catalog edition (collected once per edition,
 * a few thousand entries) and the self-payment policy. Its {@link #tag()} goes into the warehouse
 * fingerprint of a product list, so a list is linked afresh when either changes.
 */
final class ProductLinking {
  private final CatalogLinker linker;
  private final SelfPayPolicy policy;
  private final String tag;

  private ProductLinking(CatalogLinker linker, SelfPayPolicy policy, String tag) {
    this.linker = linker;
    this.policy = policy;
    this.tag = tag;
  }

  /** Linking against {@code catalog} (the current edition); a null catalog links nothing. */
  static ProductLinking of(Dataset<Row> catalog, int edition, LoadReport catalogReport, SelfPayPolicy policy) {
    SelfPayPolicy p = policy == null ? SelfPayPolicy.DEFAULT : policy;
    if (catalog == null) {
      return new ProductLinking(null, p, "|link:none|policy:" + p);
    }
    List<CatalogLinker.Entry> entries = new ArrayList<>();
    for (Row r : catalog.select("section", "medicine_type", "number", "variety_id", "level", "name", "names",
        "dosage_form", "dosage_forms", "remark", "cat1_code", "cat2_code", "cat3_code", "cat4_code", "category_code")
        .collectAsList()) {
      CatalogLinker.Entry e = new CatalogLinker.Entry();
      e.section = r.getString(0);
      e.medicineType = r.getString(1);
      e.number = r.isNullAt(2) ? -1 : r.getInt(2);
      e.varietyId = r.getString(3);
      e.level = r.getString(4);
      e.name = r.getString(5);
      e.names = r.getString(6);
      e.dosageForm = r.getString(7);
      e.dosageForms = r.getString(8);
      e.remark = r.getString(9);
      e.categories = new String[] {r.getString(10), r.getString(11), r.getString(12), r.getString(13), r.getString(14)};
      entries.add(e);
    }
    String source = catalogReport == null ? "" : catalogReport.source + "#" + catalogReport.loaded;
    return new ProductLinking(new CatalogLinker(edition, entries), p,
        "|link:" + edition + ":" + source + ":" + entries.size() + "|policy:" + p);
  }

  ProductCleaner cleaner() {
    return new ProductCleaner().withLinker(linker).withPolicy(policy);
  }

  /** The part of a product list's warehouse fingerprint that depends on the linking. */
  String tag() {
    return tag;
  }
}
