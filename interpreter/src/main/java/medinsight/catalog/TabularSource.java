package medinsight.catalog;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
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
  /** One data record with its 1-based source row number. */
  public static final class Record {
    public final int row;
    public final String[] values;

    Record(int row, String[] values) {
      this.row = row;
      this.values = values;
    }
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
      PushbackInputStream in = new PushbackInputStream(raw, 1 << 16);
      byte[] head = new byte[1 << 16];
      int n = in.readNBytes(head, 0, head.length);
      if (n == 0) {
        throw new LoadException("文件为空：" + source);
      }
      in.unread(head, 0, n);
      Charset cs = detect(head, n);
      if (cs.equals(StandardCharsets.UTF_8) && n >= 3 && (head[0] & 0xFF) == 0xEF
          && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
        in.skip(3);
      }
      CsvParserSettings settings = new CsvParserSettings();
      settings.setMaxCharsPerColumn(1 << 16);
      settings.setMaxColumns(512);
      settings.setNullValue(null);
      settings.setEmptyValue(null);
      settings.setLineSeparatorDetectionEnabled(true);
      settings.setSkipEmptyLines(true);
      settings.getFormat().setComment('\0');
      CsvParser parser = new CsvParser(settings);
      parser.beginParsing(new InputStreamReader(in, cs));
      String[] header = parser.parseNext();
      if (header == null) {
        parser.stopParsing();
        throw new LoadException("文件为空：" + source);
      }
      Iterator<Record> it = new Iterator<>() {
        int row = 1;
        String[] next = parser.parseNext();

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
          try {
            next = parser.parseNext();
          } catch (com.univocity.parsers.common.TextParsingException e) {
            throw parseError(source, e);
          }
          return r;
        }
      };
      return new TabularSource(header, cs.name(), it, parser::stopParsing);
    } catch (IOException e) {
      throw new LoadException("无法读取 " + source + "：" + CatalogWorkbookReader.oneLine(e), e);
    } catch (com.univocity.parsers.common.TextParsingException e) {
      throw parseError(source, e);
    }
  }

  /**
   * A CSV the parser gives up on, said by where it happened, not by what the file holds (the
   * parser's own message quotes the content and its settings).
   */
  static LoadException parseError(String source, com.univocity.parsers.common.TextParsingException e) {
    String why = e.getCause() instanceof ArrayIndexOutOfBoundsException
        ? "列数或单元格长度超出上限（最多 512 列，每格 65536 个字符）" : "无法解析";
    return new LoadException("CSV 格式错误（" + source + "）：第 " + (e.getLineIndex() + 1) + " 行附近（第 "
        + Math.max(0, e.getCharIndex()) + " 个字符）" + why + "。现有数据保持不变。", e);
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
    java.nio.charset.CoderResult r = d.decode(bb, out, false);
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
