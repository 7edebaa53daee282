package medinsight.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads the official catalog workbook as published: five sheets, category rows that carry only a
 * code and a name, entry rows that inherit the nearest categories above them, {@code ★(n)} repeats
 * of variety n, cells with line breaks and stray spaces. Column positions are found from each
 * sheet's header row, so a later edition with shifted columns reads the same.
 */
public final class CatalogWorkbookReader {
  private static final Pattern CATEGORY_CODE = Pattern.compile("^[XZ][A-Z0-9]{1,7}$");
  private static final Pattern REPEAT = Pattern.compile("^★\\s*[（(]\\s*(\\d+)\\s*[)）]$");
  private static final Pattern NUMBER = Pattern.compile("^\\d+$");

  /** Sheet-name fragment → section, part, medicine type. */
  private static final String[][] SHEETS = {
    {"西药部分", "西药", "常规目录", "西药"},
    {"中成药部分", "中成药", "常规目录", "中成药"},
    {"协议西药", "协议西药", "谈判药品", "西药"},
    {"协议中成药", "协议中成药", "谈判药品", "中成药"},
    {"竞价药品", "竞价药品", "竞价药品", "西药"},
  };

  private final DataFormatter formatter = new DataFormatter(Locale.ROOT);

  public LoadResult<CatalogEntry> read(InputStream in, String source, int edition) {
    return read(openWorkbook(in, source), source, edition);
  }

  /** Opens an xlsx; a truncated or foreign file is a one-line {@link LoadException}. */
  public static Workbook openWorkbook(InputStream in, String source) {
    try {
      return WorkbookFactory.create(in);
    } catch (IOException | RuntimeException e) {
      throw new LoadException("无法读取 Excel 文件 " + source + "：文件不完整或不是有效的 xlsx（"
          + oneLine(e) + "）。请检查文件后重新加载。", e);
    }
  }

  /** True when the workbook has the sheets of the official catalog. */
  public static boolean isCatalog(Workbook wb) {
    for (String[] spec : SHEETS) {
      if (findSheet(wb, spec[0]) != null) {
        return true;
      }
    }
    return false;
  }

  /** Reads and closes the workbook. */
  public LoadResult<CatalogEntry> read(Workbook wb, String source, int edition) {
    LoadResult<CatalogEntry> result = new LoadResult<>(source, "catalog");
    try (wb) {
      int nextId = 1;
      int found = 0;
      for (String[] spec : SHEETS) {
        Sheet sheet = findSheet(wb, spec[0]);
        if (sheet == null) {
          continue;
        }
        found++;
        nextId = readSheet(sheet, spec, edition, nextId, result);
      }
      if (found == 0) {
        throw new LoadException("文件 " + source + " 不是医保药品目录工作簿：没有找到“西药部分”“中成药部分”等工作表。"
            + "产品清单请用 --as products 加载。");
      }
    } catch (IOException e) {
      throw new LoadException("读取目录工作簿 " + source + " 失败：" + oneLine(e), e);
    }
    for (CatalogEntry e : result.records) {
      result.countMissing("name", e.name);
      result.countMissing("dosage_form", unknownToNull(e.dosageForm));
      result.countMissing("remark", e.remark);
      result.countMissing("category_code", e.categoryCode);
    }
    return result;
  }

  private static String unknownToNull(String form) {
    return DosageForms.UNKNOWN.equals(form) ? null : form;
  }

  private static Sheet findSheet(Workbook wb, String fragment) {
    for (int i = 0; i < wb.getNumberOfSheets(); i++) {
      if (wb.getSheetName(i).contains(fragment)) {
        return wb.getSheetAt(i);
      }
    }
    return null;
  }

  private static final class Columns {
    int code = -1;
    int category = -1;
    int number = -1;
    int name = -1;
    int form = -1;
    int payment = -1;
    int remark = -1;
    int validity = -1;
    int headerRow = -1;
  }

  private Columns findColumns(Sheet sheet) {
    for (int r = sheet.getFirstRowNum(); r <= Math.min(sheet.getLastRowNum(), 10); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      Columns c = new Columns();
      for (int i = 0; i < row.getLastCellNum(); i++) {
        String h = text(row.getCell(i));
        if (h == null) {
          continue;
        }
        h = h.replaceAll("\\s", "");
        if (h.contains("代码")) {
          c.code = i;
        } else if (h.equals("药品分类")) {
          c.category = i;
        } else if (h.equals("编号")) {
          c.number = i;
        } else if (h.equals("药品名称")) {
          c.name = i;
        } else if (h.equals("剂型")) {
          c.form = i;
        } else if (h.contains("支付标准") && !h.contains("有效期")) {
          c.payment = i;
        } else if (h.equals("备注")) {
          c.remark = i;
        } else if (h.contains("有效期")) {
          c.validity = i;
        }
      }
      if (c.number >= 0 && c.name >= 0) {
        c.headerRow = r;
        if (c.code < 0) {
          c.code = 0;
        }
        if (c.category < 0) {
          c.category = c.code + 1;
        }
        return c;
      }
    }
    return null;
  }

