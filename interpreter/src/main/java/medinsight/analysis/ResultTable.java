package medinsight.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A typed analysis result: named, typed columns and rows of values. Columns are keys, not
 * labels: the renderer turns keys into Chinese or English headers. Values are Strings, Longs,
 * Doubles (ratios as fractions, shown as percentages for {@link Type#PERCENT}), LocalDates or null.
 */
public final class ResultTable {
  public enum Type { TEXT, COUNT, NUMBER, PERCENT, MONEY, DATE }

  public static final class Column {
    public final String key;
    public final Type type;

    Column(String key, Type type) {
      this.key = key;
      this.type = type;
    }
  }

  private final String title;
  private final List<Column> columns = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private long totalRows = -1;
  private boolean rawHeaders;

  public ResultTable(String title) {
    this.title = title;
  }

  public ResultTable col(String key, Type type) {
    columns.add(new Column(key, type));
    return this;
  }

  public ResultTable text(String key) {
    return col(key, Type.TEXT);
  }

  public ResultTable count(String key) {
    return col(key, Type.COUNT);
  }

  public ResultTable number(String key) {
    return col(key, Type.NUMBER);
  }

  public ResultTable percent(String key) {
    return col(key, Type.PERCENT);
  }

  public ResultTable add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
    }
    rows.add(values);
    return this;
  }

  private final java.util.Set<String> sample = new java.util.HashSet<>();

  /** Marks columns as computed from the bundled synthetic product list (sample data). */
  public ResultTable sample(String... keys) {
    sample.addAll(List.of(keys));
    return this;
  }

  public boolean isSample(String key) {
    return sample.contains(key);
  }

  public ResultTable note(String note) {
    notes.add(note);
    return this;
  }

  /** The size of the full result when the rows held are only its first part. */
  public ResultTable totalRows(long total) {
    this.totalRows = total;
    return this;
  }

  /** Column keys are shown as they are (SQL results), not translated to labels. */
  public ResultTable rawHeaders() {
    this.rawHeaders = true;
    return this;
  }

  public boolean hasRawHeaders() {
    return rawHeaders;
  }

  public String title() {
    return title;
  }

  public List<Column> columns() {
    return Collections.unmodifiableList(columns);
  }

  public List<Object[]> rows() {
    return Collections.unmodifiableList(rows);
  }

  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  public long totalRows() {
    return totalRows < 0 ? rows.size() : totalRows;
  }

  public int index(String key) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).key.equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column " + key + " in " + title);
  }

  /** The value at a row and column key, for tests and callers that read results. */
  public Object get(int row, String key) {
    return rows.get(row)[index(key)];
  }

  /** The first row whose column {@code key} equals {@code value}, or null. */
  public Object[] find(String key, Object value) {
    int i = index(key);
    for (Object[] r : rows) {
      if (value == null ? r[i] == null : value.equals(r[i])) {
        return r;
      }
    }
    return null;
  }

  public Object value(String findKey, Object findValue, String key) {
    Object[] r = find(findKey, findValue);
    if (r == null) {
      throw new IllegalArgumentException("no row with " + findKey + "=" + findValue + " in " + title);
    }
    return r[index(key)];
  }

  public int size() {
    return rows.size();
  }
}
