package medinsight.export;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import medinsight.access.AccessDenied;
import medinsight.catalog.LoadException;
import medinsight.catalog.SourceFiles;
import medinsight.core.UserException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes tables in full to CSV, xlsx or Parquet through Hadoop's FileSystem, so a local path and
 * an {@code hdfs://} URL behave alike. Everything is written under a hidden temporary name in the
 * target folder and renamed at the end: a failed or cancelled export leaves no half file.
 */
public final class Exporter {
  public enum Format { CSV, XLSX, PARQUET;
    String label() {
      switch (this) {
        case CSV: return "CSV，UTF-8 带 BOM";
        case XLSX: return "xlsx";
        default: return "Parquet 文件夹";
      }
    }
  }

  private final SparkSession spark;
  private final BooleanSupplier cancelled;
  private final IntConsumer progress;

  public Exporter(SparkSession spark, BooleanSupplier cancelled, IntConsumer progress) {
    this.spark = spark;
    this.cancelled = cancelled;
    this.progress = progress;
  }

  /** The format named by {@code --format}, or else the one the file name ends with. */
  static Format format(String option, String path) {
    if (option != null && !option.isBlank() && !"auto".equalsIgnoreCase(option)) {
      return Format.valueOf(option.trim().toUpperCase(Locale.ROOT));
    }
    String n = path.toLowerCase(Locale.ROOT);
    for (Format f : Format.values()) {
      if (n.endsWith("." + f.name().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new UserException("无法从文件名判断导出格式：" + path + "。请用 .csv、.xlsx 或 .parquet 结尾，或加 --format csv|xlsx|parquet");
  }

  /** Where an export goes, checked before any work is done; holds the file system until closed. */
  public final class Target implements AutoCloseable {
    final Path path;
    final Format format;
    final boolean overwrite;
    final FileSystem owned;
    final FileSystem fs;
    /** The export folder whose ledger lists the files exports wrote, or null (in-process use). */
    final Path ledger;

    Target(Path path, Format format, boolean overwrite, FileSystem owned, Path ledger) {
      this.ledger = ledger;
      this.path = path;
      this.format = format;
      this.overwrite = overwrite;
      this.owned = owned;
      // the raw local file system: no .crc files beside an exported file
      this.fs = owned instanceof LocalFileSystem ? ((LocalFileSystem) owned).getRaw() : owned;
    }

    /** {@code name.csv} → {@code name-2.csv}: one file per table when a command gives several. */
    Path numbered(int n) {
      String name = path.getName();
      int dot = name.lastIndexOf('.');
      String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
      return new Path(path.getParent(), numbered);
    }

    /** The folder exists; the target does not, or may be replaced. */
    void check(Path p) throws IOException {
      Path parent = p.getParent();
      if (parent == null) {
        throw new UserException("路径无效：" + p + "（需要文件名）");
      }
      FileStatus dir;
      try {
        dir = fs.getFileStatus(parent);
      } catch (FileNotFoundException e) {
        throw new UserException("目标文件夹不存在：" + parent + "。请先建好文件夹，或换一个路径");
      }
      if (!dir.isDirectory()) {
        throw new UserException("目标文件夹不是文件夹：" + parent);
      }
      FileStatus st;
      try {
        st = fs.getFileStatus(p);
      } catch (FileNotFoundException e) {
        return;
      }
      if (!overwrite) {
        throw new UserException("文件已存在：" + p + "。换一个文件名，或加 --overwrite yes 覆盖");
      }
      if (ledger != null && !written().contains(relative(p))) {
        throw new AccessDenied("不会覆盖 " + relative(p) + "：它不是导出命令写的文件。请换一个文件名。");
      }
      if (st.isDirectory() && !(format == Format.PARQUET && parquetOutput(p))) {
        throw new UserException(p + " 是一个文件夹" + (format == Format.PARQUET ? "，且不是 Parquet 导出" : "")
            + "，不会覆盖。请换一个路径");
      }
    }

    /** A folder Spark's Parquet writer made: only part files, markers and hidden files. */
    private boolean parquetOutput(Path dir) throws IOException {
      for (FileStatus c : fs.listStatus(dir)) {
        String n = c.getPath().getName();
        if (c.isDirectory() || !(n.startsWith("part-") || n.startsWith("_") || n.startsWith("."))) {
          return false;
        }
      }
      return true;
    }

    /** The path inside the export folder. */
    String relative(Path p) {
      String root = fs.makeQualified(ledger.getParent()).toUri().getPath();
      String f = fs.makeQualified(p).toUri().getPath();
      return f.startsWith(root + "/") ? f.substring(root.length() + 1) : f;
    }

    /** The files exports wrote into the export folder: only these may be replaced. */
    Set<String> written() throws IOException {
      Set<String> out = new HashSet<>();
      if (fs.exists(ledger)) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(ledger),
            StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (!line.isBlank()) {
              out.add(line.trim());
            }
          }
        }
      }
      return out;
    }

    /** Adds files to the ledger (rewritten under a temporary name, then renamed). */
    void record(List<Path> files) throws IOException {
      if (ledger == null) {
        return;
      }
      synchronized (Exporter.class) {
        Set<String> all = new TreeSet<>(written());
        for (Path f : files) {
          all.add(relative(f));
        }
        Path tmp = new Path(ledger.getParent(), ledger.getName() + "." + UUID.randomUUID().toString().substring(0, 8));
        try (OutputStream out = fs.create(tmp, true)) {
          out.write((String.join("\n", all) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(ledger, false);
        if (!fs.rename(tmp, ledger)) {
          throw new IOException("无法更新导出清单 " + ledger);
        }
      }
    }

    @Override
    public void close() {
      try {
        owned.close();
      } catch (IOException e) {
        // nothing was left open that matters: every stream is closed by now
      }
    }
  }

  /** Opens and checks the target: its format, its folder, an existing file. */
  public Target target(String path, String formatOption, boolean overwrite) {
    return target(path, formatOption, overwrite, null);
  }

  /**
   * As {@link #target(String, String, boolean)}, inside an export folder ({@code root}, a URI):
   * an existing file is replaced only when an export wrote it (the folder's ledger says so).
   */
  public Target target(String path, String formatOption, boolean overwrite, String root) {
    if (path == null || path.isBlank()) {
      throw new UserException("没有给出导出路径。用法：export 路径 --command \"命令\" | --table 表名 | --sql \"查询\"");
    }
    Path p;
    try {
      p = new Path(URI.create(path.trim().replace(" ", "%20")));
    } catch (IllegalArgumentException e) {
      throw new UserException("路径无效：" + path);
    }
    if (!p.toUri().getPath().startsWith("/")) {
      throw new UserException("请给出绝对路径（/…）或 hdfs:// 地址，而不是“" + path + "”");
    }
    Format format = format(formatOption, p.getName());
    FileSystem fs;
    try {
      fs = FileSystem.newInstance(p.toUri(), SourceFiles.failFast(spark.sparkContext().hadoopConfiguration()));
    } catch (IOException | RuntimeException e) {
      throw failure(p, e);
    }
    Target t = new Target(p, format, overwrite, fs, root == null ? null : new Path(new Path(URI.create(root)), LEDGER));
    try {
      t.check(p);
    } catch (IOException | RuntimeException e) {
      t.close();
      throw e instanceof UserException ? (UserException) e : failure(p, e);
    }
    if (format != Format.PARQUET) {
      // a CSV or xlsx export's bar counts rows written: it stays at 0 while the rows are computed
      // and counted, rather than following those Spark jobs up to 100 % and falling back to 0 when
      // writing starts; a Parquet export is Spark's writing job, and the bar stays Spark's
      progress.accept(0);
    }
    return t;
  }

  /** The export folder's list of the files exports wrote. */
  public static final String LEDGER = ".medinsight-exports";

  private static RuntimeException failure(Path p, Exception e) {
    if (e instanceof UserException) {
      return (UserException) e;
    }
    if (e instanceof IOException) {
      LoadException unreachable = SourceFiles.unreachable(p.toString(), (IOException) e);
      if (unreachable != null) {
        return unreachable;
      }
    }
    return new UserException("无法写入 " + p + "：" + oneLine(e));
  }

  private static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().split("\n")[0].trim();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  /** Writes the tables and says, in one line, what was written where. */
  public String write(Target target, List<ExportTable> tables) {
    long t0 = System.nanoTime();
    boolean perTable = target.format != Format.XLSX && tables.size() > 1;
    List<Path> finals = new ArrayList<>();
    List<Path> temps = new ArrayList<>();
    long rows = 0;
    long truncated = 0;
    int sheets = 0;
    try {
      for (int i = 0; i < (perTable ? tables.size() : 1); i++) {
        Path p = perTable ? target.numbered(i + 1) : target.path;
        if (perTable) {
          target.check(p);
        }
        finals.add(p);
        temps.add(new Path(p.getParent(), "." + p.getName() + ".export-" + UUID.randomUUID().toString().substring(0, 8)));
      }
      if (target.format == Format.PARQUET) {
        for (int i = 0; i < tables.size(); i++) {
          String qualified = target.fs.makeQualified(temps.get(i)).toString();
          tables.get(i).dataset(spark).write().parquet(qualified);
          rows += spark.read().parquet(qualified).count();
        }
      } else {
        long total = 0;
        for (ExportTable t : tables) {
          total += t.count();
        }
        Progress p = new Progress(total, cancelled, progress);
        if (target.format == Format.XLSX) {
          XlsxExport x = new XlsxExport();
          try (OutputStream out = target.fs.create(temps.get(0), false)) {
            x.write(tables, out, p);
          }
          truncated = x.truncatedCells();
          sheets = x.sheets();
        } else {
          for (int i = 0; i < tables.size(); i++) {
            try (OutputStream out = target.fs.create(temps.get(i), false)) {
              CsvExport.write(tables.get(i), out, p);
            }
          }
        }
        rows = p.done();
      }
      if (cancelled.getAsBoolean()) {
        throw new UserException("已取消。");
      }
      long bytes = 0;
      for (int i = 0; i < finals.size(); i++) {
        Path f = finals.get(i);
        if (target.fs.exists(f)) {
          target.fs.delete(f, true); // --overwrite yes, checked to be a file or a Parquet export
        }
        if (!target.fs.rename(temps.get(i), f)) {
          throw new IOException("无法把临时文件改名为 " + f);
        }
        bytes += target.fs.getContentSummary(f).getLength();
      }
      target.record(finals);
      return message(target.format, tables, finals, rows, sheets, truncated, bytes, (System.nanoTime() - t0) / 1e9);
    } catch (Exception e) {
      if (cancelled.getAsBoolean()) {
        throw new UserException("已取消。");
      }
      throw failure(target.path, e);
    } finally {
      for (Path t : temps) {
        try {
          target.fs.delete(t, true);
        } catch (IOException | RuntimeException e) {
          // the file system went away; the hidden temporary name is all that can be left
        }
      }
      progress.accept(-1);
    }
  }

  private static String message(Format format, List<ExportTable> tables, List<Path> files, long rows, int sheets,
      long truncated, long bytes, double seconds) {
    StringBuilder b = new StringBuilder("已导出");
    if (tables.size() > 1) {
      b.append(' ').append(tables.size()).append(" 个表共");
    }
    b.append(' ').append(rows).append(" 行到 ");
    for (int i = 0; i < files.size(); i++) {
      b.append(i > 0 ? "、" : "").append(files.get(i));
    }
    if (format == Format.XLSX && sheets > 1) {
      b.append(" 的 ").append(sheets).append(" 个工作表");
    }
    b.append(String.format(Locale.ROOT, "（%s，%s），用时 %.1f 秒。", format.label(), size(bytes), seconds));
    if (sheets > tables.size()) {
      b.append("超过一个工作表行数上限（").append(XlsxExport.SHEET_ROWS).append(" 行）的表续写在后面的工作表。");
    }
    if (truncated > 0) {
      b.append(truncated).append(" 个单元格超过 Excel 的 32767 字符上限，已截断。");
    }
    long cut = 0;
    for (ExportTable t : tables) {
      cut += t.cut();
    }
    if (cut > 0) {
      b.append("命令的 --top/--limit 另有 ").append(cut).append(" 行未包含，加大该选项可导出更多。");
    }
    return b.toString();
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes / 1024.0;
    String[] units = {"KB", "MB", "GB", "TB"};
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
