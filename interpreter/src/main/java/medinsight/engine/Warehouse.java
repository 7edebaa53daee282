package medinsight.engine;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import medinsight.catalog.DataKind;
import medinsight.catalog.LoadException;
import medinsight.catalog.RejectedRow;
import medinsight.catalog.SourceFiles;
import medinsight.catalog.YinpianEntry;
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
  /** Rejected rows kept in a folder's metadata; the rest are only in its {@code rejected/} table. */
  public static final int SAMPLE = 100;

  /** What a warehouse folder holds besides the Parquet files ({@code meta.json}). */
  static final class Meta {
    /** The kind's {@link DataKind#key()}. */
    String kind;
    int edition;
    LoadReport.Data report;
    /** The first rejected rows, at most {@link #SAMPLE}; all of them are in the folder's {@code rejected/} table. */
    List<RejectedRow> rejected;
    /** The 中药饮片 part of a catalog read from its published text or PDF (null otherwise). */
    List<YinpianEntry> yinpian;

    Meta() {
    }

    Meta(DataKind kind, int edition, LoadReport report, List<RejectedRow> rejected) {
      this.kind = kind.key();
      this.edition = edition;
      this.report = report.data();
      this.rejected = rejected;
    }

    DataKind kind() {
      return DataKind.of(kind);
    }
  }

  /** The name of the current table of a kind under {@code current/} and {@code loaded/}: catalog-2024, products, yinpian. */
  static String currentName(DataKind kind, int edition) {
    return kind == DataKind.CATALOG ? kind.key() + "-" + edition : kind.key();
  }

  private final SparkSession spark;
  /** The tasks a failed write may leave running, awaited before its folder is removed. */
  private final RunningTasks tasks;
  private final Path root;

  public Warehouse(SparkSession spark, String root) {
    this.tasks = RunningTasks.of(spark.sparkContext());
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
        md.update(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
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
      File f = new File(where.toURI());
      return f.isFile() ? f.length() + ":" + f.lastModified() : "classes:" + f.lastModified();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private Path dir(String fp) {
    return new Path(root, fp);
  }

  /** The stored tables of a fingerprint, or null. */
  public Stored find(String fp) {
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
      Dataset<Row> df = spark.read().schema(Schemas.of(meta.kind())).parquet(new Path(d, "data").toString());
      Path rej = new Path(d, "rejected");
      Dataset<Row> rejected = fs.exists(rej) ? spark.read().schema(Schemas.REJECTED).parquet(rej.toString()) : null;
      return new Stored(meta, df, rejected);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A fingerprint's tables while they are written: a folder under {@code _staging/} with a name
   * of its own, renamed to the fingerprint's folder only when complete, so a failed or cancelled
   * load leaves no folder behind that could be taken for a table.
   */
  public final class Staging {
    final String fp;
    final Path dir;

    Staging(String fp, Path dir) {
      this.fp = fp;
      this.dir = dir;
    }

    /** Where the Parquet files of the table go. */
    public String dataDir() {
      return new Path(dir, "data").toString();
    }

    /** Where the Parquet files of the rejected rows go. */
    public String rejectedDir() {
      return new Path(dir, "rejected").toString();
    }
  }

  /** Starts writing the tables of a fingerprint (see {@link Staging}). */
  public Staging stage(String fp) {
    Path d = new Path(new Path(root, STAGING), fp + "-" + UUID.randomUUID());
    try {
      root.getFileSystem(conf()).mkdirs(d);
    } catch (IOException e) {
      throw new LoadException("无法写入数据仓库 " + d + "：" + e.getMessage(), e);
    }
    return new Staging(fp, d);
  }

  /** The rejected rows' folder of a committed fingerprint. */
  public String rejectedOf(String fp) {
    return new Path(dir(fp), "rejected").toString();
  }

  /** Removes what a load that did not complete wrote; a failure to remove changes no table. */
  public void abort(Staging s) {
    tasks.awaitGroupEnded(spark.sparkContext());
    try {
      FileSystem fs = root.getFileSystem(conf());
      fs.delete(s.dir, true);
      dropEmptyStaging(fs);
    } catch (IOException e) {
      // nothing points at a staging folder; the next start removes it
    }
  }

  /** Removes {@code _staging/} when no load is under way, so the root lists only tables. */
  private void dropEmptyStaging(FileSystem fs) {
    try {
      Path st = new Path(root, STAGING);
      if (fs.exists(st) && fs.listStatus(st).length == 0) {
        fs.delete(st, false);
      }
    } catch (IOException e) {
      // an empty folder that is never read
    }
  }

  /** Folder of the loads in progress, under the warehouse root. */
  static final String STAGING = "_staging";

  /** Removes staging folders a stopped process left behind (called once, before the first load). */
  public void sweep() {
    try {
      FileSystem fs = root.getFileSystem(conf());
      Path st = new Path(root, STAGING);
      if (fs.exists(st)) {
        fs.delete(st, true);
      }
    } catch (IOException e) {
      // they are never read; a later sweep tries again
    }
  }

  /** Writes a whole table (and the rejected rows, if any) of a fingerprint and commits it. */
  public Dataset<Row> store(String fp, Dataset<Row> rows, Dataset<Row> rejected, Meta meta, StructType schema) {
    Staging s = stage(fp);
    try {
      rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(s.dataDir());
      if (rejected != null) {
        rejected.coalesce(1).write().mode(SaveMode.Append).parquet(s.rejectedDir());
      }
      return commit(s, meta, schema);
    } catch (Throwable e) {
      // SparkException (a write a cancel stopped) is checked and thrown past Java's checks
      abort(s);
      throw e;
    }
  }

  /**
   * Marks what was written to a staging folder complete, with its load report, and puts it in
   * place of the fingerprint's folder; returns the table read from there.
   */
  public Dataset<Row> commit(Staging s, Meta meta, StructType schema) {
    try {
      FileSystem fs = root.getFileSystem(conf());
      if (!fs.exists(new Path(s.dataDir()))) {
        spark.createDataFrame(List.of(), schema).coalesce(1).write().parquet(s.dataDir());
      }
      try (OutputStream out = fs.create(new Path(s.dir, "meta.json"), true)) {
        out.write(GSON.toJson(meta).getBytes(StandardCharsets.UTF_8));
      }
      fs.create(new Path(s.dir, "_COMPLETE"), true).close();
      Path d = dir(s.fp);
      if (fs.exists(d)) {
        fs.delete(d, true);
      }
      if (!fs.rename(s.dir, d)) {
        throw new IOException("重命名 " + s.dir + " 失败");
      }
      dropEmptyStaging(fs);
      return spark.read().schema(schema).parquet(new Path(d, "data").toString());
    } catch (IOException e) {
      abort(s);
      throw new LoadException("无法写入数据仓库 " + d(s.fp) + "：" + e.getMessage(), e);
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

  /**
   * Records that a {@code load} made a table current: {@code loaded/<name>} holds its
   * fingerprint, and the next start of the interpreter installs that table again in place of the
   * configured (or bundled) source.
   */
  public void markLoaded(String name, String fp) {
    try {
      FileSystem fs = root.getFileSystem(conf());
      try (OutputStream out = fs.create(new Path(new Path(root, "loaded"), name), true)) {
        out.write(fp.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new LoadException("无法写入数据仓库 " + root + "/loaded/" + name + "：" + e.getMessage(), e);
    }
  }

  /** Forgets a loaded table: the next start reads the configured (or bundled) source again. */
  public void clearLoaded(String name) {
    try {
      root.getFileSystem(conf()).delete(new Path(new Path(root, "loaded"), name), false);
    } catch (IOException e) {
      throw new LoadException("无法写入数据仓库 " + root + "/loaded/" + name + "：" + e.getMessage(), e);
    }
  }

  /** The tables loaded by {@code load} and still complete: name (products, yinpian, catalog-2025 …) → fingerprint. */
  public Map<String, String> loaded() {
    Map<String, String> out = new TreeMap<>();
    try {
      FileSystem fs = root.getFileSystem(conf());
      Path dirOf = new Path(root, "loaded");
      if (!fs.exists(dirOf)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(dirOf)) {
        if (!st.isFile() || st.getLen() > 200) {
          continue;
        }
        String fp;
        try (InputStream in = fs.open(st.getPath())) {
          fp = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (fp.matches("[0-9a-f]{24}") && fs.exists(new Path(dir(fp), "_COMPLETE"))) {
          out.put(st.getPath().getName(), fp);
        }
      }
    } catch (IOException e) {
      // an unreadable record: the configured sources are read as at a first start
    }
    return out;
  }

  /** Tables found in the warehouse. */
  public static final class Stored {
    final Meta meta;
    final Dataset<Row> data;
    /** The rejected rows as written by the load, or null (none, or only the sample in the metadata). */
    final Dataset<Row> rejected;

    Stored(Meta meta, Dataset<Row> data, Dataset<Row> rejected) {
      this.meta = meta;
      this.data = data;
      this.rejected = rejected;
    }
  }
}
