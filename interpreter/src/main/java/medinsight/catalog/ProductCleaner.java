package medinsight.catalog;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Validates and normalises product rows. Every row read ends either as a {@link Product} or as a
 * {@link RejectedRow} with its source row number and the reason, so read = loaded + rejected.
 */
public final class ProductCleaner {

  public LoadResult<Product> clean(TabularSource table, String source, BooleanSupplier cancelled) {
    return clean(table, source, cancelled, null, Integer.MAX_VALUE);
  }

  /**
   * As {@link #clean(TabularSource, String, BooleanSupplier)}, but once more than {@code batch}
   * records are loaded they go to {@code sink} in batches of that size (the rest too, at the end),
   * so memory holds one batch at a time. Product codes are remembered to find duplicates, and the
   * natural key of each product as a 64-bit hash (the duplicate count is a statistic; a collision
   * among a few million keys is far less likely than one in a billion).
   */
  public LoadResult<Product> clean(TabularSource table, String source, BooleanSupplier cancelled,
      LoadResult.Sink<Product> sink, int batch) {
    return clean(table, source, cancelled, sink, batch, null, 0);
  }

  /** As above, and rejected rows go to {@code rejectSink} in batches of {@code rejectBatch}. */
  public LoadResult<Product> clean(TabularSource table, String source, BooleanSupplier cancelled,
      LoadResult.Sink<Product> sink, int batch, LoadResult.Sink<RejectedRow> rejectSink, int rejectBatch) {
    Map<ProductColumns, Integer> cols = ProductColumns.map(table.header, source);
    LoadResult<Product> result = new LoadResult<>(source, "products");
    if (rejectSink != null) {
      result.spillRejectedTo(rejectSink, rejectBatch);
    }
    if (!"UTF-8".equalsIgnoreCase(table.encoding) && !"xlsx".equals(table.encoding)
        && !"parquet".equals(table.encoding)) {
      result.normalisations.add("文件编码识别为 " + ("GB18030".equals(table.encoding) ? "GBK/GB18030" : table.encoding));
    }
    Map<String, Integer> codes = new HashMap<>();
    Set<Long> naturalKeys = new HashSet<>();
    Iterator<TabularSource.Record> it = table.records();
    while (it.hasNext()) {
      if ((result.read & 1023) == 0 && cancelled.getAsBoolean()) {
        throw new LoadException("加载已取消：" + source);
      }
      TabularSource.Record rec = it.next();
      result.read++;
      String error;
      Product p = new Product();
      try {
        error = fill(p, rec, cols, result.normalisations);
      } catch (RuntimeException e) {
        error = "无法解析：" + CatalogWorkbookReader.oneLine(e);
      }
      if (error == null && p.productCode != null) {
        Integer first = codes.putIfAbsent(p.productCode, rec.row);
        if (first != null) {
          error = "产品编码 " + p.productCode + " 重复（首次出现在第 " + first + " 行）";
        }
      }
      if (error != null) {
        result.reject(null, rec.row, error, raw(rec.values));
        continue;
      }
      String key = p.name + '\u0001' + p.dosageForm + '\u0001' + p.specification + '\u0001' + p.manufacturer;
      if (!naturalKeys.add(KEY_HASH.hashString(key, StandardCharsets.UTF_8).asLong())) {
        result.duplicates++;
      }
      result.countMissing("product_code", p.productCode);
      result.countMissing("drug_type", p.drugType);
      result.countMissing("dosage_form", p.dosageForm);
      result.countMissing("specification", p.specification);
      result.countMissing("restriction", p.restriction);
      result.countMissing("catalog_number", p.catalogNumber);
      result.records.add(p);
      if (sink != null && result.records.size() >= batch) {
        spill(result, sink);
      }
    }
    if (sink != null && result.spilled > 0 && !result.records.isEmpty()) {
      spill(result, sink);
    }
    return result;
  }

  private static final com.google.common.hash.HashFunction KEY_HASH = com.google.common.hash.Hashing.murmur3_128(20240101);

  private static void spill(LoadResult<Product> result, LoadResult.Sink<Product> sink) {
    sink.accept(new java.util.ArrayList<>(result.records));
    result.spilled += result.records.size();
    result.records.clear();
  }

