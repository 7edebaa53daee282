package medinsight.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProductCleanerTest {
  private static String ratio(String text) {
    Product p = new Product();
    String err = ProductCleaner.parseRatio(text, p, new Normalisations());
    return err != null ? err : String.valueOf(p.selfPayRatio);
  }

  /** A well-formed row with every column of the schema: every field is read, none set aside. */
  @Test
  void everyColumnIsRead() {
    java.util.Map<ProductColumns, String> v = new java.util.EnumMap<>(ProductColumns.class);
    v.put(ProductColumns.PRODUCT_CODE, "P1");
    v.put(ProductColumns.NAME, "阿莫西林胶囊");
    v.put(ProductColumns.BRAND, "阿莫仙");
    v.put(ProductColumns.DRUG_TYPE, "西药");
    v.put(ProductColumns.LEVEL, "甲");
    v.put(ProductColumns.DOSAGE_FORM, "胶囊剂");
    v.put(ProductColumns.SPECIFICATION, "0.25g×24粒");
    v.put(ProductColumns.PACKAGING, "铝塑板");
    v.put(ProductColumns.MANUFACTURER, "虚构岚康制药有限公司");
    v.put(ProductColumns.APPROVAL_NUMBER, "国药准字H20003263");
    v.put(ProductColumns.STANDARD_CODE, "86900000000001");
    v.put(ProductColumns.SELF_PAY_RATIO, "0");
    v.put(ProductColumns.FIXED_PAYMENT, "是");
    v.put(ProductColumns.FIXED_AMOUNT, "12.5");
    v.put(ProductColumns.RESTRICTION, "限儿童");
    v.put(ProductColumns.CATALOG_SECTION, "西药");
    v.put(ProductColumns.CATALOG_NUMBER, "8");
    v.put(ProductColumns.CATALOG_NAME, "阿莫西林");
    v.put(ProductColumns.CATALOG_FORM, "口服常释剂型");
    assertEquals(ProductColumns.values().length, v.size(), "a value for every column");
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", v.keySet().stream().map(c -> c.key).toArray(String[]::new))).append('\n');
    csv.append(String.join(",", v.values())).append('\n');
    LoadResult<Product> r;
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "x.csv")) {
      r = new ProductCleaner().clean(t, "x.csv", () -> false);
    }
    assertEquals(1, r.records.size());
    Product p = r.records.get(0);
    assertNull(p.quarantined);
    Object[] got = {p.productCode, p.name, p.brandName, p.drugType, p.level, p.dosageForm, p.specification, p.packaging,
      p.manufacturer, p.approvalNumber, p.standardCode, p.selfPayRatio, p.fixedPayment, p.fixedAmount, p.restriction,
      p.catalogSection, p.catalogNumber, p.catalogName, p.catalogForm};
    assertEquals(ProductColumns.values().length, got.length);
    for (int i = 0; i < got.length; i++) {
      assertTrue(got[i] != null, ProductColumns.values()[i].key + " was not read");
    }
    assertEquals("西药", p.drugType);
    assertEquals(Boolean.TRUE, p.fixedPayment);
  }

  @Test
  void ratios() {
    assertEquals("0.1", ratio("0.1"));
    assertEquals("0.15", ratio("15%"));
    assertEquals("0.15", ratio("15 ％"));
    assertEquals("1.0", ratio("1"));
    assertTrue(ratio("1.7").contains("超出 0–1"));
    assertTrue(ratio("abc").contains("不是数字"));
    assertTrue(ratio("-0.1").contains("超出"));
    assertTrue(ratio("120%").contains("超出 0%–100%"));
  }

  @Test
  void levelsAndFlags() {
    Normalisations n = new Normalisations();
    assertEquals("甲", ProductCleaner.normaliseLevel("甲类", n));
    assertEquals("乙", ProductCleaner.normaliseLevel("B", n));
    assertNull(ProductCleaner.normaliseLevel("丁", n));
    assertEquals(Boolean.TRUE, ProductCleaner.parseFlag("是"));
    assertEquals(Boolean.FALSE, ProductCleaner.parseFlag(null));
    assertNull(ProductCleaner.parseFlag("maybe"));
  }

  @Test
  void encodingIsDetected() {
    String text = "药品名称,医保类别,生产企业,自付比例\n阿莫西林,甲,“康宁”制药（集团）,0\n";
    for (Charset cs : new Charset[] {StandardCharsets.UTF_8, Charset.forName("GBK")}) {
      try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(text.getBytes(cs)), "x.csv")) {
        assertEquals("药品名称", t.header[0]);
        LoadResult<Product> r = new ProductCleaner().clean(t, "x.csv", () -> false);
        assertEquals(1, r.records.size());
        assertEquals("“康宁”制药（集团）", r.records.get(0).manufacturer);
      }
    }
    byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(bom), "bom.csv")) {
      assertEquals("药品名称", t.header[0]);
    }
  }

  @Test
  void englishHeadersMapToo() {
    String text = "name,level,manufacturer,self_pay_ratio,dosage_form\nibuprofen,乙,Acme,0.1,片剂\n";
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "en.csv")) {
      LoadResult<Product> r = new ProductCleaner().clean(t, "en.csv", () -> false);
      assertEquals("Acme", r.records.get(0).manufacturer);
      assertEquals("片剂", r.records.get(0).dosageForm);
    }
  }

  @Test
  void catalogCleaning() {
    assertEquals("限：1.预防重症患者应激性溃疡出血；2.消化性溃疡出血。",
        TextCleaner.clean("限：  1.预防重症患者应激性溃疡出\n血；  2.消化性溃疡出血。", null));
    assertEquals("O'Brien (北京) 药业", TextCleaner.field("  O'Brien (北京)  药业 ", null));
    assertEquals(java.util.List.of("复方聚乙二醇电解质Ⅰ", "复方聚乙二醇电解质Ⅱ"),
        TextCleaner.nameAlternatives("复方聚乙二醇电解质 Ⅰ\n复方聚乙二醇电解质Ⅱ", null));
    assertEquals("颗粒剂", DosageForms.fromName("达格列净颗粒", false));
    assertEquals("注射剂", DosageForms.fromName("注射用艾普拉唑钠", false));
    assertEquals("缓释控释剂型", DosageForms.fromName("西格列汀二甲双胍缓释片", false));
    PaymentStandard ps = PaymentStandard.parse("3.49元(a)；5.93元(b)");
    assertEquals(2, ps.amounts.size());
    assertTrue(PaymentStandard.parse("*").confidential);
    assertNull(ValidityRange.parse("2024年13月1日至2025年12月31日"));
  }
}
