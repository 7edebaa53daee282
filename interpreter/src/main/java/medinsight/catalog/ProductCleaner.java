package medinsight.catalog;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
 * {@link RejectedRow} with its source row number and the reason, so read = loaded + rejected. A
 * row is rejected only when no product can be made of it; a field that cannot be read is set to
 * unknown and counted ({@link QuarantinedField}).
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
      if (p.quarantined != null) {
        result.quarantine(p.quarantined);
      }
      complete(p, result.normalisations, cols.containsKey(ProductColumns.RESTRICTION) && !unknown(p, ProductColumns.RESTRICTION));
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

  /** Why one field could not be read, and whether its value is another column's (the row's cells moved). */
  private static final class Failure {
    final String reason;
    final boolean moved;

    Failure(String reason, boolean moved) {
      this.reason = reason;
      this.moved = moved;
    }
  }

  /**
   * Fills the product from the record. A field that cannot be read becomes unknown and is listed
   * in {@link Product#quarantined} with its value and the reason; in a row whose cells moved (a
   * field holds another column's value, or there are cells beyond the header) every field from
   * the first moved cell on is unknown, since none of them can be trusted. Returns the reason when
   * no product can be made of the row: a record the reader could not take, or neither a code nor
   * a name.
   */
  static String fill(Product p, TabularSource.Record rec, Map<ProductColumns, Integer> cols, Normalisations n,
      int headerColumns, boolean nhsaCode) {
    p.sourceRow = rec.row;
    if (rec.error != null) {
      return rec.error;
    }
    Map<ProductColumns, String> raw = new EnumMap<>(ProductColumns.class);
    for (ProductColumns c : cols.keySet()) {
      String v = get(rec, cols, c, n);
      if (v != null) {
        raw.put(c, v);
      }
    }
    if (!raw.containsKey(ProductColumns.PRODUCT_CODE) && !raw.containsKey(ProductColumns.NAME)) {
      return "既无产品编码也无药品名称，不能成为一个产品";
    }
    Map<ProductColumns, Failure> failed = new EnumMap<>(ProductColumns.class);
    p.productCode = raw.get(ProductColumns.PRODUCT_CODE);
    if (nhsaCode && p.productCode != null) {
      String code = p.productCode.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
      if (NHSA_CODE.matcher(code).matches()) {
        p.productCode = code;
      } else {
        failed.put(ProductColumns.PRODUCT_CODE, new Failure(
            "不是医保药品编码的格式（X 或 Z 开头，共 20–23 位字母和数字）", false));
      }
    }
    p.name = raw.get(ProductColumns.NAME);
    p.brandName = raw.get(ProductColumns.BRAND);
    if (p.brandName != null && COMPANY.matcher(p.brandName).matches()) {
      failed.put(ProductColumns.BRAND, new Failure("是企业名称，不是商品名称（列错位）", true));
    }
    p.manufacturer = raw.get(ProductColumns.MANUFACTURER);
    Failure maker = manufacturer(p.manufacturer);
    if (maker != null) {
      failed.put(ProductColumns.MANUFACTURER, maker);
    }
    p.dosageForm = raw.get(ProductColumns.DOSAGE_FORM);
    if (p.dosageForm != null && (COMPANY_WORD.matcher(p.dosageForm).matches() || CUT_START.matcher(p.dosageForm).matches()
        || SPEC.matcher(p.dosageForm).matches())) {
      failed.put(ProductColumns.DOSAGE_FORM, new Failure("不是剂型（列错位）", true));
    }
    String level = raw.get(ProductColumns.LEVEL);
    p.level = normaliseLevel(level, n);
    if (level != null && p.level == null) {
      // a number or a word (a catalog number, a name) is another column's value
      boolean moved = NUMBER.matcher(level).matches() || level.length() >= 2;
      failed.put(ProductColumns.LEVEL, new Failure("无法识别（应为 甲/乙/丙）" + (moved ? "，是别的列的值（列错位）" : ""), moved));
    }
    p.levelSource = p.level == null ? null : "list";
    String ratio = raw.get(ProductColumns.SELF_PAY_RATIO);
    if (ratio != null) {
      String err = parseRatio(ratio, p, n);
      if (err != null) {
        failed.put(ProductColumns.SELF_PAY_RATIO, new Failure(err, false));
      } else {
        p.ratioSource = "list";
      }
    }
    p.drugType = raw.get(ProductColumns.DRUG_TYPE);
    p.specification = raw.get(ProductColumns.SPECIFICATION);
    p.restriction = Marks.without(raw.get(ProductColumns.RESTRICTION), n);
    p.catalogSection = raw.get(ProductColumns.CATALOG_SECTION);
    p.packaging = raw.get(ProductColumns.PACKAGING);
    p.approvalNumber = raw.get(ProductColumns.APPROVAL_NUMBER);
    p.standardCode = raw.get(ProductColumns.STANDARD_CODE);
    p.catalogName = raw.get(ProductColumns.CATALOG_NAME);
    p.catalogForm = raw.get(ProductColumns.CATALOG_FORM);
    String fixed = raw.get(ProductColumns.FIXED_PAYMENT);
    p.fixedPayment = parseFlag(fixed);
    if (p.fixedPayment == null) {
      failed.put(ProductColumns.FIXED_PAYMENT, new Failure("无法识别（应为 是/否）", false));
    }
    String amount = raw.get(ProductColumns.FIXED_AMOUNT);
    if (amount != null) {
      try {
        BigDecimal a = new BigDecimal(amount.replace("元", "").replace(",", "").trim());
        if (a.signum() < 0) {
          failed.put(ProductColumns.FIXED_AMOUNT, new Failure("为负数", false));
        } else {
          p.fixedAmount = a.doubleValue();
        }
      } catch (NumberFormatException e) {
        failed.put(ProductColumns.FIXED_AMOUNT, new Failure("不是数字", false));
      }
    }
    String number = raw.get(ProductColumns.CATALOG_NUMBER);
    if (number != null) {
      Matcher star = STAR.matcher(number);
      try {
        p.catalogNumber = star.matches() ? Integer.valueOf(star.group(1)) : Integer.valueOf(number.trim());
      } catch (NumberFormatException e) {
        boolean moved = HAN.matcher(number).find();
        failed.put(ProductColumns.CATALOG_NUMBER, new Failure("不是整数" + (moved ? "（列错位）" : ""), moved));
      }
    }
    int extra = 0;
    for (int i = headerColumns; i < rec.values.length; i++) {
      if (rec.values[i] != null && !rec.values[i].isBlank()) {
        extra++;
      }
    }
    // where the cells began to move: the first moved field, or with cells beyond the header
    // (which can have moved anywhere) the first column after the code and the name
    int from = Integer.MAX_VALUE;
    for (Map.Entry<ProductColumns, Failure> e : failed.entrySet()) {
      if (e.getValue().moved) {
        from = Math.min(from, cols.get(e.getKey()));
      }
    }
    if (extra > 0) {
      int keys = Math.max(cols.getOrDefault(ProductColumns.PRODUCT_CODE, -1), cols.getOrDefault(ProductColumns.NAME, -1));
      from = Math.min(from, keys + 1);
    }
    List<QuarantinedField> out = new ArrayList<>();
    for (ProductColumns c : cols.keySet()) {
      Failure f = failed.get(c);
      boolean swept = f == null && from != Integer.MAX_VALUE && cols.get(c) >= from && raw.containsKey(c)
          && c != ProductColumns.PRODUCT_CODE && c != ProductColumns.NAME;
      if (f == null && !swept) {
        continue;
      }
      String reason = f != null ? c.label + (f.reason.startsWith(c.label) ? f.reason.substring(c.label.length()) : f.reason)
          : c.label + "：自第 " + (from + 1) + " 列起单元格移位" + (extra > 0 ? "（比表头多出 " + extra + " 个非空单元格）" : "")
              + "，值不可信";
      out.add(new QuarantinedField(c.key, raw.getOrDefault(c, ""), reason));
      clear(p, c);
    }
    p.quarantined = out.isEmpty() ? null : out;
    return null;
  }

  /** Sets one field of the product to unknown. */
  private static void clear(Product p, ProductColumns c) {
    switch (c) {
      case PRODUCT_CODE: p.productCode = null; break;
      case NAME: p.name = null; break;
      case BRAND: p.brandName = null; break;
      case DRUG_TYPE: p.drugType = null; break;
      case LEVEL: p.level = null; p.levelSource = null; break;
      case DOSAGE_FORM: p.dosageForm = null; break;
      case SPECIFICATION: p.specification = null; break;
      case PACKAGING: p.packaging = null; break;
      case MANUFACTURER: p.manufacturer = null; break;
      case APPROVAL_NUMBER: p.approvalNumber = null; break;
      case STANDARD_CODE: p.standardCode = null; break;
      case SELF_PAY_RATIO: p.selfPayRatio = null; p.ratioSource = null; break;
      case FIXED_PAYMENT: p.fixedPayment = null; break;
      case FIXED_AMOUNT: p.fixedAmount = null; break;
      case RESTRICTION: p.restriction = null; break;
      case CATALOG_SECTION: p.catalogSection = null; break;
      case CATALOG_NUMBER: p.catalogNumber = null; break;
      case CATALOG_NAME: p.catalogName = null; break;
      case CATALOG_FORM: p.catalogForm = null; break;
      default: throw new IllegalStateException(String.valueOf(c));
    }
  }

  /** A catalog number printed as a repeat: ★(8), ★（8）. */
  private static final Pattern STAR = Pattern.compile("\\s*★\\s*[(（]\\s*([0-9]+)\\s*[)）]\\s*");

  /** The shape of an NHSA drug code: X (西药) or Z (中成药), then 19–22 letters and digits. */
  static final Pattern NHSA_CODE = Pattern.compile("[XZ][A-Z][0-9A-Z]{18,21}");
  private static final Pattern NUMBER = Pattern.compile("[0-9０-９.,，%\\s-]+");
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
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
  /** A company's full name, as it stands under 生产企业: not a brand (商品名称). */
  private static final Pattern COMPANY = Pattern.compile(".{2,}(有限公司|有限责任公司|股份公司|制药厂|药厂|集团)[)）]?$");

  /**
   * Why a manufacturer cell is not a company's name, or null when it is one: empty, a number, an
   * approval number, a specification or a dosage form (those three are other columns' values: the
   * row's cells moved), or a name cut in half (its other half moved the rest of the row).
   */
  static Failure manufacturer(String m) {
    if (m == null) {
      return new Failure("为空", false);
    }
    if (NUMBER.matcher(m).matches()) {
      return new Failure("是数字，不是企业名称", false);
    }
    if (m.startsWith("国药准字") || m.matches("^[HZSJB][0-9]{8}$")) {
      return new Failure("是批准文号（列错位）", true);
    }
    if (SPEC.matcher(m).matches()) {
      return new Failure("是规格（列错位）", true);
    }
    if (looksLikeForm(m)) {
      return new Failure("是剂型（列错位）", true);
    }
    if (CUT_START.matcher(m).matches() || CUT_END.matcher(m).matches()) {
      return new Failure("不完整（企业名称被截断，列错位）", true);
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

  private static boolean unknown(Product p, ProductColumns c) {
    if (p.quarantined != null) {
      for (QuarantinedField q : p.quarantined) {
        if (q.field.equals(c.key)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Links the product to the catalog and fills the ratio from the policy when the list has none. */
  void complete(Product p, Normalisations n, boolean listHasRestrictions) {
    if (linker != null) {
      CatalogLinker.Link link = linker.link(p);
      if (!listHasRestrictions && p.restriction == null && link.remark() != null) {
        // a list without a 备注 column (or whose cell moved): the linked entry's remark is the product's restriction
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
