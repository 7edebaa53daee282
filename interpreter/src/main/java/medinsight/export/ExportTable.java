package medinsight.export;

import com.google.common.collect.Iterators;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import medinsight.analysis.ResultTable;
import medinsight.render.Labels;
import medinsight.render.TableRenderer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.collection.Seq;

/**
 * One table to export: its headers and its rows, streamed once. Values reach the writers as
 * String, Long, Double, BigDecimal, Boolean, LocalDate, LocalDateTime or null, whatever they came
 * from, so CSV and xlsx treat an analysis result and a Spark table alike.
 */
public abstract class ExportTable {
  final String name;
  final List<String> headers;

  ExportTable(String name, List<String> headers) {
    this.name = name;
    this.headers = unique(headers);
  }

  /** How many rows {@link #rows()} gives (may run a Spark job). */
  abstract long count();

  /** The rows, one pass, memory-bounded for Spark tables. */
  abstract Iterator<Object[]> rows();

  /** The same rows as a Spark Dataset with {@link #headers} as column names, for the Parquet writer. */
  abstract Dataset<Row> dataset(SparkSession spark);

  /** Rows the command's own --top or --limit left out (0 for tables and SQL). */
  long cut() {
    return 0;
  }

  /** Two columns with one label (both are 药品类型, say) would make Parquet refuse the file. */
  static List<String> unique(List<String> headers) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String h : headers) {
      String u = h;
      for (int i = 2; !seen.add(u.toLowerCase(Locale.ROOT)); i++) {
        u = h + "_" + i;
      }
      out.add(u);
    }
    return out;
  }

  /**
   * An analysis result with the screen's headers (Chinese or English, percentages with "(%)")
   * and the screen's units (percentages ×100), every digit kept.
   */
  public static ExportTable of(ResultTable t, Labels.Lang lang) {
    List<String> headers = new ArrayList<>();
    for (ResultTable.Column c : t.columns()) {
      headers.add(t.hasRawHeaders() ? c.key : TableRenderer.header(c, lang));
    }
    return new ExportTable(t.title(), headers) {
      @Override
      long count() {
        return t.size();
      }

      @Override
      Iterator<Object[]> rows() {
        return Iterators.transform(t.rows().iterator(), r -> {
          Object[] v = new Object[r.length];
          for (int i = 0; i < r.length; i++) {
            v[i] = value(r[i], t.columns().get(i).type);
          }
          return v;
        });
      }

      @Override
      Dataset<Row> dataset(SparkSession spark) {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
          fields.add(DataTypes.createStructField(headers.get(i), sparkType(t.columns().get(i).type), true));
        }
        List<Row> rows = new ArrayList<>();
        for (Iterator<Object[]> it = rows(); it.hasNext(); ) {
          Object[] r = it.next();
          for (int i = 0; i < r.length; i++) {
            if (r[i] instanceof BigDecimal) {
              r[i] = ((BigDecimal) r[i]).doubleValue();
            } else if (r[i] instanceof LocalDate) {
              r[i] = Date.valueOf((LocalDate) r[i]);
            }
          }
          rows.add(RowFactory.create(r));
        }
        return spark.createDataFrame(rows, DataTypes.createStructType(fields));
      }

      @Override
      long cut() {
        return Math.max(0, t.totalRows() - t.size());
      }
    };
  }

  private static DataType sparkType(ResultTable.Type type) {
    switch (type) {
      case COUNT: return DataTypes.LongType;
      case NUMBER: case PERCENT: case MONEY: return DataTypes.DoubleType;
      case DATE: return DataTypes.DateType;
      default: return DataTypes.StringType;
    }
  }

  /** A result value in the unit the screen shows it in. */
  static Object value(Object v, ResultTable.Type type) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case PERCENT: {
        double d = ((Number) v).doubleValue();
        // a decimal shift, not d * 100: 0.281 stays 28.1, not 28.099999999999998
        return Double.isFinite(d) ? BigDecimal.valueOf(d).movePointRight(2) : null;
      }
      case NUMBER:
      case MONEY: {
        double d = ((Number) v).doubleValue();
        return Double.isFinite(d) ? d : null;
      }
      case COUNT:
        return ((Number) v).longValue();
      case DATE:
        return v instanceof LocalDate ? v : v instanceof Date ? ((Date) v).toLocalDate() : String.valueOf(v);
      default:
        return String.valueOf(v);
    }
  }

  /** A Spark table or query result, with its own column names; rows come one partition at a time. */
  public static ExportTable of(String name, Dataset<Row> df) {
    List<String> headers = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      headers.add(f.name());
    }
    return new ExportTable(name, headers) {
      @Override
      long count() {
        return df.count();
      }

      @Override
      Iterator<Object[]> rows() {
        return Iterators.transform(df.toLocalIterator(), r -> {
          Object[] v = new Object[r.length()];
          for (int i = 0; i < v.length; i++) {
            v[i] = value(r.get(i));
          }
          return v;
        });
      }

      @Override
      Dataset<Row> dataset(SparkSession spark) {
        return df.toDF(headers.toArray(new String[0]));
      }
    };
  }

  /** A value of a Spark row as one of the kinds the writers know. */
  static Object value(Object o) {
    if (o == null || o instanceof String || o instanceof Long || o instanceof Double || o instanceof BigDecimal
        || o instanceof Boolean || o instanceof LocalDate || o instanceof LocalDateTime) {
      return o;
    }
    if (o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    if (o instanceof Float) {
      return ((Float) o).doubleValue();
    }
    if (o instanceof Date) {
      return ((Date) o).toLocalDate();
    }
    if (o instanceof Timestamp) {
      return ((Timestamp) o).toLocalDateTime();
    }
    if (o instanceof Instant) {
      return LocalDateTime.ofInstant((Instant) o, ZoneId.systemDefault());
    }
    if (o instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) o);
    }
    if (o instanceof Seq) {
      return ((Seq<?>) o).mkString("[", ", ", "]");
    }
    return String.valueOf(o);
  }
}
