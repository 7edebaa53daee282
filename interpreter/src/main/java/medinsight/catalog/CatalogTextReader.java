package medinsight.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the catalog as NHSA publishes it: the text of the official PDF (from
 * {@link CatalogPdfReader}, or a text file of it), where a page ends with {@code 第 N 页}, a table
 * row starts {@code 甲|乙 编号 名称 …} and wrapped cells continue on the following lines. It gives
 * the same entries as the workbook reader — sections, inherited categories, {@code ★(n)} repeats
 * (also with full-width brackets), names on several lines, dosage form and remark told apart,
 * payment standards and validity ranges — and the 中药饮片 part with its □ marks and the list of
 * pieces not paid. Every line is accounted for: front matter, headers, categories, entries and
 * their continuation lines, footnotes, or a rejected line with its page and reason.
 */
public final class CatalogTextReader {
  private static final Pattern PAGE = Pattern.compile("^第\\s*(\\d+)\\s*页$");
  private static final Pattern ENTRY = Pattern.compile("^([甲乙])\\s+(★\\s*[（(]\\s*\\d+\\s*[)）]\\s*|\\d+(?:\\s+|$))(.*)$");
  private static final Pattern CATEGORY = Pattern.compile("^([XZ][A-Z0-9]{1,7})\\s+(\\S.*)$");
  private static final Pattern REPEAT = Pattern.compile("^★\\s*[（(]\\s*(\\d+)\\s*[)）]$");
  private static final Pattern PRICE = Pattern.compile("^(\\*|[0-9][0-9.,]*\\s*元.*|见备注.*)$");
  private static final Pattern DATE_START = Pattern.compile("^\\d{4}年\\d{1,2}月\\d{1,2}日至.*");
  private static final Pattern DATE = Pattern.compile("^\\d{4}年\\d{1,2}月\\d{1,2}日(至(\\d{4}年\\d{1,2}月\\d{1,2}日)?)?$");
  /** A category name wrapped onto the next line, printed against the entry that follows it. */
  private static final Pattern GLUED = Pattern.compile("^(\\S+?)([甲乙]\\s+(?:★\\s*[（(]\\s*\\d+\\s*[)）]|\\d+)(?:\\s+.*)?)$");

  /** The lines of a text: what each one was taken as, for the quality report. */
  public static final class Accounting {
    public int pages;
    public int lines;
    public int frontMatter;
    public int headers;
    public int categoryRows;
    public int entryLines;
    public int continuationLines;
    public int footnoteLines;
    public int yinpianLines;
    public int rejectedLines;
  }

  /** What the text held: the entries, the 饮片 list and the pieces not paid. */
  public static final class Result {
    public final LoadResult<CatalogEntry> catalog;
    public final List<YinpianEntry> yinpian = new ArrayList<>();
    public final List<String> excludedPieces = new ArrayList<>();
    public final Accounting accounting = new Accounting();

    Result(LoadResult<CatalogEntry> catalog) {
      this.catalog = catalog;
    }
  }

  /**
   * True when the text is the catalog: its part headings are there, as lines of a text file or as
   * the table records the PDF gives ({@link PdfTableText}), read the way {@link #read} reads them.
   */
  public static boolean looksLikeCatalog(List<String> lines) {
    boolean western = false;
    boolean chinese = false;
    for (String l : lines) {
      String t = compact(l);
      western |= t.equals("西药部分");
      chinese |= t.equals("中成药部分");
    }
    return western && chinese;
  }

  /** A line's text without white space: a PDF record's cells joined, or the line itself. */
  static String compact(String line) {
    if (!line.isEmpty() && line.charAt(0) == PdfTableText.CELL) {
      StringBuilder b = new StringBuilder();
      for (PdfCell c : PdfCell.parse(line)) {
        b.append(c.text);
      }
      return b.toString().replaceAll("\\s", "");
    }
    return line.replace('\u00A0', ' ').replace('\u3000', ' ').replaceAll("\\s", "");
  }

  private enum Mode { FRONT, TABLE, FOOTNOTE, YINPIAN, EXCLUDED }

