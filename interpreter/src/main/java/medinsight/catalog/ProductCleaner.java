package medinsight.catalog;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates and normalises product rows. Every row read ends either as a {@link Product} or as a
 * {@link RejectedRow} with its source row number and the reason, so read = loaded + rejected.
 */
public final class ProductCleaner {
  private CatalogLinker linker;
  private SelfPayPolicy policy = SelfPayPolicy.DEFAULT;

  /** Links each product to this catalog edition (see {@link CatalogLinker}); null: no linking. */
  public ProductCleaner withLinker(CatalogLinker linker) {
    this.linker = linker;
    return this;
  }

  /** The self-payment ratios given to products whose list has none. */
  public ProductCleaner withPolicy(SelfPayPolicy policy) {
    this.policy = policy == null ? SelfPayPolicy.DEFAULT : policy;
    return this;
  }

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
    ProductColumns.Mapping mapping = ProductColumns.mapping(table.header, source);
    Map<ProductColumns, Integer> cols = mapping.columns;
    LoadResult<Product> result = new LoadResult<>(source, DataKind.PRODUCTS);
    if (!mapping.unknown.isEmpty()) {
      // kept out of the table, listed in the quality report (the count is the number of such columns)
      String names = String.join("、", mapping.unknown);
      result.normalisations.add("未识别的列，未载入：" + (names.length() > 200 ? names.substring(0, 200) + "…" : names),
          mapping.unknown.size());
    }
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
        error = fill(p, rec, cols, result.normalisations, table.header.length, mapping.nhsaCode);
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
      complete(p, result.normalisations, cols.containsKey(ProductColumns.RESTRICTION));
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
      result.countMissing("level", p.level);
      result.countMissing("self_pay_ratio", p.selfPayRatio);
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

  private static final HashFunction KEY_HASH = Hashing.murmur3_128(20240101);

  private static void spill(LoadResult<Product> result, LoadResult.Sink<Product> sink) {
    sink.accept(new ArrayList<>(result.records));
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
  static String fill(Product p, TabularSource.Record rec, Map<ProductColumns, Integer> cols, Normalisations n,
      int headerColumns, boolean nhsaCode) {
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
    // the row's shape first: in a row whose cells moved, every later field is wrong too
    String shape = validate(p, rec, headerColumns, nhsaCode);
    if (shape != null) {
      return shape;
    }
    String level = get(rec, cols, ProductColumns.LEVEL, n);
    p.level = normaliseLevel(level, n);
    if (level != null && p.level == null) {
      return "医保类别“" + level + "”无法识别（应为 甲/乙/丙）";
    }
    p.levelSource = p.level == null ? null : "list";
    String ratio = get(rec, cols, ProductColumns.SELF_PAY_RATIO, n);
    if (ratio != null) {
      String err = parseRatio(ratio, p, n);
      if (err != null) {
        return err;
      }
      p.ratioSource = "list";
    }
    p.drugType = get(rec, cols, ProductColumns.DRUG_TYPE, n);
    p.dosageForm = get(rec, cols, ProductColumns.DOSAGE_FORM, n);
    p.specification = get(rec, cols, ProductColumns.SPECIFICATION, n);
    p.restriction = Marks.without(get(rec, cols, ProductColumns.RESTRICTION, n), n);
    p.catalogSection = get(rec, cols, ProductColumns.CATALOG_SECTION, n);
    p.brandName = get(rec, cols, ProductColumns.BRAND, n);
    p.packaging = get(rec, cols, ProductColumns.PACKAGING, n);
    p.approvalNumber = get(rec, cols, ProductColumns.APPROVAL_NUMBER, n);
    p.standardCode = get(rec, cols, ProductColumns.STANDARD_CODE, n);
    p.catalogName = get(rec, cols, ProductColumns.CATALOG_NAME, n);
    p.catalogForm = get(rec, cols, ProductColumns.CATALOG_FORM, n);
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
      Matcher star = STAR.matcher(number);
      try {
        p.catalogNumber = star.matches() ? Integer.valueOf(star.group(1)) : Integer.valueOf(number.trim());
      } catch (NumberFormatException e) {
        return "目录编号“" + number + "”不是整数";
      }
    }
    return null;
  }

  /** A catalog number printed as a repeat: ★(8), ★（8）. */
  private static final Pattern STAR = Pattern.compile("\\s*★\\s*[(（]\\s*([0-9]+)\\s*[)）]\\s*");