  private static String raw(String[] values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(" | ");
      }
      b.append(values[i] == null ? "" : values[i].replace('\n', ' '));
    }
    return b.toString();
  }

  private static String get(TabularSource.Record rec, Map<ProductColumns, Integer> cols, ProductColumns c,
      Normalisations n) {
    Integer i = cols.get(c);
    if (i == null || i >= rec.values.length || rec.values[i] == null) {
      return null;
    }
    return TextCleaner.field(rec.values[i], n);
  }

  /** Fills the product from the record; returns the reason when the row cannot be loaded. */
  static String fill(Product p, TabularSource.Record rec, Map<ProductColumns, Integer> cols, Normalisations n) {
    p.sourceRow = rec.row;
    if (rec.error != null) {
      return rec.error;
    }
    p.productCode = get(rec, cols, ProductColumns.PRODUCT_CODE, n);
    p.name = get(rec, cols, ProductColumns.NAME, n);
    if (p.name == null) {
      return "药品名称为空";
    }
    p.manufacturer = get(rec, cols, ProductColumns.MANUFACTURER, n);
    if (p.manufacturer == null) {
      return "生产企业为空";
    }
    String level = get(rec, cols, ProductColumns.LEVEL, n);
    p.level = normaliseLevel(level, n);
    if (p.level == null) {
      return level == null ? "医保类别为空（应为 甲/乙/丙）" : "医保类别“" + level + "”无法识别（应为 甲/乙/丙）";
    }
    String ratio = get(rec, cols, ProductColumns.SELF_PAY_RATIO, n);
    if (ratio == null) {
      if (!"甲".equals(p.level)) {
        return "自付比例为空";
      }
      n.add("甲类自付比例为空，按 0");
      p.selfPayRatio = 0;
    } else {
      String err = parseRatio(ratio, p, n);
      if (err != null) {
        return err;
      }
    }
    p.drugType = get(rec, cols, ProductColumns.DRUG_TYPE, n);
    p.dosageForm = get(rec, cols, ProductColumns.DOSAGE_FORM, n);
    p.specification = get(rec, cols, ProductColumns.SPECIFICATION, n);
    p.restriction = get(rec, cols, ProductColumns.RESTRICTION, n);
    p.catalogSection = get(rec, cols, ProductColumns.CATALOG_SECTION, n);
    String fixed = get(rec, cols, ProductColumns.FIXED_PAYMENT, n);
    Boolean f = parseFlag(fixed);
    if (f == null) {
      return "定额支付“" + fixed + "”无法识别（应为 是/否）";
    }
    p.fixedPayment = f;
    String amount = get(rec, cols, ProductColumns.FIXED_AMOUNT, n);
    if (amount != null) {
      try {
        BigDecimal a = new BigDecimal(amount.replace("元", "").replace(",", "").trim());
        if (a.signum() < 0) {
          return "定额标准 " + amount + " 为负数";
        }
        p.fixedAmount = a.doubleValue();
      } catch (NumberFormatException e) {
        return "定额标准“" + amount + "”不是数字";
      }
    }
    String number = get(rec, cols, ProductColumns.CATALOG_NUMBER, n);
    if (number != null) {
      try {
        p.catalogNumber = Integer.valueOf(number.trim());
      } catch (NumberFormatException e) {
        return "目录编号“" + number + "”不是整数";
      }
    }
    return null;
  }

  static String normaliseLevel(String v, Normalisations n) {
    if (v == null) {
      return null;
    }
    String s = v.trim().toUpperCase(Locale.ROOT);
    String out;
    switch (s) {
      case "甲": out = "甲"; break;
      case "乙": out = "乙"; break;
      case "丙": out = "丙"; break;
      case "甲类": case "A": case "A类": out = "甲"; break;
      case "乙类": case "B": case "B类": out = "乙"; break;
      case "丙类": case "C": case "C类": case "自费": out = "丙"; break;
      default: return null;
    }
    if (!out.equals(s)) {
      n.add("医保类别写法统一为 甲/乙/丙");
    }
    return out;
  }

  /** Accepts {@code 10%} (0–100) or a fraction 0–1; anything else is an error message. */
  static String parseRatio(String text, Product p, Normalisations n) {
    String s = text.trim().replace("％", "%");
    boolean percent = s.endsWith("%");
    if (percent) {
      s = s.substring(0, s.length() - 1).trim();
    }
    BigDecimal v;
    try {
      v = new BigDecimal(s);
    } catch (NumberFormatException e) {
      return "自付比例“" + text + "”不是数字";
    }
    if (percent) {
      if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
        return "自付比例 " + text + " 超出 0%–100%";
      }
      v = v.movePointLeft(2);
      n.add("自付比例百分数转为小数");
    } else if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
      return "自付比例 " + text + " 超出 0–1（百分数请写成 " + text + "%）";
    }
    p.selfPayRatio = v.doubleValue();
    return null;
  }

  static Boolean parseFlag(String v) {
    if (v == null) {
      return Boolean.FALSE;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "是": case "y": case "yes": case "true": case "1": case "定额":
        return Boolean.TRUE;
      case "否": case "n": case "no": case "false": case "0": case "":
        return Boolean.FALSE;
      default:
        return null;
    }
  }
}
