package medinsight.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
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
import org.apache.poi.EmptyFileException;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.util.RecordFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the official catalog workbook as published: five sheets, category rows that carry only a
 * code and a name, entry rows that inherit the nearest categories above them, {@code ★(n)} repeats
 * of variety n, cells with line breaks and stray spaces. Column positions are found from each
 * sheet's header row, so a later edition with shifted columns reads the same.
 */
public final class CatalogWorkbookReader {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogWorkbookReader.class);
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

  /**
   * Opens an xlsx (or an xls). A file that is no workbook, a truncated one, one with a password and
   * one beyond the reader's size limits are each a one-line {@link LoadException} that says which;
   * the reader's own message goes to the log only.
   */
  public static Workbook openWorkbook(InputStream in, String source) {
    InputStream is = FileMagic.prepareToCheckMagic(in);
    FileMagic magic;
    try {
      magic = FileMagic.valueOf(is);
      if (magic != FileMagic.OOXML && magic != FileMagic.OLE2) {
        is.mark(TabularSource.SAMPLE);
        byte[] head = is.readNBytes(TabularSource.SAMPLE);
        throw new LoadException("文件 " + source + " 不是 Excel 工作簿（内容是" + contentOf(magic, head) + "）。请检查文件后重新加载。");
      }
    } catch (EmptyFileException e) {
      throw new LoadException("文件为空：" + source, e);
    } catch (IOException e) {
      throw new LoadException("无法读取 " + source + "：" + oneLine(e), e);
    }
    try {
      return WorkbookFactory.create(is);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not open {} as a workbook", source, e);
      throw workbookError(source, magic, e);
    }
  }

  private static final Pattern MAX_LENGTH = Pattern.compile("maximum length for this record type is ([0-9,]+)");
  private static final Pattern ENTRY = Pattern.compile("Entry: (\\S+)");

  /** The one-line message for a workbook the reader could not open. */
  static LoadException workbookError(String source, FileMagic magic, Exception e) {
    StringBuilder all = new StringBuilder();
    boolean encrypted = false;
    boolean tooLong = false;
    boolean notOffice = false;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t.getMessage()).append('\n');
      encrypted |= t instanceof EncryptedDocumentException;
      tooLong |= t instanceof RecordFormatException && String.valueOf(t.getMessage()).contains("maximum length");
      notOffice |= t instanceof NotOfficeXmlFileException;
    }
    String m = all.toString();
    String saveAsCsv = "请在 Excel 中另存为 CSV（UTF-8）后加载。现有数据保持不变。";
    if (tooLong) {
      Matcher limit = MAX_LENGTH.matcher(m);
      return new LoadException("工作簿 " + source + " 太大，无法按 xlsx 读取：其中有部件解压后超过 "
          + (limit.find() ? limit.group(1) + " 字节" : "读取上限") + "（xlsx 读取上限）。" + saveAsCsv, e);
    }
    if (m.contains("Zip bomb detected")) {
      Matcher entry = ENTRY.matcher(m);
      String part = entry.find() ? RejectedRow.excerpt(entry.group(1)) : "其中有部件";
      String why = m.contains("MIN_INFLATE_RATIO")
          ? part + " 解压后超过压缩大小的 " + Math.round(1 / ZipSecureFile.getMinInflateRatio()) + " 倍（xlsx 读取的安全上限）"
          : part + " 解压后超过 " + String.format("%,d", ZipSecureFile.getMaxEntrySize()) + " 字节（xlsx 读取上限）";
      return new LoadException("工作簿 " + source + " 无法按 xlsx 读取：" + why + "。如是正常数据，" + saveAsCsv, e);
    }
    if (m.contains("MAX_FILE_COUNT")) {
      return new LoadException("工作簿 " + source + " 无法按 xlsx 读取：其中的文件数超过 xlsx 读取上限。" + saveAsCsv, e);
    }
    if (encrypted) {
      return new LoadException("工作簿 " + source + " 有密码保护，无法读取。请在 Excel 中取消密码后另存，再重新加载。", e);
    }
    if (m.contains("wordprocessingml")) {
      return new LoadException("文件 " + source + " 是 Word 文档，不是 Excel 工作簿。请检查文件后重新加载。", e);
    }
    if (m.contains("presentationml")) {
      return new LoadException("文件 " + source + " 是 PowerPoint 演示文稿，不是 Excel 工作簿。请检查文件后重新加载。", e);
    }
    if (notOffice || m.contains("content type part")) {
      return new LoadException("文件 " + source + " 是 zip 压缩包，但不是 Excel 工作簿（xlsx）。请检查文件后重新加载。", e);
    }
    if (magic == FileMagic.OLE2) {
      return new LoadException("无法读取 Excel 文件 " + source + "：文件不完整，或是旧版 Office 文件但不是 Excel 工作簿。"
          + "请检查文件后重新加载。", e);
    }
    return new LoadException("无法读取 Excel 文件 " + source + "：文件不完整或不是有效的 xlsx。请检查文件后重新加载。", e);
  }

  /** What a file that is no workbook holds, by its first bytes. */
  private static String contentOf(FileMagic magic, byte[] head) {
    switch (magic) {
      case PDF: return " PDF；目录 PDF 请以 .pdf 结尾的路径加载";
      case PNG: case JPEG: case GIF: case TIFF: case BMP: case WMF: case EMF: return " " + magic.name() + " 图片";
      case HTML: return " HTML 网页；请在 Excel 中另存为 xlsx";
      case XML: return " XML；请在 Excel 中另存为 xlsx";
      case RTF: case MSWRITE: case WORD2: return " Word 文档";
      case BIFF2: case BIFF3: case BIFF4: return "早期版本的 Excel 文件；请在 Excel 中另存为 xlsx";
      default:
        return TabularSource.binaryAt(head, head.length) < 0 ? "文本；CSV 文件请以 .csv 结尾的路径加载" : "无法识别的二进制数据";
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
    LoadResult<CatalogEntry> result = new LoadResult<>(source, DataKind.CATALOG);
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
      Marks.apply(e, result.normalisations);
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
        e.paymentAmount = ps.amounts.get(0).setScale(2, RoundingMode.HALF_UP).doubleValue();
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

  /**
   * An exception's message fit for one printed line: no line breaks or other control characters,
   * no Java class names, at most 200 characters.
   */
  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return "未知错误";
    }
    m = m.replaceAll("(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?", "")
        .replaceAll("\\b[A-Z][\\w$]*(?:Exception|Error)\\b:?", "")
        .replaceAll("[\\p{Cntrl}\\uFFFD]+", " ").replaceAll(" {2,}", " ").trim();
    if (m.isEmpty()) {
      return "未知错误";
    }
    return m.length() > 200 ? m.substring(0, 200) + "…" : m;
  }
}
