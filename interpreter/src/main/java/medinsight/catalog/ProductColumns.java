package medinsight.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The product-list schema: each field with its Chinese label and the headers it is read from. */
public enum ProductColumns {
  PRODUCT_CODE("product_code", "产品编码", false, "产品编码", "药品编码", "医保药品编码", "国家医保药品编码", "医保编码", "code"),
  NAME("name", "药品名称", true, "药品名称", "通用名", "通用名称", "药品通用名", "名称", "generic_name", "drug_name"),
  DRUG_TYPE("drug_type", "药品类型", false, "药品类型", "药品类别", "类型", "type"),
  LEVEL("level", "医保类别", true, "医保类别", "医保等级", "甲乙类", "医保甲乙类", "类别", "insurance_level"),
  DOSAGE_FORM("dosage_form", "剂型", false, "剂型", "form"),
  SPECIFICATION("specification", "规格", false, "规格", "spec"),
  MANUFACTURER("manufacturer", "生产企业", true, "生产企业", "生产厂家", "厂家", "企业名称", "生产企业名称"),
  SELF_PAY_RATIO("self_pay_ratio", "自付比例", true, "自付比例", "个人自付比例", "先行自付比例", "self_payment_ratio"),
  FIXED_PAYMENT("fixed_payment", "定额支付", false, "定额支付", "是否定额支付", "fixed"),
  FIXED_AMOUNT("fixed_amount", "定额标准", false, "定额标准", "定额支付标准", "定额"),
  RESTRICTION("restriction", "备注", false, "备注", "限定支付范围", "限制", "remark"),
  CATALOG_SECTION("catalog_section", "目录部分", false, "目录部分", "section"),
  CATALOG_NUMBER("catalog_number", "目录编号", false, "目录编号", "目录序号", "number");

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

  static String norm(String header) {
    if (header == null) {
      return "";
    }
    return header.replace("\uFEFF", "").replaceAll("[\\s　]", "").toLowerCase(Locale.ROOT);
  }

  boolean matches(String header) {
    String h = norm(header);
    if (h.equals(key)) {
      return true;
    }
    for (String a : aliases) {
      if (h.equals(norm(a))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Maps each field to its column index in the header. Throws with the missing required columns
   * named, and the headers that were found.
   */
  public static Map<ProductColumns, Integer> map(String[] header, String source) {
    Map<ProductColumns, Integer> out = new LinkedHashMap<>();
    for (ProductColumns c : values()) {
      for (int i = 0; i < header.length; i++) {
        if (c.matches(header[i])) {
          out.put(c, i);
          break;
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (ProductColumns c : values()) {
      if (c.required && !out.containsKey(c)) {
        missing.add(c.label + " (" + c.key + ")");
      }
    }
    if (!missing.isEmpty()) {
      // the header's own text is not repeated: the file may not be a product list at all
      List<String> known = new ArrayList<>();
      for (ProductColumns c : out.keySet()) {
        known.add(c.label);
      }
      throw new LoadException("产品清单 " + source + " 缺少必需列：" + String.join("、", missing)
          + "。首行共 " + header.length + " 列，" + (known.isEmpty() ? "没有一列是可识别的列名" : "可识别的列：" + String.join("、", known))
          + "（可用的列名见 README“加载自己的数据”）。");
    }
    return out;
  }
}
