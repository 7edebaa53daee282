package medinsight.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The product-list schema in one declared table: each field with its Chinese label and the
 * headers it is read from, in order of preference. It covers medinsight's own schema and the
 * exports of NHSA's drug-code database (医保药品分类与代码), whose headers differ by source and
 * year; a new variant of a header is one more name on its field's line. A header that matches no
 * field is kept out of the table and listed in the quality report.
 */
public enum ProductColumns {
  PRODUCT_CODE("product_code", "产品编码", false, "产品编码", "医保药品编码", "药品代码", "国家医保药品编码", "医保药品代码",
      "药品编码", "医保编码", "国标代码", "code"),
  NAME("name", "药品名称", true, "药品名称", "通用名", "通用名称", "药品通用名", "注册名称", "产品名称", "名称", "generic_name",
      "drug_name"),
  BRAND("brand_name", "商品名称", false, "商品名称", "商品名", "产品名称", "brand"),
  DRUG_TYPE("drug_type", "药品类型", false, "药品类型", "药品类别", "类型", "type"),
  LEVEL("level", "医保类别", false, "医保类别", "甲乙类", "医保目录等级", "目录类别", "医保等级", "医保甲乙类", "类别",
      "insurance_level"),
  DOSAGE_FORM("dosage_form", "剂型", false, "剂型", "实际剂型", "注册剂型", "form"),
  SPECIFICATION("specification", "规格", false, "规格", "实际规格", "注册规格", "spec"),
  PACKAGING("packaging", "包装", false, "包装规格", "包装材质", "包装", "packaging"),
  MANUFACTURER("manufacturer", "生产企业", true, "生产企业", "药品生产企业", "药品企业", "生产厂家", "厂家", "企业名称",
      "生产企业名称"),
  APPROVAL_NUMBER("approval_number", "批准文号", false, "批准文号", "国药准字"),
  STANDARD_CODE("standard_code", "药品本位码", false, "药品本位码", "本位码"),
  SELF_PAY_RATIO("self_pay_ratio", "自付比例", false, "自付比例", "个人自付比例", "先行自付比例", "self_payment_ratio"),
  FIXED_PAYMENT("fixed_payment", "定额支付", false, "定额支付", "是否定额支付", "fixed"),
  FIXED_AMOUNT("fixed_amount", "定额标准", false, "定额标准", "定额支付标准", "定额"),
  RESTRICTION("restriction", "备注", false, "备注", "目录备注", "限定支付范围", "限制", "remark"),
  CATALOG_SECTION("catalog_section", "目录部分", false, "目录部分", "section"),
  CATALOG_NUMBER("catalog_number", "目录编号", false, "目录编号", "医保目录编号", "目录序号", "number"),
  CATALOG_NAME("catalog_name", "目录药品名称", false, "目录药品名称", "目录名称", "医保目录名称"),
  CATALOG_FORM("catalog_form", "目录剂型", false, "目录剂型", "医保目录剂型");

  public final String key;
  public final String label;
  public final boolean required;
  private final String[] aliases;

  ProductColumns(String key, String label, boolean required, String... aliases) {
    this.key = key;
    this.label = label;
    this.required = required;
    this.aliases = aliases;
  }

  /** The headers NHSA's drug-code exports give the product code: a code under one of them must have the code's shape. */
  static final Set<String> NHSA_CODE_HEADERS = Set.of("医保药品编码", "药品代码", "国家医保药品编码",
      "医保药品代码", "国标代码");

  static String norm(String header) {
    if (header == null) {
      return "";
    }
    return header.replace("\uFEFF", "").replaceAll("[\\s　]", "").toLowerCase(Locale.ROOT);
  }

  /** The header names this field is read from, in order of preference (the key first). */
  public List<String> headers() {
    List<String> out = new ArrayList<>();
    out.add(key);
    for (String a : aliases) {
      out.add(a);
    }
    return out;
  }

  /** How a file's header row maps onto the fields. */
  public static final class Mapping {
    public final Map<ProductColumns, Integer> columns;
    /** Headers that match no field, in file order: listed in the quality report, not loaded. */
    public final List<String> unknown;
    /** The product code sits under a header of NHSA's drug-code exports. */
    public final boolean nhsaCode;

    Mapping(Map<ProductColumns, Integer> columns, List<String> unknown, boolean nhsaCode) {
      this.columns = columns;
      this.unknown = unknown;
      this.nhsaCode = nhsaCode;
    }
  }

  /**
   * Maps each field to its column index in the header: fields in declared order, each taking the
   * first of its header names present in the file that no earlier field took. Throws with the
   * missing required columns named and the header names looked for.
   */
  public static Mapping mapping(String[] header, String source) {
    String[] normed = new String[header.length];
    for (int i = 0; i < header.length; i++) {
      normed[i] = norm(header[i]);
    }
    Map<ProductColumns, Integer> out = new LinkedHashMap<>();
    boolean[] taken = new boolean[header.length];
    for (ProductColumns c : values()) {
      search:
      for (String name : c.headers()) {
        String n = norm(name);
        for (int i = 0; i < normed.length; i++) {
          if (!taken[i] && normed[i].equals(n)) {
            out.put(c, i);
            taken[i] = true;
            break search;
          }
        }
      }
    }
    List<String> missing = new ArrayList<>();
    List<String> lookedFor = new ArrayList<>();
    for (ProductColumns c : values()) {
      if (c.required && !out.containsKey(c)) {
        missing.add(c.label + " (" + c.key + ")");
        lookedFor.add(String.join("/", c.headers()));
      }
    }
    if (!missing.isEmpty()) {
      // the header's own text is not repeated: the file may not be a product list at all
      List<String> known = new ArrayList<>();
      for (ProductColumns c : out.keySet()) {
        known.add(c.label);
      }
      throw new LoadException("产品清单 " + source + " 缺少必需列：" + String.join("、", missing) + "（查找的列名："
          + String.join("；", lookedFor) + "）。首行共 " + header.length + " 列，"
          + (known.isEmpty() ? "没有一列是可识别的列名" : "可识别的列：" + String.join("、", known))
          + "（可用的列名见 README“加载自己的数据”）。");
    }
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (!taken[i] && !normed[i].isEmpty()) {
        unknown.add(header[i].replace("\uFEFF", "").trim());
      }
    }
    Integer code = out.get(PRODUCT_CODE);
    boolean nhsa = false;
    if (code != null) {
      for (String h : NHSA_CODE_HEADERS) {
        nhsa |= normed[code].equals(norm(h));
      }
    }
    return new Mapping(out, unknown, nhsa);
  }

  /** The column index of each field (see {@link #mapping}). */
  public static Map<ProductColumns, Integer> map(String[] header, String source) {
    return mapping(header, source).columns;
  }
}