  private int readSheet(Sheet sheet, String[] spec, int edition, int nextId,
      LoadResult<CatalogEntry> result) {
    Columns col = findColumns(sheet);
    String sheetName = sheet.getSheetName();
    if (col == null) {
      result.reject(sheetName, 0, "工作表缺少表头（需要“编号”“药品名称”列），整张表未加载", null);
      return nextId;
    }
    int[] bounds = headerBounds(col);
    String[] pathCodes = new String[8];
    String[] pathNames = new String[8];
    Set<Integer> numbers = new HashSet<>();
    List<CatalogEntry> repeats = new ArrayList<>();
    Map<Integer, CatalogEntry> firstOfVariety = new HashMap<>();
    for (int r = col.headerRow + 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      if (row == null) {
        continue;
      }
      String[] cells = new String[Math.max(row.getLastCellNum(), 0)];
      boolean any = false;
      for (int i = 0; i < cells.length; i++) {
        cells[i] = text(row.getCell(i));
        any |= cells[i] != null;
      }
      if (!any) {
        continue;
      }
      int excelRow = r + 1;
      String code = trimmed(at(cells, col.code));
      String numberText = firstBetween(cells, col.number, col.name);
      if (code != null && CATEGORY_CODE.matcher(code).matches() && numberText == null) {
        String catName = TextCleaner.clean(firstBetween(cells, col.category, col.number - 1), null);
        int depth = 0;
        while (depth < pathCodes.length && pathCodes[depth] != null && code.startsWith(pathCodes[depth])
            && !code.equals(pathCodes[depth])) {
          depth++;
        }
        if (depth >= pathCodes.length) {
          depth = pathCodes.length - 1;
        }
        pathCodes[depth] = code;
        pathNames[depth] = catName;
        for (int d = depth + 1; d < pathCodes.length; d++) {
          pathCodes[d] = null;
          pathNames[d] = null;
        }
        continue;
      }
      result.read++;
      String raw = String.join(" | ", Arrays.stream(cells).filter(s -> s != null)
          .map(s -> s.replace('\n', ' ')).toArray(String[]::new));
      if (numberText == null) {
        result.reject(sheetName, excelRow, "无法识别的行：没有编号，也不是分类行", raw);
        continue;
      }
      String num = numberText.replaceAll("\\s", "");
      Integer repeatOf = null;
      int number;
      Matcher m = REPEAT.matcher(num);
      if (m.matches()) {
        repeatOf = Integer.parseInt(m.group(1));
        number = repeatOf;
        result.normalisations.add("★重复剂型关联到品种");
      } else if (NUMBER.matcher(num).matches()) {
        number = Integer.parseInt(num);
        if (!numbers.add(number)) {
          result.reject(sheetName, excelRow, "编号 " + number + " 在本表重复出现", raw);
          continue;
        }
      } else {
        result.reject(sheetName, excelRow, "编号“" + num + "”无法识别（应为数字或 ★(n)）", raw);
        continue;
      }
      List<String> names = TextCleaner.nameAlternatives(at(cells, col.name), result.normalisations);
      if (names.isEmpty()) {
        result.reject(sheetName, excelRow, "药品名称为空", raw);
        continue;
      }
      if (pathCodes[0] == null) {
        result.reject(sheetName, excelRow, "药品行出现在任何分类行之前，无法确定分类", raw);
        continue;
      }
      CatalogEntry e = new CatalogEntry();
      e.entryId = nextId++;
      e.edition = edition;
      e.section = spec[1];
      e.part = spec[2];
      e.medicineType = spec[3];
      e.number = number;
      e.repeatOf = repeatOf;
      e.varietyId = e.section + ":" + number;
      e.level = levelOf(cells, col, result.normalisations, e.part);
      e.name = names.get(0);
      e.names = String.join(" / ", names);
      setForms(e, col.form >= 0 ? at(cells, col.form) : null, result.normalisations);
      e.remark = TextCleaner.clean(firstBetween(cells, col.remark, bounds[col.remark < 0 ? 0 : col.remark]),
          result.normalisations);
      category(e, pathCodes, pathNames);
      if (col.payment >= 0 || col.validity >= 0) {
        payment(e, col.payment >= 0 ? firstBetween(cells, col.payment, bounds[col.payment]) : null,
            col.validity >= 0 ? at(cells, col.validity) : null, result.normalisations);
      }
      e.sourceSheet = sheetName;
      e.sourceRow = excelRow;
      result.records.add(e);
      if (repeatOf != null) {
        repeats.add(e);
      } else {
        firstOfVariety.put(number, e);
      }
    }
    for (CatalogEntry rep : repeats) {
      if (!firstOfVariety.containsKey(rep.repeatOf)) {
        result.normalisations.add("★行引用的品种编号在本表未出现");
      }
    }
    return nextId;
  }

