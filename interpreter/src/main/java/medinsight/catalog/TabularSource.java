package medinsight.catalog;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * A table read from a CSV (UTF-8 or GBK, detected) or the first sheet of an xlsx: a header and
 * records, each with its row number in the source (the header is row 1).
 */
public final class TabularSource implements AutoCloseable {
  /** Columns a table may have; a header with more is refused. */
  public static final int MAX_COLUMNS = 512;
  /** Characters a cell may hold; a record with a longer cell is rejected with its row number. */
  public static final int MAX_CELL_CHARS = 1 << 16;
  /**
   * Characters the CSV parser reads into one cell before it gives up on the whole file: well
   * above {@link #MAX_CELL_CHARS}, so that a row with a long cell is read, and rejected on its
   * own, while the file goes on loading.
   */
  static final int PARSER_CELL_CHARS = 1 << 20;
  /** Bytes looked at to tell the encoding, and text from binary content. */
  static final int SAMPLE = 1 << 16;

  /** One data record with its 1-based source row number. */
  public static final class Record {
    public final int row;
    public final String[] values;
    /**
     * Why the record cannot be loaded although it was read (a cell too long, binary content), or
     * null; the readers reject such a record with this reason.
     */
    public final String error;

    Record(int row, String[] values) {
      this(row, values, problem(values));
    }

    Record(int row, String[] values, String error) {
      this.row = row;
      this.values = values;
      this.error = error;
    }
  }

  /** What makes a record unloadable whatever its columns mean, or null. */
  static String problem(String[] values) {
    for (int i = 0; i < values.length; i++) {
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (v.length() > MAX_CELL_CHARS) {
        return "第 " + (i + 1) + " 列有 " + v.length() + " 个字符，超过上限 " + MAX_CELL_CHARS;
      }
      if (v.indexOf('\0') >= 0) {
        return "第 " + (i + 1) + " 列含有 NUL 字符（二进制内容）";
      }
    }
    return null;
  }

  public final String[] header;
  public final String encoding;
  private final Iterator<Record> records;
  private final AutoCloseable closer;

  private TabularSource(String[] header, String encoding, Iterator<Record> records, AutoCloseable closer) {
    this.header = header;
    this.encoding = encoding;
    this.records = records;
    this.closer = closer;
  }

