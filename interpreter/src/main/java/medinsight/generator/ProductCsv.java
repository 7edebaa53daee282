package medinsight.generator;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import medinsight.catalog.Product;
import medinsight.catalog.ProductColumns;

/** Writes products as a UTF-8 CSV with the Chinese headers the loader reads. */
public final class ProductCsv {
  private ProductCsv() {}

  /** The columns written, in order: medinsight's own schema. */
  private static final ProductColumns[] COLUMNS = {ProductColumns.PRODUCT_CODE, ProductColumns.NAME,
    ProductColumns.DRUG_TYPE, ProductColumns.LEVEL, ProductColumns.DOSAGE_FORM, ProductColumns.SPECIFICATION,
    ProductColumns.MANUFACTURER, ProductColumns.SELF_PAY_RATIO, ProductColumns.FIXED_PAYMENT,
    ProductColumns.FIXED_AMOUNT, ProductColumns.RESTRICTION, ProductColumns.CATALOG_SECTION,
    ProductColumns.CATALOG_NUMBER};

  public static void write(List<Product> products, Writer out) {
    CsvWriterSettings s = new CsvWriterSettings();
    s.getFormat().setLineSeparator("\n");
    s.setQuoteEscapingEnabled(true);
    CsvWriter w = new CsvWriter(out, s);
    ProductColumns[] cols = COLUMNS;
    String[] header = new String[cols.length];
    for (int i = 0; i < cols.length; i++) {
      header[i] = cols[i].label;
    }
    w.writeHeaders(header);
    for (Product p : products) {
      w.writeRow(
          p.productCode, p.name, p.drugType, p.level, p.dosageForm, p.specification, p.manufacturer,
          ratio(p.selfPayRatio), Boolean.TRUE.equals(p.fixedPayment) ? "是" : "否",
          p.fixedAmount == null ? null : String.format(Locale.ROOT, "%.2f", p.fixedAmount),
          p.restriction, p.catalogSection, p.catalogNumber == null ? null : String.valueOf(p.catalogNumber));
    }
    w.flush();
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.2f", r);
  }
}
