package medinsight.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header mapping of NHSA exports, linking to a small hand-made catalog, validation and the policy table. */
class CatalogLinkerTest {
  private static CatalogLinker.Entry entry(String section, String type, int number, String level, String name, String form,
      String remark, String... categories) {
    CatalogLinker.Entry e = new CatalogLinker.Entry();
    e.section = section;
    e.medicineType = type;
    e.number = number;
    e.varietyId = section + ":" + number;
    e.level = level;
    e.name = name;
    e.names = name;
    e.dosageForm = form;
    e.dosageForms = form;
    e.remark = remark;
    e.categories = categories;
    return e;
  }

  /** Every form an entry covers, as the catalog readers give them (from a 中成药 name's list). */
  private static CatalogLinker.Entry withForms(CatalogLinker.Entry e, String forms) {
    e.dosageForms = forms;
    return e;
  }

  static final CatalogLinker LINKER = new CatalogLinker(2025, List.of(
      entry("西药", "西药", 1, "甲", "阿莫西林", "口服常释剂型", null, "XJ", "XJ01", "XJ01C", "XJ01CA"),
      entry("西药", "西药", 1, "乙", "阿莫西林", "注射剂", null, "XJ", "XJ01", "XJ01C", "XJ01CA"),
      entry("西药", "西药", 2, "乙", "布洛芬", "缓释控释剂型", "限二线用药。", "XM", "XM01", "XM01A", "XM01AE"),
      entry("协议西药", "西药", 2, "乙", "乌司奴单抗", "注射剂", "限成人。", "XL", "XL04", "XL04A", "XL04AC"),
      entry("协议西药", "西药", 3, "乙", "乌司奴单抗", "注射剂", "限克罗恩病。", "XL", "XL04", "XL04A", "XL04AC"),
      withForms(entry("中成药", "中成药", 5, "甲", "感冒清热颗粒(片、胶囊)", "颗粒剂", null, "ZA", "ZA01", "ZA01A"),
          "颗粒剂、片剂、胶囊剂"),
      entry("西药", "西药", 7, "甲", "二甲双胍", "口服常释剂型", null, "XA", "XA10", "XA10B", "XA10BA")));

  private static Product product(String code, String name, String form, Integer number) {
    Product p = new Product();
    p.productCode = code;
    p.name = name;
    p.dosageForm = form;
    p.catalogNumber = number;
    return p;
  }

  @Test
  void linksByNumberThenNameAndFormThenCategory() {
    Product a = product("XJ01CAA001E001010101121", "阿莫西林胶囊", "胶囊剂", 1);
    LINKER.link(a);
    assertEquals("linked", a.linkStatus);
    assertEquals("目录编号", a.linkMethod);
    assertEquals("西药:1", a.varietyId);
    assertEquals("甲", a.level, "the level of the oral entry, not the injection's");
    assertEquals("catalog", a.levelSource);

    Product b = product("XM01AEV010E326017552154", "布洛芬缓释片", "片剂（缓释）", null);
    LINKER.link(b);
    assertEquals("linked", b.linkStatus);
    assertEquals("通用名+剂型", b.linkMethod);
    assertEquals("西药:2", b.varietyId);

    Product c = product("ZA01A0B001E001010101", "感冒清热片", "片剂", null);
    LINKER.link(c);
    assertEquals("linked", c.linkStatus, "a 中成药 form listed in the entry's name");
    assertEquals("中成药:5", c.varietyId);

    Product d = product("XA10BAA351E002010101121", "盐酸二甲双胍片", "片剂", null);
    LINKER.link(d);
    assertEquals("linked", d.linkStatus, "the category code inside the product code, the salt set aside");
    assertEquals("分类代码", d.linkMethod);
    assertEquals("西药:7", d.varietyId);

    Product compound = product("XM01AEV010E326017552999", "复方布洛芬伪麻黄碱缓释片", "片剂", null);
    LINKER.link(compound);
    assertEquals("unlinked", compound.linkStatus, "a compound is not its first ingredient");

    Product e = product("XL04ACU286E701216087225", "乌司奴单抗注射液", "注射剂", null);
    LINKER.link(e);
    assertEquals("ambiguous", e.linkStatus, "two varieties of the same name");
    assertNull(e.varietyId);
    assertNull(e.level);

    Product f = product("XJ01CAA001E001010101121", "虚构试验宁片", "片剂", null);
    LINKER.link(f);
    assertEquals("unlinked", f.linkStatus);

    Product g = product("XJ01CAA001E001010101121", "阿莫西林分散片", "片剂", 1);
    g.level = "乙";
    g.levelSource = "list";
    LINKER.link(g);
    assertEquals("乙", g.level, "the list's level wins");
    assertEquals("list", g.levelSource);
  }

