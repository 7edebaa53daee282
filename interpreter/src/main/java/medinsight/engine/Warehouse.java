package medinsight.engine;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import medinsight.catalog.LoadException;
import medinsight.catalog.RejectedRow;
import medinsight.catalog.SourceFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Cleaned tables kept as Parquet under a warehouse folder (local, or {@code hdfs://…} on a
 * cluster), one folder per source fingerprint, so that a later start reads Parquet instead of
 * parsing the workbook and the CSV again. A fingerprint is the source's identity (path, size and
 * modification time; the content hash for the bundled files), the load options and the loader
 * (the plugin jar's size and time), so a changed file or a new plugin never reads stale tables.
 */
public final class Warehouse {
  private static final Gson GSON = new Gson();

  /** What a warehouse folder holds besides the Parquet files. */
  static final class Meta {
    String kind;
    int edition;
    LoadReport.Data report;
    List<RejectedRow> rejected;
    /** The 中药饮片 part of a catalog read from its published text or PDF (null otherwise). */
    List<medinsight.catalog.YinpianEntry> yinpian;
  }

  private final SparkSession spark;
  private final Path root;

  public Warehouse(SparkSession spark, String root) {
    this.spark = spark;
    this.root = new Path(URI.create(root.replace(" ", "%20")));
  }

  public String root() {
    return root.toString();
  }

  private Configuration conf() {
    return SourceFiles.failFast(spark.sparkContext().hadoopConfiguration());
  }

  /** The fingerprint of a source with the options it is loaded with. */
  public String fingerprint(String source, String kind, int edition) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((source + "|" + kind + "|" + edition + "|" + loader()).getBytes(StandardCharsets.UTF_8));
      if (source.startsWith(SourceFiles.CLASSPATH)) {
        try (InputStream in = SourceFiles.open(source, conf())) {
          byte[] buf = new byte[1 << 16];
          for (int n = in.read(buf); n > 0; n = in.read(buf)) {
            md.update(buf, 0, n);
          }
        }
      } else if (SourceFiles.isPipe(source)) {
        // what a pipe gives differs from read to read: never the same as an earlier load
        md.update(java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
      } else {
        Path p = new Path(URI.create(source.replace(" ", "%20")));
        FileStatus st = p.getFileSystem(conf()).getFileStatus(p);
        md.update((st.getLen() + "|" + st.getModificationTime()).getBytes(StandardCharsets.UTF_8));
      }
      StringBuilder hex = new StringBuilder();
      for (byte b : md.digest()) {
        hex.append(String.format("%02x", b));
      }
      return hex.substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw SourceFiles.describeFailure(source, e);
    }
  }

  /** The plugin's code: the jar's size and time, so a new plugin does not reuse old tables. */
  static String loader() {
    try {
      URL where = Warehouse.class.getProtectionDomain().getCodeSource().getLocation();
      java.io.File f = new java.io.File(where.toURI());
      return f.isFile() ? f.length() + ":" + f.lastModified() : "classes:" + f.lastModified();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private Path dir(String fp) {
    return new Path(root, fp);
  }

  /** The stored tables of a fingerprint, or null. */
  public Stored find(String fp, java.util.function.Function<String, StructType> schemaOf) {
    try {
      FileSystem fs = root.getFileSystem(conf());
      Path d = dir(fp);
      if (!fs.exists(new Path(d, "_COMPLETE"))) {
        return null;
      }
      Meta meta;
      try (InputStream in = fs.open(new Path(d, "meta.json"))) {
        meta = GSON.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TypeToken<Meta>() { }.getType());
      }
      Dataset<Row> df = spark.read().schema(schemaOf.apply(meta.kind)).parquet(new Path(d, "data").toString());
      return new Stored(meta, df);
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes the tables of a fingerprint; the folder counts only once complete. */
  public Dataset<Row> store(String fp, Dataset<Row> rows, Meta meta, StructType schema) {
    prepare(fp);
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dataDir(fp));
    return commit(fp, meta, schema);
  }

  /** Empties the folder of a fingerprint before its data is written in parts to {@link #dataDir}. */
  public void prepare(String fp) {
    try {
      FileSystem fs = root.getFileSystem(conf());
      Path d = dir(fp);
      if (fs.exists(d)) {
        fs.delete(d, true);
      }
    } catch (IOException e) {
      throw new LoadException("无法写入数据仓库 " + d(fp) + "：" + e.getMessage(), e);
    }
  }

  /** Where the Parquet files of a fingerprint go. */
  public String dataDir(String fp) {
    return new Path(dir(fp), "data").toString();
  }

  /** Marks the data written to {@link #dataDir} complete, with its load report; returns it. */
  public Dataset<Row> commit(String fp, Meta meta, StructType schema) {
    try {
      FileSystem fs = root.getFileSystem(conf());
      Path d = dir(fp);
      try (OutputStream out = fs.create(new Path(d, "meta.json"), true)) {
        out.write(GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
      }
      fs.create(new Path(d, "_COMPLETE"), true).close();
      return spark.read().schema(schema).parquet(dataDir(fp));
    } catch (IOException e) {
      throw new LoadException("无法写入数据仓库 " + d(fp) + "：" + e.getMessage(), e);
    }
  }

  private String d(String fp) {
    return dir(fp).toString();
  }

  /**
   * Records which folder holds the current table of a kind: {@code current/<name>} holds the
   * fingerprint, so other tools (Zeppelin's own {@code %spark.sql}) can find the cleaned tables.
   */
  public void markCurrent(String name, String fp) {
    try {
      FileSystem fs = root.getFileSystem(conf());
      try (OutputStream out = fs.create(new Path(new Path(root, "current"), name), true)) {
        out.write(fp.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the pointer is a convenience for other tools; the tables themselves are in place
    }
  }

  /** Tables found in the warehouse. */
  public static final class Stored {
    final Meta meta;
    final Dataset<Row> data;

    Stored(Meta meta, Dataset<Row> data) {
      this.meta = meta;
      this.data = data;
    }
  }
}