  /** The shape of an NHSA drug code: X (西药) or Z (中成药), then 19–22 letters and digits. */
  static final Pattern NHSA_CODE = Pattern.compile("[XZ][A-Z][0-9A-Z]{18,21}");
  private static final Pattern NUMBER = Pattern.compile("[0-9０-９.,，%\\s-]+");
  private static final Pattern SPEC = Pattern.compile(
      "^[0-9.]+\\s*(mg|g|ml|μg|ug|iu|mmol|万?单位|万?u|%|片|粒|袋|支|瓶).*", Pattern.CASE_INSENSITIVE);
  /** Where a company name cut in half ends (…有限, …股份有) or what its second half is alone (限公司). */
  private static final Pattern CUT_END = Pattern.compile(
      ".*(有|有限|有限公|有限责|有限责任|有限责任公|股份有|股份有限|股份有限公)$");
  private static final Pattern CUT_START = Pattern.compile(
      "^(司|公司|限公司|有限公司|责任公司|任公司|限责任公司|有限责任公司|份有限公司|股份有限公司)$");
  private static final Pattern COMPANY_WORD = Pattern.compile(
      ".*(公司|厂|集团|药业|制药|医药|药房|研究所|研究院|inc|ltd|gmbh|corp|co\\.|s\\.a\\.|a/s|ag|llc|plc|bv|nv|kk|pharma).*",
      Pattern.CASE_INSENSITIVE);

  /**
   * Checks a filled product against the shapes its fields must have: a row whose cells moved by a
   * column, or whose manufacturer is not a name, is quarantined with the reason, never guessed.
   */
  static String validate(Product p, TabularSource.Record rec, int headerColumns, boolean nhsaCode) {
    if (nhsaCode) {
      if (p.productCode == null) {
        return "产品编码为空";
      }
      String code = p.productCode.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
      if (!NHSA_CODE.matcher(code).matches()) {
        return "产品编码“" + excerpt(p.productCode) + "”不是医保药品编码的格式（X 或 Z 开头，共 20–23 位字母和数字）";
      }
      p.productCode = code;
    }
    String m = p.manufacturer;
    if (NUMBER.matcher(m).matches()) {
      return "生产企业“" + excerpt(m) + "”是数字，不是企业名称（列错位？）";
    }
    if (m.startsWith("国药准字") || m.matches("^[HZSJB][0-9]{8}$")) {
      return "生产企业“" + excerpt(m) + "”是批准文号（列错位）";
    }
    if (SPEC.matcher(m).matches()) {
      return "生产企业“" + excerpt(m) + "”是规格（列错位）";
    }
    if (looksLikeForm(m)) {
      return "生产企业“" + excerpt(m) + "”是剂型（列错位）";
    }
    if (CUT_START.matcher(m).matches() || CUT_END.matcher(m).matches()) {
      return "生产企业“" + excerpt(m) + "”不完整（企业名称被截断）";
    }
    int extra = 0;
    for (int i = headerColumns; i < rec.values.length; i++) {
      if (rec.values[i] != null && !rec.values[i].isBlank()) {
        extra++;
      }
    }
    if (extra > 0) {
      return "比表头多出 " + extra + " 个非空单元格（列错位）";
    }
    return null;
  }

  /** A dosage form, not a company: 片剂, 注射剂, 口服常释剂型, 胶囊 … */
  static boolean looksLikeForm(String s) {
    if (s.length() > 8 || COMPANY_WORD.matcher(s).matches()) {
      return false;
    }
    return DosageForms.isCatalogForm(s) || DosageForms.fromName(s, false) != null
        || (DosageForms.fromName(s, true) != null && (s.endsWith("剂") || s.length() <= 4));
  }

  private static String excerpt(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  /** Links the product to the catalog and fills the ratio from the policy when the list has none. */
  void complete(Product p, Normalisations n, boolean listHasRestrictions) {
    if (linker != null) {
      CatalogLinker.Link link = linker.link(p);
      if (!listHasRestrictions && p.restriction == null && link.remark() != null) {
        // a list without a 备注 column: the linked entry's remark is the product's restriction
        p.restriction = link.remark();
        n.add("支付限定取自链接的目录条目备注");
      }
    } else if (p.catalogSection != null && p.catalogNumber != null) {
      p.varietyId = p.catalogSection + ":" + p.catalogNumber;
    }
    if (p.drugType == null) {
      String t = CatalogLinker.medicineType(p);
      p.drugType = t;
    }
    if (p.selfPayRatio == null) {
      Double r = policy.ratio(p.level, p.negotiated());
      if (r != null) {
        p.selfPayRatio = r;
        p.ratioSource = "policy";
        n.add("自付比例按政策表（drugs.policy.selfpay）");
      }
    }
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