  @Test
  void headerVariantsMapAndUnknownHeadersAreListed() {
    ProductColumns.Mapping m = ProductColumns.mapping(new String[] {"序号", "药品代码", "注册名称", "商品名称", "药品企业",
        "实际剂型", "注册剂型", "实际规格", "甲乙类", "医保目录编号", "目录药品名称", "目录剂型", "目录备注", "拼音码"}, "x.csv");
    assertEquals(1, m.columns.get(ProductColumns.PRODUCT_CODE));
    assertEquals(2, m.columns.get(ProductColumns.NAME));
    assertEquals(3, m.columns.get(ProductColumns.BRAND));
    assertEquals(4, m.columns.get(ProductColumns.MANUFACTURER));
    assertEquals(5, m.columns.get(ProductColumns.DOSAGE_FORM), "实际剂型 before 注册剂型");
    assertEquals(8, m.columns.get(ProductColumns.LEVEL));
    assertEquals(9, m.columns.get(ProductColumns.CATALOG_NUMBER));
    assertEquals(10, m.columns.get(ProductColumns.CATALOG_NAME));
    assertEquals(12, m.columns.get(ProductColumns.RESTRICTION));
    assertEquals(List.of("序号", "注册剂型", "拼音码"), m.unknown);
    assertTrue(m.nhsaCode);
    LoadException none = assertThrows(LoadException.class,
        () -> ProductColumns.mapping(new String[] {"a", "b"}, "x.csv"));
    assertTrue(none.getMessage().contains("缺少必需列：药品名称 (name)、生产企业 (manufacturer)"), none.getMessage());
    assertTrue(none.getMessage().contains("药品生产企业"), "names what it looked for: " + none.getMessage());
    assertTrue(!none.getMessage().contains("\n"));
  }

  @Test
  void badRowsAreQuarantinedWithTheirReason() {
    String csv = "药品代码,注册名称,药品生产企业,注册剂型,甲乙类\n"
        + "XJ01CAA001E001010101121,阿莫西林胶囊,虚构岚康制药有限公司,胶囊剂,\n"
        + "XJ01CAA001E001010101122,阿莫西林胶囊,,胶囊剂,\n"
        + "XJ01CAA001E001010101123,阿莫西林胶囊,123456,胶囊剂,\n"
        + "XJ01CAA001E001010101124,阿莫西林胶囊,胶囊剂,甲,\n"
        + "XJ01CAA001E001010101125,阿莫西林胶囊,虚构岚康制药有,限公司,胶囊剂\n"
        + "XJ01CA,阿莫西林胶囊,虚构岚康制药有限公司,胶囊剂,\n"
        + "XJ01CAA001E001010101121,阿莫西林胶囊,虚构澄和制药厂,胶囊剂,\n"
        + "XJ01CAA001E001010101126,阿莫西林胶囊,虚构澄和制药厂,胶囊剂,乙,多余\n"
        + "XJ01CAA001E001010101127,\"阿莫\n西林胶囊\",国药准字H20003263,胶囊剂,\n";
    LoadResult<Product> r;
    try (TabularSource t = TabularSource.csv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "x.csv")) {
      r = new ProductCleaner().withLinker(LINKER).clean(t, "x.csv", () -> false);
    }
    assertEquals(9, r.read);
    assertEquals(r.read, r.records.size() + r.rejectedCount());
    // only the repeated code makes a row that is no new product
    assertEquals(1, r.rejectedCount());
    assertEquals(8, r.rejected.get(0).row);
    assertTrue(r.rejected.get(0).reason.contains("重复"), r.rejected.get(0).reason);
    // the others are products: each field that cannot be read is unknown, with its reason; in a row
    // whose cells moved, every field from the first moved cell on
    String[] expected = {"2 ", "3 manufacturer=为空", "4 manufacturer=是数字", "5 manufacturer=是剂型 dosage_form=移位",
      "6 manufacturer=截断 dosage_form=不是剂型 level=列错位", "7 product_code=医保药品编码的格式",
      "9 manufacturer=比表头多出 dosage_form=移位 level=移位", "10 manufacturer=是批准文号 dosage_form=移位"};
    assertEquals(expected.length, r.records.size());
    for (int i = 0; i < expected.length; i++) {
      Product p = r.records.get(i);
      StringBuilder got = new StringBuilder(p.sourceRow + " ");
      if (p.quarantined != null) {
        for (QuarantinedField q : p.quarantined) {
          got.append(q.field).append('=').append(q.reason).append(' ');
        }
      }
      String[] e = expected[i].split(" ");
      assertTrue(got.toString().startsWith(e[0] + " "), got + " ≠ " + expected[i]);
      assertEquals(e.length - 1, p.quarantined == null ? 0 : p.quarantined.size(), got.toString());
      for (int k = 1; k < e.length; k++) {
        String[] fr = e[k].split("=");
        assertTrue(p.quarantined.stream().anyMatch(q -> q.field.equals(fr[0]) && q.reason.contains(fr[1])), got + " ≠ " + expected[i]);
      }
      // every product still links by its name, and gets its level from the catalog when the list's is unknown
      assertEquals("linked", p.linkStatus, got.toString());
    }
    assertNull(r.records.get(1).manufacturer);
    assertNull(r.records.get(5).productCode);
    assertEquals("甲", r.records.get(4).level);
    assertEquals("catalog", r.records.get(4).levelSource);
    Product p = r.records.get(0);
    assertEquals("linked", p.linkStatus);
    assertEquals("甲", p.level);
    assertEquals(0.0, p.selfPayRatio);
    assertEquals("policy", p.ratioSource);
  }

  @Test
  void policyTable() {
    SelfPayPolicy p = SelfPayPolicy.parse("甲=0, 乙类=15%, 丙=1, 谈判=0.2");
    assertEquals(0.15, p.ratio("乙", false), 1e-9);
    assertEquals(0.2, p.ratio("乙", true), 1e-9);
    assertNull(p.ratio(null, false));
    assertEquals(0.1, SelfPayPolicy.parse("").ratio("乙", false), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> SelfPayPolicy.parse("丁=0.1"));
    assertThrows(IllegalArgumentException.class, () -> SelfPayPolicy.parse("乙=1.5"));
    assertEquals("甲=0,乙=0.15,丙=1,谈判=0.2", p.toString());
  }
}