  /** An entry being read: its first line and the lines that continue it. */
  private static final class Raw {
    String level;
    String number;
    int page;
    int line;
    String[] section;
    String[] codes;
    String[] names;
    final List<String> text = new ArrayList<>();
    /** The row's cells, when the PDF's ruling gave them. */
    Cells cells;
  }

  /** A cell of a ruled table row from the PDF: its horizontal extent and its lines. */
  private static final class PdfCell {
    final float x0;
    final float x1;
    final String text;

    PdfCell(float x0, float x1, String text) {
      this.x0 = x0;
      this.x1 = x1;
      this.text = text.trim();
    }

    static List<PdfCell> parse(String line) {
      List<PdfCell> out = new ArrayList<>();
      for (String part : line.substring(1).split(String.valueOf(PdfTableText.CELL), -1)) {
        int at = part.indexOf(PdfTableText.AT);
        String[] x = part.substring(0, at).split(",");
        out.add(new PdfCell(Float.parseFloat(x[0]), Float.parseFloat(x[1]),
            part.substring(at + 1).replace('\u00A0', ' ').replace('\u3000', ' ')));
      }
      return out;
    }
  }

  /** Where each column of a ruled table lies, from its header row. */
  private static final class Columns {
    static final String[] FIELDS = {"code", "category", "number", "name", "form", "payment", "remark", "validity"};
    final float[][] at = new float[FIELDS.length][];

    static Columns of(List<PdfCell> cells) {
      Columns c = new Columns();
      for (PdfCell cell : cells) {
        String h = cell.text.replaceAll("\\s", "");
        int f = h.contains("代码") ? 0 : h.equals("药品分类") ? 1 : h.equals("编号") ? 2 : h.equals("药品名称") ? 3
            : h.equals("剂型") ? 4 : h.contains("有效期") ? 7 : h.contains("支付标准") ? 5 : h.equals("备注") ? 6 : -1;
        if (f >= 0) {
          c.at[f] = new float[] {cell.x0, cell.x1};
        }
      }
      return c.at[2] != null && c.at[3] != null ? c : null;
    }

    /** The field a cell lies in: the header column it overlaps most. */
    int field(PdfCell cell) {
      int best = -1;
      float most = 0;
      for (int f = 0; f < at.length; f++) {
        if (at[f] == null) {
          continue;
        }
        float overlap = Math.min(cell.x1, at[f][1]) - Math.max(cell.x0, at[f][0]);
        if (overlap > most) {
          most = overlap;
          best = f;
        }
      }
      return best;
    }
  }

  /**
   * A category row: its code goes where it nests in the path (XA01 under XA), deeper levels are
   * cleared; returns its depth.
   */
  private static int enter(String[] pathCodes, String[] pathNames, String code, String name) {
    int depth = 0;
    while (depth < pathCodes.length && pathCodes[depth] != null && code.startsWith(pathCodes[depth])
        && !code.equals(pathCodes[depth])) {
      depth++;
    }
    depth = Math.min(depth, pathCodes.length - 1);
    pathCodes[depth] = code;
    pathNames[depth] = TextCleaner.clean(name, null);
    for (int d = depth + 1; d < pathCodes.length; d++) {
      pathCodes[d] = null;
      pathNames[d] = null;
    }
    return depth;
  }

  /** A table row with a single filled cell (a heading, a footnote, the page number) is text, line by line. */
  private static List<String> expandSingleCells(List<String> lines) {
    List<String> out = new ArrayList<>(lines.size());
    for (String line : lines) {
      if (!line.isEmpty() && line.charAt(0) == PdfTableText.CELL) {
        List<PdfCell> row = PdfCell.parse(line);
        List<PdfCell> filled = new ArrayList<>();
        for (PdfCell c : row) {
          if (!c.text.isEmpty()) {
            filled.add(c);
          }
        }
        if (filled.size() == 1) {
          out.addAll(List.of(filled.get(0).text.split("\n")));
          continue;
        }
      }
      out.add(line);
    }
    return out;
  }

