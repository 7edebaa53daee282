package medinsight.catalog;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens a source by path: {@code classpath:} for the bundled sample, a local path, or any Hadoop
 * file system URL ({@code hdfs://namenode:8020/…}). Every failure is a one-line {@link LoadException}.
 */
public final class SourceFiles {
  public static final String CLASSPATH = "classpath:";

  private SourceFiles() {}

  /** A copy of the configuration that fails fast when a namenode does not answer. */
  public static Configuration failFast(Configuration conf) {
    Configuration c = new Configuration(conf);
    if (conf.get("ipc.client.connect.max.retries.user") == null) {
      c.setInt("ipc.client.connect.max.retries", 1);
      c.setInt("ipc.client.connect.retry.interval", 200);
      c.setInt("ipc.client.connect.timeout", 5000);
      c.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
      c.setBoolean("fs.hdfs.impl.disable.cache", true);
    }
    return c;
  }

  public static InputStream open(String path, Configuration conf) {
    if (path == null || path.isBlank()) {
      throw new LoadException("没有给出文件路径。用法：load 路径 [--as catalog|products|yinpian]");
    }
    if (path.startsWith(CLASSPATH)) {
      String res = path.substring(CLASSPATH.length());
      InputStream in = SourceFiles.class.getClassLoader().getResourceAsStream(res);
      if (in == null) {
        throw new LoadException("内置数据 " + res + " 不在插件包中，请重新构建插件。");
      }
      return new BufferedInputStream(in);
    }
    try {
      Path p = new Path(URI.create(path.replace(" ", "%20")));
      FileSystem fs = p.getFileSystem(failFast(conf));
      FileStatus st = fs.getFileStatus(p);
      if (st.isDirectory()) {
        throw new LoadException("路径是目录而不是文件：" + path + "（Parquet 目录请用 .parquet 结尾的路径）");
      }
      if (st.getLen() == 0 && !isPipe(path)) {
        throw new LoadException("文件为空：" + path);
      }
      return new BufferedInputStream(fs.open(p), 1 << 16);
    } catch (LoadException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new LoadException("路径无效：" + path + "（" + CatalogWorkbookReader.oneLine(e) + "）", e);
    } catch (IOException e) {
      throw describe(path, e);
    }
  }

  /**
   * A named pipe (FIFO) on the local file system: it has no length and is read once, as a stream
   * (for example a list decompressed into it while it loads).
   */
  public static boolean isPipe(String path) {
    try {
      URI u = URI.create(path.replace(" ", "%20"));
      if (u.getScheme() != null && !u.getScheme().equals("file")) {
        return false;
      }
      // java.nio's Path, not Hadoop's (imported)
      var p = u.getScheme() == null ? Paths.get(path) : Paths.get(u);
      return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Size in bytes, or -1 for classpath resources. */
  public static long length(String path, Configuration conf) {
    if (path.startsWith(CLASSPATH)) {
      return -1;
    }
    try {
      Path p = new Path(URI.create(path.replace(" ", "%20")));
      return p.getFileSystem(failFast(conf)).getFileStatus(p).getLen();
    } catch (IOException e) {
      throw describe(path, e);
    }
  }

  public static LoadException describeFailure(String path, IOException e) {
    return describe(path, e);
  }

  static LoadException describe(String path, IOException e) {
    if (e instanceof FileNotFoundException) {
      return new LoadException("文件不存在：" + path, e);
    }
    LoadException unreachable = unreachable(path, e);
    if (unreachable != null) {
      return unreachable;
    }
    return new LoadException("无法读取 " + path + "：" + CatalogWorkbookReader.oneLine(e), e);
  }

  /** The one-line message for a file system that cannot be reached (refused, unknown host), or null. */
  public static LoadException unreachable(String path, IOException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof ConnectException || root instanceof UnknownHostException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof ConnectException || e instanceof ConnectException
        || String.valueOf(e.getMessage()).contains("Connection refused")) {
      return new LoadException("无法连接 " + authority(path) + "：连接被拒绝。请确认 namenode 地址正确且服务已启动。", e);
    }
    if (root instanceof UnknownHostException) {
      return new LoadException("找不到主机 " + authority(path) + "：请检查 namenode 地址。", e);
    }
    return null;
  }

  private static String authority(String path) {
    try {
      URI u = URI.create(path.replace(" ", "%20"));
      return u.getScheme() + "://" + (u.getAuthority() == null ? "" : u.getAuthority());
    } catch (IllegalArgumentException ex) {
      return path;
    }
  }
}