  public Iterator<Record> records() {
    return records;
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      // nothing more to read; closing errors change no result
    }
  }

  public static TabularSource csv(InputStream raw, String source) {
    try {
      byte[] head = new byte[SAMPLE];
      int n = raw.readNBytes(head, 0, head.length);
      if (n == 0) {
        throw new LoadException("文件为空：" + source);
      }
      if (n >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
          || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
        throw new LoadException("文件 " + source + " 是 UTF-16 编码的文本，无法作为 CSV 读取。请另存为 UTF-8 或 GBK 编码的 CSV 后加载。");
      }
      int binary = binaryAt(head, n);
      if (binary >= 0) {
        String kind = kindOf(head, n);
        throw new LoadException("文件 " + source + " 不是文本文件（第 " + (binary + 1) + " 个字节起为二进制内容），无法作为 CSV 读取"
            + (kind.isEmpty() ? "。" : "：" + kind + "。"));
      }
      Charset cs = detect(head, n);
      int skip = cs.equals(StandardCharsets.UTF_8) && n >= 3 && (head[0] & 0xFF) == 0xEF
          && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
      // the header is counted before it is parsed, read past the sample when it is longer, so that
      // a header with too many columns is refused with its count
      HeaderScan scan = new HeaderScan();
      scan.feed(head, 0, n);
      byte[] prefix = head;
      if (!scan.ended && n == SAMPLE) {
        ByteArrayOutputStream more = new ByteArrayOutputStream();
        more.write(head, 0, n);
        byte[] buf = new byte[1 << 13];
        int r;
        while (!scan.ended && more.size() < MAX_HEADER_BYTES && (r = raw.read(buf)) > 0) {
          scan.feed(buf, 0, r);
          more.write(buf, 0, r);
        }
        prefix = more.toByteArray();
        n = prefix.length;
      }
      if (scan.columns > MAX_COLUMNS) {
        throw new LoadException("文件 " + source + " 的表头" + (scan.ended ? "有 " : "至少有 ") + scan.columns
            + " 列，超过上限 " + MAX_COLUMNS + " 列。现有数据保持不变。");
      }
      InputStream in = new SequenceInputStream(new ByteArrayInputStream(prefix, skip, n - skip), raw);
      CsvParserSettings settings = new CsvParserSettings();
      settings.setMaxCharsPerColumn(PARSER_CELL_CHARS);
      settings.setMaxColumns(MAX_COLUMNS);
      settings.setNullValue(null);
      settings.setEmptyValue(null);
      settings.setLineSeparatorDetectionEnabled(true);
      settings.setSkipEmptyLines(true);
      settings.getFormat().setComment('\0');
      CsvParser parser = new CsvParser(settings);
      parser.beginParsing(new InputStreamReader(in, cs));
      String[] header;
      try {
        header = parser.parseNext();
      } catch (TextParsingException e) {
        if (tooManyColumns(e)) {
          throw new LoadException("文件 " + source + " 的表头超过上限 " + MAX_COLUMNS + " 列。现有数据保持不变。", e);
        }
        throw parseError(source, e, 1);
      }
      if (header == null) {
        parser.stopParsing();
        throw new LoadException("文件为空：" + source);
      }
      Iterator<Record> it = new Iterator<>() {
        int row = 1;
        String[] next = parse();

        private String[] parse() {
          try {
            return parser.parseNext();
          } catch (TextParsingException e) {
            throw parseError(source, e, row + 1);
          }
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public Record next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          row++;
          Record r = new Record(row, next);
          next = parse();
          return r;
        }
      };
      return new TabularSource(header, cs.name(), it, parser::stopParsing);
    } catch (TextParsingException e) {
      throw parseError(source, e, 1);
    } catch (IOException e) {
      throw new LoadException("无法读取 " + source + "：" + CatalogWorkbookReader.oneLine(e), e);
    }
  }

  private static boolean tooManyColumns(TextParsingException e) {
    return e.getCause() instanceof ArrayIndexOutOfBoundsException && e.getColumnIndex() >= MAX_COLUMNS;
  }

  /**
   * A CSV the parser gives up on, said by its row (the header is row 1, as in rejected_rows) and
   * column, never by what the file holds or the parser's settings (its own message quotes both).
   */
  static LoadException parseError(String source, TextParsingException e, int row) {
    String where = "CSV 文件 " + source + " 第 " + row + " 行";
    String why;
    if (tooManyColumns(e)) {
      why = where + "超过 " + MAX_COLUMNS + " 列（上限），无法读取";
    } else if (e.getCause() instanceof ArrayIndexOutOfBoundsException) {
      String content = e.getParsedContent();
      boolean lines = content != null && (content.indexOf('\n') >= 0 || content.indexOf('\r') >= 0);
      why = where + "第 " + (e.getColumnIndex() + 1) + " 列的单元格超过 " + PARSER_CELL_CHARS + " 个字符，无法读取"
          + (lines ? "（单元格中有换行，可能是引号没有闭合）" : "");
    } else {
      Throwable c = e.getCause();
      while (c != null && !(c instanceof IOException) && c.getCause() != null && c.getCause() != c) {
        c = c.getCause();
      }
      why = c instanceof IOException ? "读取 " + source + " 时出错（第 " + row + " 行附近）：" + CatalogWorkbookReader.oneLine(c)
          : where + "附近无法按 CSV 解析";
    }
    return new LoadException(why + "。现有数据保持不变。", e);
  }

  /**
   * The offset of the first byte that no CSV holds when the sample is binary, or -1 for text. A
   * sample is binary when it holds a NUL byte, or when more than 1 in 100 of its bytes are control
   * characters other than tab, line feed, vertical tab, form feed, carriage return and the DOS end
   * of file (0x1A). UTF-8, GBK and GB18030 encode every character other than those controls
   * with bytes from 0x20 up, so no text in them is taken for binary.
   */
  static int binaryAt(byte[] buf, int n) {
    int first = -1;
    int controls = 0;
    boolean nul = false;
    for (int i = 0; i < n; i++) {
      int b = buf[i] & 0xFF;
      boolean control = b == 0x7F || b < 0x20 && b != '\t' && b != '\n' && b != 0x0B && b != '\f' && b != '\r' && b != 0x1A;
      if (control) {
        controls++;
        nul |= b == 0;
        if (first < 0) {
          first = i;
        }
      }
    }
    return nul || controls * 100L > n ? first : -1;
  }

  /** A few common formats, named by their first bytes, to say what a binary file is. */
  private static String kindOf(byte[] b, int n) {
    if (starts(b, n, 0x50, 0x4B, 0x03, 0x04)) {
      return "是 zip 压缩包；xlsx 工作簿也是这种格式，请以 .xlsx 结尾的路径加载";
    }
    if (starts(b, n, 0x25, 0x50, 0x44, 0x46)) {
      return "是 PDF 文件；目录 PDF 请以 .pdf 结尾的路径加载";
    }
    if (starts(b, n, 0xD0, 0xCF, 0x11, 0xE0)) {
      return "是旧版 Office 文件（如 .xls），请在 Excel 中另存为 xlsx 或 CSV";
    }
    if (starts(b, n, 0x89, 0x50, 0x4E, 0x47) || starts(b, n, 0xFF, 0xD8, 0xFF) || starts(b, n, 0x47, 0x49, 0x46)) {
      return "是图片文件";
    }
    if (starts(b, n, 0x1F, 0x8B)) {
      return "是 gzip 压缩文件，请先解压";
    }
    return "";
  }

  private static boolean starts(byte[] b, int n, int... magic) {
    if (n < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Bytes of a header read to count its columns, at most. */
  static final int MAX_HEADER_BYTES = 1 << 24;

  /**
   * Counts the columns of the first record, byte by byte: commas outside quotes until a line break
   * outside quotes. In UTF-8, GBK and GB18030 the bytes of a comma, a quote and a line break never
   * occur inside another character.
   */
  static final class HeaderScan {
    int columns = 1;
    boolean ended;
    private boolean quoted;

    void feed(byte[] b, int off, int len) {
      for (int i = off; i < off + len && !ended; i++) {
        byte c = b[i];
        if (c == '"') {
          quoted = !quoted;
        } else if (!quoted && c == ',') {
          columns++;
        } else if (!quoted && (c == '\n' || c == '\r')) {
          ended = true;
        }
      }
    }
  }

  /**
   * UTF-8 when the bytes decode strictly as UTF-8 (a sequence cut at the end of the sample
   * allowed), otherwise GB18030, the superset of GBK that Chinese Windows software writes.
   */
  static Charset detect(byte[] buf, int n) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
    CharBuffer out = CharBuffer.allocate(n + 1);
    CoderResult r = d.decode(bb, out, false);
    if (r.isError()) {
      return Charset.forName("GB18030");
    }
    // an underflow leaves at most 3 bytes of a character cut by the sample's end
    if (bb.remaining() > 3) {
      return Charset.forName("GB18030");
    }
    return StandardCharsets.UTF_8;
  }

  public static TabularSource xlsx(InputStream in, String source) {
    return xlsx(CatalogWorkbookReader.openWorkbook(in, source), source);
  }

  /** The first sheet of the workbook, which is closed after reading. */
  public static TabularSource xlsx(Workbook wb, String source) {
    Sheet sheet = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
    DataFormatter f = new DataFormatter(Locale.ROOT);
    List<Record> rows = new ArrayList<>();
    String[] header = null;
    if (sheet != null) {
      for (Row row : sheet) {
        String[] vals = new String[Math.max(row.getLastCellNum(), 0)];
        boolean any = false;
        for (int i = 0; i < vals.length; i++) {
          Cell c = row.getCell(i);
          String v = c == null ? null : f.formatCellValue(c);
          vals[i] = v == null || v.isEmpty() ? null : v;
          any |= vals[i] != null;
        }
        if (!any) {
          continue;
        }
        if (header == null) {
          header = vals;
        } else {
          rows.add(new Record(row.getRowNum() + 1, vals));
        }
      }
    }
    try {
      wb.close();
    } catch (IOException e) {
      // read-only; nothing to flush
    }
    if (header == null) {
      throw new LoadException("文件为空：" + source + "（第一个工作表没有任何内容）");
    }
    return new TabularSource(header, "xlsx", rows.iterator(), () -> { });
  }

  public static TabularSource of(String[] header, List<Record> rows, String encoding) {
    return new TabularSource(header, encoding, rows.iterator(), () -> { });
  }

  /** Records from an iterator (a Parquet file read row by row), not held in memory. */
  public static TabularSource of(String[] header, Iterator<Record> rows, String encoding) {
    return new TabularSource(header, encoding, rows, () -> { });
  }

  public static Record record(int row, String[] values) {
    return new Record(row, values);
  }
}