  public Result read(List<String> input, String source, int edition) {
    List<String> lines = expandSingleCells(input);
    Result res = new Result(new LoadResult<>(source, DataKind.CATALOG));
    Accounting acc = res.accounting;
    Mode mode = Mode.FRONT;
    String[] section = null;
    boolean negotiatedPart = false;
    String[] pathCodes = new String[8];
    String[] pathNames = new String[8];
    List<Raw> raws = new ArrayList<>();
    Raw current = null;
    int lastCategory = -1;
    YinpianEntry openRemark = null;
    Columns[] columnsBox = {null};
    int page = 1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isEmpty() && line.charAt(0) == PdfTableText.CELL) {
        List<PdfCell> row = PdfCell.parse(line);
        StringBuilder joined = new StringBuilder();
        for (PdfCell c : row) {
          if (!c.text.isEmpty()) {
            joined.append(joined.length() > 0 ? " " : "").append(c.text.replace("\n", ""));
          }
        }
        String compact = joined.toString().replaceAll("\\s", "");
        boolean structural = PAGE.matcher(joined.toString().trim()).matches() || compact.equals("西药部分")
            || compact.equals("中成药部分") || compact.equals("协议期内谈判药品部分") || compact.equals("竞价药品部分")
            || compact.equals("中药饮片部分") || compact.matches("[（(][一二12][)）](西药|中成药|基金予以支付的中药饮片)")
            || compact.startsWith("备注") || (mode == Mode.EXCLUDED) || compact.matches("[（(][二2][)）]不得纳入.*");
        if (structural || mode == Mode.FRONT || mode == Mode.FOOTNOTE) {
          line = joined.toString();
        } else {
          // a row of a ruled table, cell by cell (from the PDF)
          acc.lines++;
          if (mode == Mode.YINPIAN) {
            openRemark = yinpianLine(joined.toString(), mode, res, page, acc, openRemark);
            continue;
          }
          tableRow(row, i, page, res, section, pathCodes, pathNames, raws, columnsBox);
          current = null;
          continue;
        }
      }
      String t = line.replace('\u00A0', ' ').replace('\u3000', ' ').trim();
      acc.lines++;
      if (t.isEmpty()) {
        acc.frontMatter++;
        continue;
      }
      Matcher pm = PAGE.matcher(t);
      if (pm.matches()) {
        acc.pages++;
        page = Integer.parseInt(pm.group(1)) + 1;
        if (mode == Mode.FOOTNOTE) {
          mode = Mode.TABLE;
        }
        continue;
      }
      String heading = t.replaceAll("\\s", "");
      String[] next = null;
      if (heading.equals("西药部分")) {
        next = SECTIONS[0];
        negotiatedPart = false;
      } else if (heading.equals("中成药部分")) {
        next = SECTIONS[1];
        negotiatedPart = false;
      } else if (heading.equals("协议期内谈判药品部分")) {
        negotiatedPart = true;
        acc.headers++;
        current = null;
        continue;
      } else if (negotiatedPart && heading.matches("[（(][一1][)）]西药")) {
        next = SECTIONS[2];
      } else if (negotiatedPart && heading.matches("[（(][二2][)）]中成药")) {
        next = SECTIONS[3];
      } else if (heading.equals("竞价药品部分")) {
        next = SECTIONS[4];
      } else if (heading.equals("中药饮片部分")) {
        mode = Mode.YINPIAN;
        current = null;
        acc.headers++;
        continue;
      }
      if (next != null) {
        section = next;
        mode = Mode.TABLE;
        current = null;
        Arrays.fill(pathCodes, null);
        Arrays.fill(pathNames, null);
        acc.headers++;
        continue;
      }
      switch (mode) {
        case FRONT:
          acc.frontMatter++;
          continue;
        case YINPIAN:
        case EXCLUDED:
          openRemark = yinpianLine(t, mode, res, page, acc, openRemark);
          if (t.matches("^[（(][二2][)）].*")) {
            mode = Mode.EXCLUDED;
          }
          continue;
        default:
          break;
      }
      if (t.startsWith("药品分类代码") || t.equals("药品分") || t.startsWith("类代码") || t.equals("药品分类")
          || t.startsWith("代码 药品分类")) {
        acc.headers++;
        continue;
      }
      if (t.matches("^备注\\s*\\d*\\s*[：:].*")) {
        mode = Mode.FOOTNOTE;
        lastCategory = -1;
        acc.footnoteLines++;
        current = null;
        continue;
      }
      Matcher gm = GLUED.matcher(t);
      if (current == null && lastCategory >= 0 && gm.matches() && !ENTRY.matcher(t).matches()
          && !CATEGORY.matcher(t).matches()) {
        // the end of the category's name, then the first entry under it
        // (the line is counted once, as the entry's)
        pathNames[lastCategory] = pathNames[lastCategory] + gm.group(1);
        t = gm.group(2);
      } else if (current == null && lastCategory >= 0 && !ENTRY.matcher(t).matches() && !CATEGORY.matcher(t).matches()) {
        pathNames[lastCategory] = pathNames[lastCategory] + t;
        acc.categoryRows++;
        continue;
      }
      Matcher cm = CATEGORY.matcher(t);
      if (cm.matches() && !ENTRY.matcher(t).matches()) {
        if (mode == Mode.FOOTNOTE) {
          mode = Mode.TABLE;
        }
        lastCategory = enter(pathCodes, pathNames, cm.group(1), cm.group(2));
        acc.categoryRows++;
        current = null;
        continue;
      }
      Matcher em = ENTRY.matcher(t);
      if (em.matches()) {
        lastCategory = -1;
        mode = Mode.TABLE;
        current = new Raw();
        current.level = em.group(1);
        current.number = em.group(2).replaceAll("\\s", "");
        current.page = page;
        current.line = i + 1;
        current.section = section;
        current.codes = pathCodes.clone();
        current.names = pathNames.clone();
        current.text.add(em.group(3) == null ? "" : em.group(3).trim());
        raws.add(current);
        acc.entryLines++;
        continue;
      }
      if (mode == Mode.FOOTNOTE) {
        acc.footnoteLines++;
        continue;
      }
      if (current != null) {
        current.text.add(t);
        acc.continuationLines++;
        continue;
      }
      acc.rejectedLines++;
      res.catalog.reject("第 " + page + " 页", i + 1, "无法归属的行：不是分类行、药品行或其续行", t);
    }
    build(raws, res, edition);
    return res;
  }

  private static final String[][] SECTIONS = {
    {"西药", "常规目录", "西药"},
    {"中成药", "常规目录", "中成药"},
    {"协议西药", "谈判药品", "西药"},
    {"协议中成药", "谈判药品", "中成药"},
    {"竞价药品", "竞价药品", "西药"},
  };

  /** A row of a ruled table from the PDF: the header (where the columns lie), a category row or an entry. */
  private void tableRow(List<PdfCell> row, int i, int page, Result res, String[] section, String[] pathCodes,
      String[] pathNames, List<Raw> raws, Columns[] columnsBox) {
    Accounting acc = res.accounting;
    Columns h = Columns.of(row);
    if (h != null) {
      columnsBox[0] = h;
      acc.headers++;
      return;
    }
    Columns columns = columnsBox[0];
    String shown = row.stream().map(c -> c.text.replace("\n", " ")).collect(Collectors.joining(" | "));
    if (columns == null) {
      acc.rejectedLines++;
      res.catalog.reject("第 " + page + " 页", i + 1, "表格行出现在表头之前", shown);
      return;
    }
    String[] f = new String[Columns.FIELDS.length];
    String level = null;
    for (PdfCell c : row) {
      if (c.text.isEmpty()) {
        continue;
      }
      int k = columns.field(c);
      Matcher lm = Pattern.compile("^(?:(\\S.*?)\\s+)?([甲乙])$", Pattern.DOTALL).matcher(c.text);
      if ((k == 0 || k == 1) && lm.matches()) {
        level = lm.group(2);
        if (lm.group(1) != null) {
          // the end of the category name above, printed in this row's cell
          for (int d = pathCodes.length - 1; d >= 0; d--) {
            if (pathCodes[d] != null) {
              pathNames[d] = pathNames[d] + lm.group(1).replaceAll("\\s", "");
              break;
            }
          }
        }
        continue;
      }
      if (k >= 0) {
        f[k] = f[k] == null ? c.text : f[k] + " " + c.text;
      }
    }
    String code = f[0] == null ? null : f[0].replaceAll("\\s", "");
    if (f[2] == null && code != null && code.matches("^[XZ][A-Z0-9]{1,7}$")) {
      // a merged cell holds the category's name, under whichever column it spreads over
      String name = null;
      for (int k = 1; name == null && k < f.length; k++) {
        name = f[k];
      }
      enter(pathCodes, pathNames, code, name);
      acc.categoryRows++;
      return;
    }
    if (f[2] == null || level == null) {
      acc.rejectedLines++;
      res.catalog.reject("第 " + page + " 页", i + 1, "表格行既不是分类行也不是药品行", shown);
      return;
    }
    Raw r = new Raw();
    r.level = level;
    r.number = f[2].replaceAll("\\s", "");
    r.page = page;
    r.line = i + 1;
    r.section = section;
    r.codes = pathCodes.clone();
    r.names = pathNames.clone();
    r.text.add(shown);
    r.cells = new Cells();
    r.cells.name = f[3];
    r.cells.form = f[4];
    r.cells.price = f[5];
    r.cells.remark = f[6];
    r.cells.validity = f[7];
    raws.add(r);
    acc.entryLines++;
  }

  /**
   * One line of the 饮片 part: two columns of {@code 编号 名称 [□][; 备注]}; a remark wrapped onto
   * the next line starts that line. Returns the entry whose remark may go on.
   */
  private YinpianEntry yinpianLine(String t, Mode mode, Result res, int page, Accounting acc, YinpianEntry open) {
    if (t.matches("^[（(][二2][)）].*")) {
      acc.headers++;
      return null;
    }
    if (mode == Mode.EXCLUDED) {
      if (t.startsWith("注")) {
        acc.footnoteLines++;
      } else {
        acc.yinpianLines++;
        for (String piece : t.split("[、，,]")) {
          String p = piece.trim();
          if (!p.isEmpty()) {
            res.excludedPieces.add(p);
          }
        }
      }
      return null;
    }
    if (t.matches("^[（(][一1][)）].*") || t.startsWith("序号")) {
      acc.headers++;
      return null;
    }
    String[] words = t.split("\\s+");
    YinpianEntry cur = null;
    YinpianEntry carry = null;
    int i = 0;
    if (!words[0].matches("\\d+")) {
      if (open == null) {
        acc.rejectedLines++;
        res.catalog.reject("第 " + page + " 页", 0, "饮片行无法识别", t);
        return null;
      }
      while (i < words.length && !words[i].matches("\\d+")) {
        open.remark = open.remark + words[i++];
      }
    }
    while (i < words.length) {
      if (!words[i].matches("\\d+") || i + 1 >= words.length) {
        acc.rejectedLines++;
        res.catalog.reject("第 " + page + " 页", 0, "饮片行无法识别", t);
        return null;
      }
      cur = new YinpianEntry();
      cur.number = Integer.parseInt(words[i]);
      cur.name = words[i + 1];
      cur.sourceRow = page;
      i += 2;
      res.yinpian.add(cur);
      if (i < words.length && words[i].startsWith("□")) {
        cur.notPaidAlone = true;
        String rest = words[i].substring(1).replaceFirst("^[;；]", "");
        i++;
        if (words[i - 1].matches("□[;；].*")) {
          StringBuilder r = new StringBuilder(rest);
          while (i < words.length && !words[i].matches("\\d+")) {
            r.append(words[i++]);
          }
          cur.remark = r.toString();
          carry = cur;
        }
      }
    }
    acc.yinpianLines++;
    return carry;
  }

  /** Splits each entry's lines into its cells and builds the entries. */
  private void build(List<Raw> raws, Result res, int edition) {
    LoadResult<CatalogEntry> out = res.catalog;
    Set<String> seen = new HashSet<>();
    Map<String, Integer> firstLine = new HashMap<>();
    int id = 1;
    for (Raw r : raws) {
      out.read++;
      String raw = String.join(" ", r.text);
      if (r.section == null) {
        out.reject("第 " + r.page + " 页", r.line, "药品行出现在任何目录部分之前", raw);
        continue;
      }
      if (r.codes[0] == null) {
        out.reject("第 " + r.page + " 页", r.line, "药品行出现在任何分类行之前，无法确定分类", raw);
        continue;
      }
      Integer repeatOf = null;
      int number;
      Matcher m = REPEAT.matcher(r.number);
      if (m.matches()) {
        repeatOf = Integer.parseInt(m.group(1));
        number = repeatOf;
        out.normalisations.add("★重复剂型关联到品种");
      } else {
        number = Integer.parseInt(r.number);
        if (!seen.add(r.section[0] + ":" + number)) {
          out.reject("第 " + r.page + " 页", r.line, "编号 " + number + " 在本部分重复出现（首次在第 "
              + firstLine.get(r.section[0] + ":" + number) + " 行）", raw);
          continue;
        }
        firstLine.put(r.section[0] + ":" + number, r.line);
      }
      Cells c = r.cells != null ? r.cells : "常规目录".equals(r.section[1]) ? regular(r, "西药".equals(r.section[2])) : negotiated(r);
      List<String> names = TextCleaner.nameAlternatives(c.name, out.normalisations);
      if (names.isEmpty()) {
        out.reject("第 " + r.page + " 页", r.line, "药品名称为空", raw);
        continue;
      }
      CatalogEntry e = new CatalogEntry();
      e.entryId = id++;
      e.edition = edition;
      e.section = r.section[0];
      e.part = r.section[1];
      e.medicineType = r.section[2];
      e.number = number;
      e.repeatOf = repeatOf;
      e.varietyId = e.section + ":" + number;
      e.level = r.level;
      e.name = names.get(0);
      e.names = String.join(" / ", names);
      CatalogWorkbookReader.setForms(e, c.form, out.normalisations);
      e.remark = TextCleaner.clean(c.remark, out.normalisations);
      Marks.apply(e, out.normalisations);
      CatalogWorkbookReader.category(e, r.codes, r.names);
      if (!"常规目录".equals(r.section[1])) {
        CatalogWorkbookReader.payment(e, c.price, c.validity, out.normalisations);
      }
      e.sourceSheet = "第 " + r.page + " 页";
      e.sourceRow = r.line;
      out.records.add(e);
    }
    for (CatalogEntry e : out.records) {
      out.countMissing("name", e.name);
      out.countMissing("dosage_form", DosageForms.UNKNOWN.equals(e.dosageForm) ? null : e.dosageForm);
      out.countMissing("remark", e.remark);
      out.countMissing("category_code", e.categoryCode);
    }
  }

  /** The cells of an entry, each with its wrapped lines joined by line breaks. */
  private static final class Cells {
    String name;
    String form;
    String remark;
    String price;
    String validity;
  }

  private static String add(String cell, String piece) {
    return cell == null ? piece : cell + "\n" + piece;
  }

  /**
   * 西药 and 中成药 parts: name, (西药) dosage form, remark. On the first line the form is the
   * first word that is a form of the catalog; what follows it (or, without one, the words after
   * the name) is the remark. A continued line belongs to the remark once it has begun, else to
   * the name (a long name, or alternative names one per line), itself possibly followed by the
   * form and remark.
   */
  private static Cells regular(Raw r, boolean western) {
    Cells c = new Cells();
    List<String> lines = new ArrayList<>(r.text);
    // a form wrapped in its narrow column (缓释微球注射 / 剂) is one word again
    for (int i = 1; western && i < lines.size(); i++) {
      String prev = lines.get(i - 1);
      String frag = lines.get(i);
      int sp = prev.lastIndexOf(' ');
      if (sp > 0 && !frag.contains(" ") && frag.length() <= 3 && DosageForms.isCatalogForm(prev.substring(sp + 1) + frag)) {
        lines.set(i - 1, prev + frag);
        lines.remove(i--);
      }
    }
    for (String line : lines) {
      if (line.isEmpty()) {
        continue;
      }
      if (c.remark != null) {
        c.remark = add(c.remark, line);
        continue;
      }
      if (c.name != null && line.startsWith("限")) {
        c.remark = line;
        continue;
      }
      if (c.form != null && line.matches("^[(（][^()（）]*[)）]$")) {
        c.form = c.form + line;
        continue;
      }
      String[] words = line.split("\\s+");
      int form = -1;
      if (western) {
        for (int i = 1; i < words.length; i++) {
          if (DosageForms.isCatalogForm(words[i])) {
            form = i;
            break;
          }
        }
        if (form < 0 && words.length > 0 && c.name != null && DosageForms.isCatalogForm(words[0])) {
          form = 0;
        }
      }
      int nameEnd = form >= 0 ? form : nameWords(words);
      if (nameEnd > 0) {
        c.name = add(c.name, String.join(" ", Arrays.copyOfRange(words, 0, nameEnd)));
      }
      int rest = nameEnd;
      if (form >= 0) {
        c.form = words[form];
        rest = form + 1;
      }
      if (rest < words.length) {
        c.remark = String.join(" ", Arrays.copyOfRange(words, rest, words.length));
      }
    }
    return c;
  }

  /** How many words of a line are the name: one, unless the next word plainly continues it. */
  private static int nameWords(String[] words) {
    int n = 1;
    while (n < words.length && continuesName(words[n])) {
      n++;
    }
    return n;
  }

  /** A word printed after a space inside a name: a roman numeral or a bracketed part. */
  private static boolean continuesName(String w) {
    return w.matches("^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ][(（].*") || w.matches("^[(（][ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ0-9A-Za-z]+[)）]$");
  }

  /**
   * Negotiated and bid parts: name, payment standard, remark, validity. The words are read in
   * order: the name until a price (an amount in 元, or {@code *}); the price until its brackets
   * close; then the remark; a date ends the remark and starts the validity range.
   */
  private static Cells negotiated(Raw r) {
    Cells c = new Cells();
    int state = 0; // 0 name, 1 price, 2 remark, 3 validity
    int depth = 0;
    boolean remarkStarted = false;
    for (String line : r.text) {
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      StringBuilder name = new StringBuilder();
      StringBuilder price = new StringBuilder();
      StringBuilder remark = new StringBuilder();
      StringBuilder validity = new StringBuilder();
      for (int i = 0; i < words.length; i++) {
        String w = words[i];
        if (DATE.matcher(w).matches() || DATE_START.matcher(w).matches()) {
          state = 3;
          validity.append(w);
          continue;
        }
        if (state == 0 && (PRICE.matcher(w).matches() && (i > 0 || c.name != null))) {
          state = 1;
        }
        if (state == 2 && !remarkStarted && (PRICE.matcher(w).matches() || w.startsWith("；") || w.startsWith(";")
            || w.startsWith("(") || w.startsWith("（"))) {
          // the price goes on: a bracket wrapped onto the next line, or the next of several prices
          state = 1;
        }
        if (state == 1) {
          price.append(price.length() > 0 ? " " : "").append(w);
          depth += balance(w);
          if (depth <= 0 && !w.endsWith("；") && !w.endsWith(";") && !w.endsWith("元")) {
            state = 2;
            depth = 0;
          }
          continue;
        }
        if (state == 2) {
          remarkStarted = true;
        }
        if (state == 0) {
          name.append(name.length() > 0 ? " " : "").append(w);
        } else {
          remark.append(remark.length() > 0 ? " " : "").append(w);
        }
      }
      if (name.length() > 0) {
        c.name = add(c.name, name.toString());
      }
      if (price.length() > 0) {
        c.price = add(c.price, price.toString());
      }
      if (remark.length() > 0) {
        c.remark = add(c.remark, remark.toString());
      }
      if (validity.length() > 0) {
        c.validity = add(c.validity, validity.toString());
      }
    }
    return c;
  }

  private static int balance(String w) {
    int d = 0;
    for (int i = 0; i < w.length(); i++) {
      char ch = w.charAt(i);
      if (ch == '(' || ch == '（') {
        d++;
      } else if (ch == ')' || ch == '）') {
        d--;
      }
    }
    return d;
  }
}