  /** The entry's category: the deepest code of the path it sits under, and the path's first four levels. */
  static void category(CatalogEntry e, String[] pathCodes, String[] pathNames) {
    int depth = 0;
    StringBuilder path = new StringBuilder();
    for (int d = 0; d < pathCodes.length && pathCodes[d] != null; d++) {
      if (d < 4) {
        e.catCodes[d] = pathCodes[d];
        e.catNames[d] = pathNames[d];
      }
      if (path.length() > 0) {
        path.append(" > ");
      }
      path.append(pathCodes[d]).append(' ').append(pathNames[d] == null ? "" : pathNames[d]);
      depth = d;
    }
    e.categoryCode = pathCodes[depth];
    e.categoryName = pathNames[depth];
    e.categoryPath = path.toString();
    e.ethnic = "中成药".equals(e.medicineType) && pathNames[0] != null && pathNames[0].contains("民族药");
  }

  /** A negotiated entry's payment standard (amount, unit, * = confidential) and validity range. */
  static void payment(CatalogEntry e, String paymentCell, String validityCell, Normalisations n) {
    e.paymentStandard = TextCleaner.clean(paymentCell, null);
    PaymentStandard ps = PaymentStandard.parse(e.paymentStandard);
    if (ps != null) {
      e.paymentConfidential = ps.confidential;
      e.paymentItems = ps.amounts.size();
      if (!ps.amounts.isEmpty()) {
        e.paymentAmount = ps.amounts.get(0).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
        e.paymentUnit = ps.units.get(0);
      }
      n.add(ps.confidential ? "支付标准保密(*)" : "支付标准解析为金额+单位");
    } else if (e.paymentStandard != null) {
      n.add("支付标准无法解析，保留原文");
    }
    e.validityText = TextCleaner.clean(validityCell, null);
    ValidityRange vr = ValidityRange.parse(e.validityText);
    if (vr != null) {
      e.validFrom = vr.from;
      e.validTo = vr.to;
      n.add("协议有效期解析为日期");
    } else if (e.validityText != null) {
      n.add("协议有效期无法解析，保留原文");
    }
  }

  /** For each header column, the next header column to its right (exclusive bound of its cells). */
  private static int[] headerBounds(Columns c) {
    int[] cols = {c.code, c.category, c.number, c.name, c.form, c.payment, c.remark, c.validity};
    int max = 0;
    for (int v : cols) {
      max = Math.max(max, v);
    }
    int[] bounds = new int[max + 1];
    for (int v : cols) {
      if (v < 0) {
        continue;
      }
      int next = Integer.MAX_VALUE;
      for (int w : cols) {
        if (w > v && w < next) {
          next = w;
        }
      }
      bounds[v] = next;
    }
    return bounds;
  }

  private static String levelOf(String[] cells, Columns col, Normalisations n, String part) {
    for (int i = col.category; i < col.number && i < cells.length; i++) {
      String v = trimmed(at(cells, i));
      if ("甲".equals(v) || "乙".equals(v)) {
        return v;
      }
    }
    n.add("谈判/竞价药品无甲乙标注，按乙类");
    return "乙";
  }

  static void setForms(CatalogEntry e, String formCell, Normalisations n) {
    String form = TextCleaner.clean(formCell, n);
    boolean chinese = "中成药".equals(e.medicineType);
    if (form != null) {
      e.dosageForm = form;
      e.dosageForms = form;
      e.formSource = "剂型列";
      return;
    }
    List<String> forms = chinese ? DosageForms.chineseForms(e.name) : new ArrayList<>();
    if (!chinese) {
      String f = DosageForms.fromName(e.name, false);
      if (f != null) {
        forms.add(f);
      }
    }
    if (forms.isEmpty()) {
      e.dosageForm = DosageForms.UNKNOWN;
      e.dosageForms = DosageForms.UNKNOWN;
      e.formSource = "未注明";
      n.add("剂型无法确定，记为未注明");
    } else {
      e.dosageForm = forms.get(0);
      e.dosageForms = String.join("、", forms);
      e.formSource = "名称推断";
      n.add("剂型由药品名称推断");
    }
  }

  private static String at(String[] cells, int i) {
    return i >= 0 && i < cells.length ? cells[i] : null;
  }

  private static String trimmed(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  private static String firstBetween(String[] cells, int from, int toExclusive) {
    if (from < 0) {
      return null;
    }
    for (int i = from; i < Math.min(toExclusive, cells.length); i++) {
      if (cells[i] != null && !cells[i].isBlank()) {
        return cells[i];
      }
    }
    return null;
  }

  private String text(Cell cell) {
    if (cell == null) {
      return null;
    }
    String s = formatter.formatCellValue(cell);
    return s == null || s.isBlank() ? null : s;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.replace('\n', ' ').replace('\r', ' ');
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}
