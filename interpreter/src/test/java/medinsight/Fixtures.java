package medinsight;

import java.util.ArrayList;
import java.util.List;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.Product;
import medinsight.catalog.YinpianEntry;
import medinsight.engine.DrugTables;
import medinsight.engine.Schemas;
import org.apache.spark.sql.SparkSession;

/** Small hand-made tables whose analysis results are worked out by hand in the tests. */
public final class Fixtures {
  public static final String A = "O'Brien (北京) 药业";
  public static final String B = "“康宁”制药（集团）有限公司";
  public static final String C = "安泰·华康药业, Inc.";
  public static final String D = "D药业";

  private Fixtures() {}

  private static int nextId;

  static CatalogEntry entry(String section, String part, String type, int number, Integer repeatOf, String level,
      String name, String form, String remark, String cat1, String cat2, boolean ethnic) {
    CatalogEntry e = new CatalogEntry();
    e.entryId = ++nextId;
    e.edition = 2024;
    e.section = section;
    e.part = part;
    e.medicineType = type;
    e.number = number;
    e.repeatOf = repeatOf;
    e.varietyId = section + ":" + number;
    e.level = level;
    e.name = name;
    e.names = name;
    e.dosageForm = form;
    e.dosageForms = form;
    e.formSource = "剂型列";
    e.remark = remark;
    e.catCodes[0] = cat1;
    e.catNames[0] = cat1 + "类";
    e.catCodes[1] = cat2;
    e.catNames[1] = cat2 == null ? null : cat2 + "类";
    e.categoryCode = cat2 == null ? cat1 : cat2;
    e.categoryName = e.categoryCode + "类";
    e.categoryPath = cat1 + (cat2 == null ? "" : " > " + cat2);
    e.ethnic = ethnic;
    e.sourceSheet = section;
    e.sourceRow = nextId;
    return e;
  }

  /**
   * 西药: variety 1 (甲 + a ★ 乙 row), 2 乙, 3 乙; 中成药: 1 甲, 2 乙 (民族药); negotiated: 协议西药 1,
   * 竞价药品 1, 协议中成药 1.
   */
  public static List<CatalogEntry> catalog() {
    nextId = 0;
    List<CatalogEntry> c = new ArrayList<>();
    c.add(entry("西药", "常规目录", "西药", 1, null, "甲", "阿莫西林", "口服常释剂型", null, "XA", "XA01", false));
    c.add(entry("西药", "常规目录", "西药", 1, 1, "乙", "阿莫西林", "注射剂", "限二线用药。", "XA", "XA01", false));
    c.add(entry("西药", "常规目录", "西药", 2, null, "乙", "头孢克洛", "口服常释剂型", "限儿童。", "XA", "XA02", false));
    c.add(entry("西药", "常规目录", "西药", 3, null, "乙", "奥美拉唑", "注射剂", null, "XB", "XB01", false));
    c.add(entry("中成药", "常规目录", "中成药", 1, null, "甲", "感冒清热颗粒", "颗粒剂", null, "ZA", "ZA01", false));
    c.add(entry("中成药", "常规目录", "中成药", 2, null, "乙", "仁青常觉", "丸剂", null, "ZI", "ZI01", true));
    CatalogEntry n1 = entry("协议西药", "谈判药品", "西药", 1, null, "乙", "注射用艾普拉唑钠", "注射剂", "限消化性溃疡出血。", "XA", "XA02", false);
    n1.paymentAmount = 63.0;
    n1.paymentUnit = "10mg/支";
    n1.validFrom = java.time.LocalDate.of(2024, 1, 1);
    n1.validTo = java.time.LocalDate.of(2025, 12, 31);
    c.add(n1);
    CatalogEntry n2 = entry("竞价药品", "竞价药品", "西药", 1, null, "乙", "西格列汀二甲双胍缓释片", "缓释控释剂型", null, "XA", "XA02", false);
    n2.paymentConfidential = true;
    n2.validFrom = java.time.LocalDate.of(2025, 1, 1);
    n2.validTo = java.time.LocalDate.of(2026, 12, 31);
    c.add(n2);
    CatalogEntry n3 = entry("协议中成药", "谈判药品", "中成药", 1, null, "乙", "牛黄清感胶囊", "胶囊剂", null, "ZA", "ZA01", false);
    n3.paymentAmount = 0.63;
    n3.validFrom = java.time.LocalDate.of(2025, 1, 1);
    n3.validTo = java.time.LocalDate.of(2026, 12, 31);
    c.add(n3);
    return c;
  }

