package medinsight.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import medinsight.catalog.CatalogEntry;
import medinsight.catalog.CatalogPdfReader;
import medinsight.catalog.CatalogTextReader;
import medinsight.catalog.DosageForms;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes an export in the layout of NHSA's drug-code database (医保药品分类与代码), one row per
 * product, from the bundled 2025 catalog: real catalog names, forms, levels, numbers and category
 * codes; invented product codes' tails, specifications, approval numbers and standard codes; and
 * manufacturers that are all plainly fictitious (every name begins with 虚构). Seeded: the same
 * seed writes the same rows. The rows carry the mess such exports have: cells with line breaks
 * inside quotes, rows shifted by a column (at 商品名称, and at 甲乙类 so that the level cell holds
 * the catalog number or the catalog name), blank and numeric manufacturers, a code twice, a code
 * cut short, a company name cut in half, extra columns, generic names with the dosage form inside
 * (艾地骨化醇软胶囊) and products the catalog does not list. Only a repeated code makes a row that
 * cannot be loaded; the other shapes leave products with fields that cannot be read
 * ({@link Written#quarantined} says which).
 */
public final class NhsaExport {
  /** The three layouts of the same export. */
  public enum Layout {
    /** xlsx with 甲乙类, 医保目录编号, 目录药品名称, 目录剂型, 目录备注. */
    XLSX,
    /** UTF-8 CSV with a BOM, 医保目录等级 (甲类/乙类) and 目录编号, no catalog name. */
    CSV_BOM,
    /** GBK CSV without level or catalog columns: linked by name and form, or by category code. */
    CSV_GBK,
    /**
     * UTF-8 CSV as the drug-code look-up exports it: 药品通用名 with the form inside, 医保类别 and
     * 目录编号 (shifted in places), a third of the rows without a manufacturer, no catalog name.
     */
    CSV_CODES
  }

  /** A row the loader must reject, with a word its reason must contain. */
  public static final class Expected {
    public final int row;
    public final String reason;

    Expected(int row, String reason) {
      this.row = row;
      this.reason = reason;
    }
  }

  /** What was written: the rows, the rows that must be rejected, and the rows that are well formed. */
  public static final class Written {
    public final Path path;
    public int rows;
    public final Map<Integer, Expected> rejected = new LinkedHashMap<>();
    /**
     * The fields the loader must set to unknown, by row: field key → a word its reason must
     * contain (null: any reason, a field swept with its moved row).
     */
    public final Map<Integer, Map<String, String>> quarantined = new LinkedHashMap<>();
    /** Loaded rows of drugs the catalog does not list (they stay unlinked). */
    public int notInCatalog;

    Written(Path path) {
      this.path = path;
    }
  }

  private static final String[] SYLL_A = "岚 禾 澜 瑞 泓 朗 颐 昕 湛 蔚 璟 翊 珺 瀚 霁 桓 烨 铭 钧 晟".split(" ");
  private static final String[] SYLL_B = "康 安 和 泰 宁 生 元 恒 济 仁 德 健 华 信 益 源 达 嘉 润 丰".split(" ");
  private static final String[] SUFFIX = {"制药有限公司", "药业有限公司", "医药股份有限公司", "制药厂", "中药有限公司"};

  /** The bundled 2025 catalog's entries, read as the loader reads them. */
  public static List<CatalogEntry> catalog2025() throws IOException {
    String res = "medinsight/data/nrdl-2025/nrdl-2025.txt";
    try (InputStream in = NhsaExport.class.getClassLoader().getResourceAsStream(res)) {
      List<String> lines = CatalogPdfReader.textLines(in, res);
      return new CatalogTextReader().read(lines, res, 2025).catalog.records;
    }
  }

  private final SplittableRandom rnd;
  private final List<CatalogEntry> catalog;
  private final List<String> makers = new ArrayList<>();

  public NhsaExport(long seed, List<CatalogEntry> catalog) {
    this.rnd = new SplittableRandom(seed);
    this.catalog = catalog;
    for (int i = 0; i < 60; i++) {
      makers.add("虚构" + SYLL_A[rnd.nextInt(SYLL_A.length)] + SYLL_B[rnd.nextInt(SYLL_B.length)]
          + SUFFIX[rnd.nextInt(SUFFIX.length)]);
    }
    makers.add("虚构O'Brien (北京) 药业有限公司");
    makers.add("虚构“康宁”制药（集团）有限公司");
  }

  static final String[] HEADER = {"序号", "药品代码", "注册名称", "商品名称", "药品企业", "注册剂型", "注册规格", "包装材质",
    "最小包装数量", "最小制剂单位", "批准文号", "药品本位码", "甲乙类", "医保目录编号", "目录药品名称", "目录剂型", "目录备注",
    "拼音码", "规则名称"};

  private static String[] header(Layout layout) {
    String[] h = HEADER.clone();
    if (layout == Layout.CSV_BOM) {
      h[1] = "医保药品编码";
      h[3] = "产品名称";
      h[4] = "药品生产企业";
      h[5] = "实际剂型";
      h[6] = "实际规格";
      h[12] = "医保目录等级";
      h[13] = "目录编号";
    } else if (layout == Layout.CSV_GBK) {
      h[4] = "生产企业";
      h[5] = "剂型";
      h[6] = "规格";
      h[12] = "目录类别";
    } else if (layout == Layout.CSV_CODES) {
      h[2] = "药品通用名";
      h[4] = "生产企业";
      h[12] = "医保类别";
      h[13] = "目录编号";
    }
    return h;
  }

  /** The form a product of this entry is registered in, as an export writes it, and its name. */
  private String[] productNameAndForm(CatalogEntry e) {
    boolean chinese = "中成药".equals(e.medicineType);
    String name = DosageForms.stripTrailingParens(e.name);
    if (chinese) {
      String f = DosageForms.fromName(name, true);
      return new String[] {name, f == null ? "丸剂" : f};
    }
    String form = e.dosageForm;
    if (form == null || "名称推断".equals(e.formSource) || DosageForms.fromName(name, false) != null) {
      String f = DosageForms.fromName(name, false);
      return new String[] {name, f == null ? "片剂" : registered(f)};
    }
    switch (form) {
      case "口服常释剂型":
        return rnd.nextBoolean() ? new String[] {name + "片", "片剂"} : new String[] {name + "胶囊", "胶囊剂"};
      case "注射剂":
        return rnd.nextBoolean() ? new String[] {name + "注射液", "注射剂"} : new String[] {"注射用" + name, "注射剂"};
      case "缓释控释剂型":
        return new String[] {name + "缓释片", "片剂（缓释）"};
      default:
        return new String[] {name, form};
    }
  }

  private static String registered(String catalogForm) {
    return "口服常释剂型".equals(catalogForm) ? "片剂" : catalogForm;
  }

  private static String pad(String s, int n, char c) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < n) {
      b.append(c);
    }
    return b.substring(0, n);
  }

  private String digits(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + rnd.nextInt(10)));
    }
    return b.toString();
  }

  /** Writes about {@code products} rows in one layout. */
  public Written write(Path path, Layout layout, int products) throws IOException {
    String[] header = header(layout);
    Charset cs = layout == Layout.CSV_GBK ? Charset.forName("GBK") : StandardCharsets.UTF_8;
    CharsetEncoder enc = cs.newEncoder();
    List<CatalogEntry> usable = new ArrayList<>();
    for (CatalogEntry e : catalog) {
      if (e.categoryCode != null && e.categoryCode.length() >= 2 && enc.canEncode(e.name)
          && (e.remark == null || enc.canEncode(e.remark))) {
        usable.add(e);
      }
    }
    Written w = new Written(path);
    Map<medinsight.catalog.ProductColumns, Integer> mapped = medinsight.catalog.ProductColumns.map(header, path.toString());
    List<String[]> rows = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    int seq = 0;
    while (rows.size() < products) {
      int rowNumber = rows.size() + 2;
      boolean outside = rnd.nextInt(50) == 0;
      CatalogEntry e = usable.get(rnd.nextInt(usable.size()));
      String[] nf = productNameAndForm(e);
      String name = nf[0];
      if (outside) {
        // a drug the catalog does not list, in a category that exists
        name = "虚构试验" + SYLL_A[rnd.nextInt(SYLL_A.length)] + SYLL_B[rnd.nextInt(SYLL_B.length)] + "片";
        nf = new String[] {name, "片剂"};
      }
      boolean chinese = "中成药".equals(e.medicineType);
      String code = pad(e.categoryCode, 6, '0') + (char) ('A' + rnd.nextInt(26)) + String.format("%03d", e.number % 1000)
          + "E" + digits(3) + digits(2) + digits(2) + digits(chinese ? 2 : 5);
      String maker = makers.get(rnd.nextInt(makers.size()));
      String remark = outside ? null : e.remark;
      String[] r = new String[header.length];
      r[0] = String.valueOf(++seq);
      r[1] = code;
      r[2] = name;
      r[3] = rnd.nextInt(3) == 0 ? null : "虚构" + SYLL_A[rnd.nextInt(SYLL_A.length)] + SYLL_B[rnd.nextInt(SYLL_B.length)];
      r[4] = maker;
      r[5] = nf[1];
      r[6] = rnd.nextBoolean() ? "0." + (1 + rnd.nextInt(9)) + "g" : (5 + rnd.nextInt(20)) + "mg";
      r[7] = rnd.nextBoolean() ? "铝塑板" : "玻璃瓶";
      r[8] = String.valueOf(6 * (1 + rnd.nextInt(8)));
      r[9] = chinese ? "袋" : "片";
      r[10] = "国药准字" + (chinese ? "Z" : "H") + "2" + digits(7);
      r[11] = "869" + digits(11);
      if (layout == Layout.XLSX) {
        r[12] = outside ? null : e.level;
        r[13] = outside ? null : String.valueOf(e.number);
        r[14] = outside ? null : e.name;
        r[15] = outside ? null : e.dosageForm;
        r[16] = remark;
      } else if (layout == Layout.CSV_BOM) {
        r[12] = outside ? null : e.level + "类";
        r[13] = outside ? null : String.valueOf(e.number);
        r[16] = remark;
      } else if (layout == Layout.CSV_CODES) {
        r[12] = outside ? null : e.level;
        r[13] = outside ? null : String.valueOf(e.number);
        r[16] = remark;
        if (rnd.nextInt(4) == 0) {
          // the form only inside the generic name
          r[5] = null;
        }
      }
      r[17] = "PY" + digits(3);
      r[18] = rnd.nextInt(4) == 0 ? "规则" + digits(2) : null;
      // the mess
      int mess = rnd.nextInt(100);
      Map<String, String> unknown = new LinkedHashMap<>();
      boolean codeKept = true;
      if (layout == Layout.CSV_CODES && mess >= 17 && rnd.nextInt(3) == 0) {
        // a third of such exports has no manufacturer
        r[4] = null;
        unknown.put("manufacturer", "为空");
      } else if (mess < 6 && name.length() > 3) {
        // a long name or remark wrapped inside its cell (loaded: the line break is joined)
        r[2] = name.substring(0, 2) + "\n" + name.substring(2);
        if (remark != null && remark.length() > 6) {
          r[16] = remark.substring(0, 5) + "\n" + remark.substring(5);
        }
      } else if (mess < 9) {
        // 商品名称 dropped: every cell after it moves one column left, the manufacturer lands under 商品名称
        String[] shifted = new String[r.length];
        System.arraycopy(r, 0, shifted, 0, 3);
        System.arraycopy(r, 4, shifted, 3, r.length - 4);
        r = shifted;
        unknown.put("brand_name", "企业名称");
        sweep(unknown, r, mapped, 3);
      } else if (mess < 11) {
        r[4] = null;
        unknown.put("manufacturer", "为空");
      } else if (mess < 12) {
        r[4] = digits(6);
        unknown.put("manufacturer", "是数字");
      } else if (mess < 14) {
        // the company name cut in half across two cells: the rest of the row moves right
        String[] shifted = new String[r.length + 1];
        System.arraycopy(r, 0, shifted, 0, 4);
        int cut = maker.indexOf("有限公司") > 0 ? maker.indexOf("有限公司") + 1 : maker.length() - 1;
        shifted[4] = maker.substring(0, cut);
        shifted[5] = maker.substring(cut);
        System.arraycopy(r, 5, shifted, 6, r.length - 5);
        if (shifted[shifted.length - 1] == null) {
          shifted[shifted.length - 1] = "续";
        }
        r = shifted;
        if (maker.indexOf("有限公司") > 0) {
          unknown.put("manufacturer", "截断");
        }
        // cells beyond the header: every field after the code and the name is in doubt
        sweep(unknown, r, mapped, 3);
      } else if (mess < 16 && !codes.isEmpty()) {
        r[1] = codes.get(rnd.nextInt(codes.size()));
        w.rejected.put(rowNumber, new Expected(rowNumber, "重复"));
      } else if (mess < 17) {
        r[1] = code.substring(0, 9);
        unknown.put("product_code", "医保药品编码的格式");
        codeKept = false;
      } else if (mess < 27 && r[12] != null && r[13] != null && layout != Layout.CSV_GBK) {
        // 甲乙类 left empty and the catalog cells moved left into it: the level cell holds the
        // catalog number (or, two cells over, the catalog name)
        int by = layout == Layout.XLSX && rnd.nextBoolean() ? 2 : 1;
        System.arraycopy(r, 12 + by, r, 12, r.length - 12 - by);
        for (int i = r.length - by; i < r.length; i++) {
          r[i] = null;
        }
        unknown.put("level", "列错位");
        sweep(unknown, r, mapped, 12);
      }
      if (outside && !w.rejected.containsKey(rowNumber)) {
        w.notInCatalog++;
      }
      if (!unknown.isEmpty()) {
        w.quarantined.put(rowNumber, unknown);
      }
      if (!w.rejected.containsKey(rowNumber) && codeKept) {
        codes.add(r[1]);
      }
      rows.add(r);
    }
    w.rows = rows.size();
    if (layout == Layout.XLSX) {
      try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(path)) {
        Sheet s = wb.createSheet("药品分类与代码");
        writeRow(s.createRow(0), header);
        for (int i = 0; i < rows.size(); i++) {
          writeRow(s.createRow(i + 1), rows.get(i));
        }
        wb.write(out);
      }
    } else {
      try (OutputStream out = Files.newOutputStream(path)) {
        if (layout == Layout.CSV_BOM) {
          out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Writer wr = new OutputStreamWriter(out, cs);
        wr.write(csvLine(header));
        for (String[] r : rows) {
          wr.write(csvLine(r));
        }
        wr.flush();
      }
    }
    return w;
  }

  /** Every mapped field from column {@code from} on whose cell holds something (and the manufacturer): unknown, with any reason. */
  private static void sweep(Map<String, String> unknown, String[] r, Map<medinsight.catalog.ProductColumns, Integer> mapped,
      int from) {
    for (Map.Entry<medinsight.catalog.ProductColumns, Integer> e : mapped.entrySet()) {
      int i = e.getValue();
      boolean empty = i >= r.length || r[i] == null || r[i].isBlank();
      // an empty manufacturer is unknown too: the field is required
      if (i >= from && (!empty || e.getKey() == medinsight.catalog.ProductColumns.MANUFACTURER)) {
        unknown.putIfAbsent(e.getKey().key, null);
      }
    }
  }

  private static void writeRow(Row row, String[] values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        row.createCell(i).setCellValue(values[i]);
      }
    }
  }

  private static String csvLine(String[] values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
        b.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        b.append(v);
      }
    }
    return b.append("\r\n").toString();
  }
}
