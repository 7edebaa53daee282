package medinsight.bench;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandContext;
import medinsight.command.CommandOutput;
import medinsight.command.CommandParser;
import medinsight.command.Invocation;
import medinsight.zeppelin.DrugsEngine;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks that a peer query computes what its command computes: every column of the command's
 * table must be in the query's output under the same key, with the same rows in the same order
 * (as a set for unordered commands), numbers equal within a relative 1e-9. A floor that
 * computes something else would make every ratio meaningless.
 */
public final class PeerCheck {
  private static final double TOLERANCE = 1e-9;
  private static final int MAX_REPORTED = 5;

  private PeerCheck() {}

  /** A query result: column names and rows. */
  public static final class Rows {
    public final List<String> columns;
    public final List<Object[]> rows;

    public Rows(List<String> columns, List<Object[]> rows) {
      this.columns = columns;
      this.rows = rows;
    }
  }

  /** The first table a command produces, computed through the registry as {@code %drugs} does. */
  public static ResultTable command(DrugsEngine engine, String command) {
    return command(engine, command, 0);
  }

  /** The {@code table}-th table (from 0) a command produces. */
  public static ResultTable command(DrugsEngine engine, String command, int table) {
    Invocation inv = CommandParser.parse(command);
    CommandOutput out = inv.command.handler().run(inv, new CommandContext(engine.data, engine.lang, () -> false));
    if (out.tables.size() <= table) {
      throw new IllegalStateException(command + " produced no table " + table);
    }
    return out.tables.get(table);
  }

  /**
   * A Spark SQL query as {@code %drugs.sql} runs it: on the interpreter's session and tables, rows
   * cut at {@code drugs.maxResult} + 1 (so an ordered query is a top-k, not a full sort).
   */
  public static List<Row> floor(DrugsEngine engine, String sql) {
    return engine.spark.sql(sql).limit(engine.maxResult + 1).collectAsList();
  }

  /** {@link #floor} with the column names, for comparison. */
  public static Rows spark(DrugsEngine engine, String sql) {
    Dataset<Row> df = engine.spark.sql(sql);
    List<Object[]> rows = new ArrayList<>();
    for (Row r : floor(engine, sql)) {
      Object[] v = new Object[r.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      rows.add(v);
    }
    return new Rows(Arrays.asList(df.columns()), rows);
  }

  /**
   * The differences between a command's table and a peer's rows; empty when they agree. Each
   * message names the column and row.
   */
  public static List<String> compare(ResultTable expected, Rows actual, boolean unordered) {
    List<String> problems = new ArrayList<>();
    int[] map = new int[expected.columns().size()];
    for (int c = 0; c < map.length; c++) {
      String key = expected.columns().get(c).key;
      map[c] = actual.columns.indexOf(key);
      if (map[c] < 0) {
        problems.add("no column '" + key + "' in the peer's output " + actual.columns);
      }
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    if (expected.size() != actual.rows.size()) {
      problems.add("rows: the command has " + expected.size() + ", the peer " + actual.rows.size());
      return problems;
    }
    List<Object[]> want = new ArrayList<>();
    List<Object[]> got = new ArrayList<>();
    for (int r = 0; r < expected.size(); r++) {
      Object[] w = new Object[map.length];
      Object[] g = new Object[map.length];
      for (int c = 0; c < map.length; c++) {
        w[c] = normalise(expected.rows().get(r)[c]);
        g[c] = normalise(actual.rows.get(r)[map[c]]);
      }
      want.add(w);
      got.add(g);
    }
    if (unordered) {
      Comparator<Object[]> byText = Comparator.comparing(PeerCheck::sortKey);
      want.sort(byText);
      got.sort(byText);
    }
    for (int r = 0; r < want.size() && problems.size() < MAX_REPORTED; r++) {
      for (int c = 0; c < map.length && problems.size() < MAX_REPORTED; c++) {
        if (!same(want.get(r)[c], got.get(r)[c])) {
          problems.add("row " + r + ", " + expected.columns().get(c).key + ": the command has " + want.get(r)[c]
              + ", the peer " + got.get(r)[c]);
        }
      }
    }
    return problems;
  }

  private static String sortKey(Object[] row) {
    StringBuilder b = new StringBuilder();
    for (Object o : row) {
      b.append(o instanceof Double ? String.format(Locale.ROOT, "%.6f", (Double) o) : String.valueOf(o)).append('\u0001');
    }
    return b.toString();
  }

  /** Numbers as doubles, dates as ISO text, booleans as text; strings and null as they are. */
  static Object normalise(Object v) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof Double || v instanceof Float || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte || v instanceof BigDecimal || v instanceof BigInteger) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof Date) {
      return ((Date) v).toLocalDate().toString();
    }
    if (v instanceof LocalDate) {
      return v.toString();
    }
    return String.valueOf(v);
  }

  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double && b instanceof Double) {
      double x = (Double) a;
      double y = (Double) b;
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return Double.isNaN(x) && Double.isNaN(y);
      }
      return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
    }
    return a.equals(b);
  }
}
