package medinsight.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB in this process, on the very Parquet files the interpreter loaded: the warehouse's
 * current {@code catalog-<edition>}, {@code products} and {@code yinpian} folders, as views named
 * like the Spark tables. Its threads are limited to Spark's local cores, so both engines get the
 * same share of the machine.
 */
public final class DuckDbPeer implements AutoCloseable {
  private final Connection conn;
  public final int threads;
  public final String version;

  public DuckDbPeer(Path warehouse, int edition, int threads) throws SQLException, IOException {
    this.threads = threads;
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("the DuckDB JDBC driver is not on the classpath", e);
    }
    conn = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = conn.createStatement()) {
      s.execute("SET threads = " + threads);
      view(s, "catalog", parquet(warehouse, "catalog-" + edition));
      view(s, "products", parquet(warehouse, "products"));
      view(s, "yinpian", parquet(warehouse, "yinpian"));
      try (ResultSet r = s.executeQuery("select version()")) {
        r.next();
        version = r.getString(1);
      }
    }
  }

  /** The Parquet files of the warehouse's current table of a kind ({@code current/<name>} names its folder). */
  static String parquet(Path warehouse, String name) throws IOException {
    String fp = Files.readString(warehouse.resolve("current").resolve(name), StandardCharsets.UTF_8).trim();
    Path data = warehouse.resolve(fp).resolve("data");
    if (!Files.isDirectory(data)) {
      throw new IOException("no Parquet folder " + data + " for " + name);
    }
    return data.toAbsolutePath() + "/*.parquet";
  }

  private static void view(Statement s, String name, String glob) throws SQLException {
    s.execute("create or replace view " + name + " as select * from read_parquet('" + glob.replace("'", "''") + "')");
  }

  /** Runs a query and reads every value of every row. */
  public PeerCheck.Rows query(String sql) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData md = r.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i));
      }
      List<Object[]> rows = new ArrayList<>();
      while (r.next()) {
        Object[] v = new Object[columns.size()];
        for (int i = 0; i < v.length; i++) {
          v[i] = r.getObject(i + 1);
        }
        rows.add(v);
      }
      return new PeerCheck.Rows(columns, rows);
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