  static Product product(String code, String name, String type, String level, String form, String maker, double ratio,
      Double fixed, String restriction, String section, Integer number) {
    Product p = new Product();
    p.productCode = code;
    p.name = name;
    p.drugType = type;
    p.level = level;
    p.dosageForm = form;
    p.specification = "spec-" + code;
    p.manufacturer = maker;
    p.selfPayRatio = ratio;
    p.fixedPayment = fixed != null;
    p.fixedAmount = fixed;
    p.restriction = restriction;
    p.catalogSection = section;
    p.catalogNumber = number;
    return p;
  }

  /** Ten products of four manufacturers: A 4 (forms 2/1/1), B 3 (one form), C 2, D 1. */
  public static List<Product> products() {
    List<Product> p = new ArrayList<>();
    p.add(product("P1", "阿莫西林", "西药", "甲", "片剂", A, 0.0, null, null, "西药", 1));
    p.add(product("P2", "阿莫西林", "西药", "甲", "注射剂", A, 0.0, null, null, "西药", 1));
    p.add(product("P3", "阿莫西林", "西药", "乙", "胶囊剂", A, 0.1, 20.0, "限二线用药。", "西药", 1));
    p.add(product("P4", "头孢克洛", "西药", "乙", "片剂", A, 0.2, null, "限儿童。", "西药", 2));
    p.add(product("P5", "头孢克洛", "西药", "乙", "片剂", B, 0.3, 40.0, "限儿童。", "西药", 2));
    p.add(product("P6", "头孢克洛", "西药", "乙", "片剂", B, 0.3, null, null, "西药", 2));
    p.add(product("P7", "感冒清热颗粒", "中成药", "甲", "片剂", B, 0.0, null, null, "中成药", 1));
    p.add(product("P8", "感冒清热颗粒", "中成药", "甲", "颗粒剂", C, 0.0, null, null, "中成药", 1));
    p.add(product("P9", "川芎配方颗粒", "中药配方颗粒", "乙", "颗粒剂", C, 0.1, null, null, null, null));
    p.add(product("P10", "奥美拉唑", "西药", "丙", "片剂", D, 1.0, null, null, null, null));
    return p;
  }

  /**
   * Twenty products in four groups of five at the corners of a square in the clustering features:
   * restricted or not × fixed payment or not, all else alike. For k = 2 a split by restriction and
   * a split by fixed payment are equally good, so which one KMeans finds is its seed's choice.
   */
  public static List<Product> square() {
    List<Product> p = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      boolean restricted = i % 4 == 1 || i % 4 == 3;
      boolean fixed = i % 4 >= 2;
      p.add(product("S" + (i + 1), "头孢克洛", "西药", "乙", "片剂", A, 0.1, fixed ? 10.0 : null,
          restricted ? "限儿童。" : null, "西药", 2));
    }
    return p;
  }

  /** The fixture's catalog with these remarks on its first entries and none on the others. */
  public static List<CatalogEntry> catalogWithRemarks(String... remarks) {
    List<CatalogEntry> c = catalog();
    for (int i = 0; i < c.size(); i++) {
      c.get(i).remark = i < remarks.length ? remarks[i] : null;
    }
    return c;
  }

  public static DrugTables tables() {
    return tables(catalog(), products());
  }

  public static DrugTables tables(List<CatalogEntry> catalog, List<Product> products) {
    SparkSession spark = SparkTestSupport.spark();
    List<YinpianEntry> y = new ArrayList<>();
    YinpianEntry e = new YinpianEntry();
    e.number = 1;
    e.name = "川芎";
    y.add(e);
    return DrugTables.of(
        spark.createDataFrame(Schemas.rows(catalog, Schemas::row), Schemas.CATALOG),
        spark.createDataFrame(Schemas.rows(products, Schemas::row), Schemas.PRODUCTS),
        spark.createDataFrame(Schemas.rows(y, Schemas::row), Schemas.YINPIAN));
  }
}
