package medinsight.access;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import medinsight.catalog.LoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what, and where files may be read and written: the one place that decides. The
 * commands ask it; nothing a paragraph says can widen it.
 *
 * <p>In a Zeppelin deployment the policy comes from {@code conf/medinsight.properties} of the
 * Zeppelin home the plugin is installed in (found from the plugin jar's own location, not from a
 * property or the environment, both of which a {@code %drugs.conf} paragraph can set). The
 * interpreter's properties never change it. Used in-process ({@link #embedded}), the program that
 * owns the JVM is trusted and passes the same keys as properties.
 */
public final class AccessPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(AccessPolicy.class);

  /** The deployment's file, in Zeppelin's {@code conf/} folder. */
  public static final String FILE = "medinsight.properties";
  public static final String DATA_DIRS = "drugs.data.dirs";
  public static final String EXPORT_DIR = "drugs.export.dir";
  public static final String WAREHOUSE = "drugs.warehouse";
  public static final String ROLES_PREFIX = "drugs.roles.";
  /** The longest a {@code %drugs.sql} statement may run, in seconds (0: no limit). */
  public static final String SQL_TIME_LIMIT = "drugs.sql.timeLimitSeconds";

  /** What a paragraph does, as the deployment grants it by role (or user name). */
  public enum Action {
    QUERY("运行分析与查询", "admin,analyst"),
    LOAD("加载数据", "admin"),
    EXPORT("导出文件", "admin,analyst");

    final String label;
    final String defaultRoles;

    Action(String label, String defaultRoles) {
      this.label = label;
      this.defaultRoles = defaultRoles;
    }

    public String key() {
      return ROLES_PREFIX + name().toLowerCase(Locale.ROOT);
    }
  }

  /** True for the keys that decide security: a paragraph's properties never set them. */
  public static boolean isSecurityKey(String key) {
    return key.equals(DATA_DIRS) || key.equals(EXPORT_DIR) || key.equals(WAREHOUSE) || key.startsWith(ROLES_PREFIX)
        || key.equals(SQL_TIME_LIMIT);
  }

  /** A place files may be read from or written to: a local folder or a file-system URL prefix. */
  static final class Root {
    final Path local;
    final Path real;
    final String url;

    private Root(Path local, Path real, String url) {
      this.local = local;
      this.real = real;
      this.url = url;
    }

    static Root of(String spec, Path base) {
      String s = spec.trim();
      if (hasScheme(s) && !s.regionMatches(true, 0, "file:", 0, 5)) {
        String u = normaliseUrl(s);
        return new Root(null, null, u.endsWith("/") ? u : u + "/");
      }
      Path p = s.regionMatches(true, 0, "file:", 0, 5) ? Paths.get(URI.create(s)) : Paths.get(s);
      if (!p.isAbsolute()) {
        p = base == null ? p.toAbsolutePath() : base.resolve(p);
      }
      p = p.normalize();
      Path real;
      try {
        Files.createDirectories(p);
        real = p.toRealPath();
      } catch (IOException e) {
        real = p;
      }
      return new Root(p, real, null);
    }

    @Override
    public String toString() {
      return local != null ? local.toString() : url;
    }
  }

  private final boolean trusted;
  /** Where sources may be read; null: anywhere (in-process use with nothing configured). */
  private final List<Root> dataRoots;
  /** Where exports go; null: to any absolute path when trusted, nowhere otherwise. */
  private final Root exportRoot;
  private final String warehouse;
  private final Map<Action, Set<String>> grants;
  private final Map<String, String> spark;
  private final String origin;
  /** The Zeppelin home of a deployment, whose saved note permissions say who wrote a paragraph; null in-process. */
  private final Path home;
  private final long sqlTimeLimitSeconds;

  private AccessPolicy(boolean trusted, List<Root> dataRoots, Root exportRoot, String warehouse,
      Map<Action, Set<String>> grants, Map<String, String> spark, String origin, Path home, long sqlTimeLimitSeconds) {
    this.trusted = trusted;
    this.dataRoots = dataRoots == null ? null : Collections.unmodifiableList(dataRoots);
    this.exportRoot = exportRoot;
    this.warehouse = warehouse;
    this.grants = grants;
    this.spark = Collections.unmodifiableMap(spark);
    this.origin = origin;
    this.home = home;
    this.sqlTimeLimitSeconds = sqlTimeLimitSeconds;
  }

  /**
   * For a program that runs the interpreters inside its own JVM (tests, the terminal runner, the
   * benchmark): it is trusted with everything its properties do not restrict. With
   * {@code drugs.data.dirs} / {@code drugs.export.dir} set, paths are held to them as in a
   * deployment; callers with a login are held to the roles.
   */
  public static AccessPolicy embedded(Properties p) {
    return parse(p, null, true, "解释器属性");
  }

  /** The policy of the Zeppelin home the plugin jar lies in, or the strictest one when there is none. */
  public static AccessPolicy deployment() {
    Path home = zeppelinHome();
    if (home == null) {
      LOG.warn("medinsight is not installed in a Zeppelin home (interpreter/drugs/); only the bundled data is read and nothing is exported");
      return parse(new Properties(), null, false, "（无部署）");
    }
    return deployment(home);
  }

  /** The policy of a Zeppelin home: {@code conf/medinsight.properties}, defaults relative to the home. */
  public static AccessPolicy deployment(Path home) {
    Path f = home.resolve("conf").resolve(FILE);
    Properties p = new Properties();
    p.setProperty(DATA_DIRS, "medinsight/data");
    p.setProperty(EXPORT_DIR, "medinsight/exports");
    p.setProperty(WAREHOUSE, "medinsight/warehouse");
    if (Files.isRegularFile(f)) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("无法读取 " + f + "：" + e.getMessage(), e);
      }
    }
    return parse(p, home, false, f.toString());
  }

  /** Zeppelin's home when this class comes from {@code HOME/interpreter/drugs/*.jar}. */
  static Path zeppelinHome() {
    try {
      URI u = AccessPolicy.class.getProtectionDomain().getCodeSource().getLocation().toURI();
      Path jar = Paths.get(u);
      Path plugin = jar.getParent();
      if (!Files.isRegularFile(jar) || plugin == null || plugin.getParent() == null
          || !"interpreter".equals(String.valueOf(plugin.getParent().getFileName()))) {
        return null;
      }
      return plugin.getParent().getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  private static AccessPolicy parse(Properties p, Path base, boolean trusted, String origin) {
    List<Root> data = null;
    String dirs = p.getProperty(DATA_DIRS);
    if (dirs != null || !trusted) {
      data = new ArrayList<>();
      for (String d : (dirs == null ? "" : dirs).split(",")) {
        if (!d.isBlank()) {
          data.add(Root.of(d, base));
        }
      }
    }
    String ex = p.getProperty(EXPORT_DIR);
    Root export = ex == null || ex.isBlank() ? null : Root.of(ex, base);
    String wh = p.getProperty(WAREHOUSE);
    String warehouse;
    if (wh == null || wh.isBlank()) {
      warehouse = trusted ? Paths.get(System.getProperty("user.home"), ".medinsight", "warehouse").toUri().toString() : null;
    } else if ("none".equalsIgnoreCase(wh.trim())) {
      warehouse = null;
    } else if (hasScheme(wh.trim())) {
      warehouse = wh.trim();
    } else {
      Path w = Paths.get(wh.trim());
      warehouse = (w.isAbsolute() || base == null ? w.toAbsolutePath() : base.resolve(w)).normalize().toUri().toString();
    }
    Map<Action, Set<String>> grants = new EnumMap<>(Action.class);
    for (Action a : Action.values()) {
      Set<String> names = new LinkedHashSet<>();
      for (String n : p.getProperty(a.key(), a.defaultRoles).split(",")) {
        if (!n.isBlank()) {
          names.add(n.trim());
        }
      }
      grants.put(a, names);
    }
    Map<String, String> spark = new LinkedHashMap<>();
    if (!trusted) {
      for (String k : p.stringPropertyNames()) {
        if (k.startsWith("spark.")) {
          spark.put(k, p.getProperty(k).trim());
        }
      }
    }
    long limit;
    String l = p.getProperty(SQL_TIME_LIMIT, "0").trim();
    try {
      limit = Long.parseLong(l);
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 0) {
      throw new IllegalArgumentException(SQL_TIME_LIMIT + " 应为秒数（0 表示不限），而不是 " + l + "（" + origin + "）");
    }
    return new AccessPolicy(trusted, data, export, warehouse, grants, spark, origin, trusted ? null : base, limit);
  }

  /** The warehouse folder (local URI or hdfs://), or null when there is none. */
  public String warehouse() {
    return warehouse;
  }

  /** The longest a {@code %drugs.sql} statement may run, in seconds; 0 when there is no limit. */
  public long sqlTimeLimitSeconds() {
    return sqlTimeLimitSeconds;
  }

  /** Spark properties the deployment sets; they win over the interpreter's properties. */
  public Map<String, String> sparkProperties() {
    return spark;
  }

  public boolean trusted() {
    return trusted;
  }

  /** The export folder as the user should see it, or null when exports go to absolute paths. */
  public String exportFolder() {
    return exportRoot == null ? null : exportRoot.toString();
  }

  public List<String> dataFolders() {
    return dataRoots == null ? List.of() : dataRoots.stream().map(Root::toString).collect(Collectors.toList());
  }

  public boolean allows(Caller c, Action a) {
    if (!c.authenticated()) {
      return trusted || grants.get(a).contains("anonymous");
    }
    Set<String> g = grants.get(a);
    if (g.contains(c.user) || g.contains("*")) {
      return true;
    }
    for (String r : c.roles) {
      if (g.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /** Throws the one-line refusal when the caller may not do this. */
  public void require(Caller c, Action a) {
    if (!allows(c, a)) {
      String who = c.authenticated() ? "用户 " + c : "未登录的用户";
      if (a == Action.QUERY) {
        throw new AccessDenied(who + " 不能运行 %drugs 段落：只有 " + String.join("、", grants.get(a))
            + " 可以；查看看板不需要运行段落。");
      }
      throw new AccessDenied(who + " 不能" + a.label + "：只有 " + String.join("、", grants.get(a)) + " 可以（由部署设定）。");
    }
  }

  /**
   * Throws the one-line refusal when a command that needs {@code a} is in a note that someone
   * without {@code a} can write: its text may be theirs, and it would run with the rights of the
   * one who runs it (an analyst's {@code load} in a dashboard the admin opens). Queries are not
   * held to this; in-process use (no Zeppelin home) has no notes.
   */
  public void requireWriters(Action a, String noteId) {
    if (a == Action.QUERY || home == null) {
      return;
    }
    Set<String> g = grants.get(a);
    if (g.contains("*")) {
      return;
    }
    NoteWriters w = NoteWriters.of(home, noteId);
    String why;
    if (w.anyone) {
      why = "每个登录用户都能编辑此笔记";
    } else {
      List<String> others = w.names.stream().filter(n -> !g.contains(n)).collect(Collectors.toList());
      if (others.isEmpty()) {
        return;
      }
      why = String.join("、", others) + " 也能编辑此笔记";
    }
    throw new AccessDenied("此笔记中不能" + a.label + "：" + why + "，段落的文字未必出自运行它的人，而只有 "
        + String.join("、", g) + " 可以" + a.label + "。请在只有他们能编辑的笔记（例如自己的私有笔记）中运行。");
  }

  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

  static boolean hasScheme(String s) {
    // a Windows drive letter is not a scheme; neither is a path with a colon after a slash
    return SCHEME.matcher(s).matches() && s.indexOf(':') > 1 && s.indexOf('/') > s.indexOf(':');
  }

  private static String normaliseUrl(String s) {
    try {
      if (s.toLowerCase(Locale.ROOT).matches(".*%(2e|2f|5c).*")) {
        throw new AccessDenied("路径无效：" + s);
      }
      URI u = new URI(s.replace(" ", "%20")).normalize();
      if (u.getPath() == null || u.getPath().contains("/../") || u.getPath().endsWith("/..")
          || u.getPath().startsWith("..")) {
        throw new AccessDenied("路径无效：" + s);
      }
      return u.toString();
    } catch (URISyntaxException e) {
      throw new AccessDenied("路径无效：" + s);
    }
  }

  /**
   * The path a source is read from, when it lies under a data folder (symbolic links followed
   * and checked) or names bundled data; else the refusal, before the file is touched.
   */
  public String source(String path, Set<String> bundled) {
    if (path == null || path.isBlank()) {
      return path;
    }
    String s = path.trim();
    if (s.startsWith("classpath:")) {
      if (bundled.contains(s)) {
        return s;
      }
      throw refusedSource(s);
    }
    if (dataRoots == null) {
      return s;
    }
    if (hasScheme(s) && !s.regionMatches(true, 0, "file:", 0, 5)) {
      String u = normaliseUrl(s);
      for (Root r : dataRoots) {
        if (r.url != null && u.startsWith(r.url)) {
          return u;
        }
      }
      throw refusedSource(s);
    }
    Path p;
    try {
      p = s.regionMatches(true, 0, "file:", 0, 5) ? Paths.get(URI.create(s.replace(" ", "%20"))) : Paths.get(s);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      throw new AccessDenied("路径无效：" + s);
    }
    if (!p.isAbsolute()) {
      Root first = dataRoots.stream().filter(r -> r.local != null).findFirst().orElseThrow(() -> refusedSource(s));
      p = first.local.resolve(p);
    }
    p = p.normalize();
    for (Root r : dataRoots) {
      if (r.local != null && (p.startsWith(r.local) || p.startsWith(r.real))) {
        Path real;
        try {
          real = p.toRealPath();
        } catch (NoSuchFileException e) {
          throw new LoadException("文件不存在：" + s);
        } catch (IOException e) {
          throw new LoadException("无法读取 " + s + "：" + e.getClass().getSimpleName());
        }
        for (Root r2 : dataRoots) {
          if (r2.real != null && real.startsWith(r2.real)) {
            // as a URI: a name with %, # or ? is then the file that was checked
            return real.toUri().toString();
          }
        }
        throw refusedSource(s);
      }
    }
    throw refusedSource(s);
  }

  private AccessDenied refusedSource(String s) {
    String where = dataRoots == null || dataRoots.isEmpty() ? "（未配置数据文件夹）"
        : "（" + dataRoots.stream().map(Root::toString).collect(Collectors.joining("、")) + "）";
    return new AccessDenied("不能读取 " + s + "：只能加载数据文件夹" + where + "中的文件或内置数据；数据文件夹由部署设定（"
        + DATA_DIRS + "）。");
  }

  /**
   * Where an export named {@code name} is written: with an export folder, a relative name inside
   * it (no {@code ..}, no scheme, no link leading out); without one (in-process use only), the
   * absolute path as given.
   */
  public String exportTarget(String name) {
    if (name == null || name.isBlank()) {
      return name;
    }
    String s = name.trim();
    if (exportRoot == null) {
      if (trusted) {
        return s;
      }
      throw new AccessDenied("不能导出：部署没有设定导出文件夹（" + EXPORT_DIR + "）。");
    }
    String hint = "请给出导出文件夹内的相对文件名，例如 export 企业份额.xlsx --command \"manufacturers share\"；导出文件夹："
        + exportRoot + "。";
    if (hasScheme(s) || s.startsWith("/") || s.startsWith("\\") || s.startsWith("~")) {
      throw new AccessDenied("不能导出到 " + s + "：" + hint);
    }
    for (String seg : s.split("[/\\\\]", -1)) {
      // hidden names are the folder's own (its ledger of exports, temporary files)
      if (seg.isEmpty() || seg.startsWith(".")) {
        throw new AccessDenied("不能导出到 " + s + "：" + hint);
      }
    }
    if (exportRoot.url != null) {
      return exportRoot.url + s.replace(" ", "%20");
    }
    Path t = exportRoot.real.resolve(s).normalize();
    Path parent = t.getParent();
    if (!t.startsWith(exportRoot.real) || parent == null) {
      throw new AccessDenied("不能导出到 " + s + "：" + hint);
    }
    try {
      if (!parent.toRealPath().startsWith(exportRoot.real) || Files.isSymbolicLink(t)) {
        throw new AccessDenied("不能导出到 " + s + "：它经由链接指向导出文件夹之外。");
      }
    } catch (NoSuchFileException e) {
      throw new AccessDenied("导出文件夹中没有文件夹 " + exportRoot.real.relativize(parent) + "，请先去掉子文件夹或请管理员建好它。");
    } catch (IOException e) {
      throw new AccessDenied("不能导出到 " + s + "：" + e.getClass().getSimpleName());
    }
    return t.toUri().toString();
  }

  /** True when exports are held to an export folder (and may replace only what they wrote). */
  public boolean exportsConfined() {
    return exportRoot != null;
  }

  /** The export folder as a URI (local file: or hdfs://), for the list of files it wrote. */
  public String exportRootUri() {
    return exportRoot == null ? null : exportRoot.url != null ? exportRoot.url : exportRoot.real.toUri().toString();
  }

  @Override
  public String toString() {
    return "AccessPolicy(" + origin + ": data " + (dataRoots == null ? "anywhere" : dataRoots) + ", export "
        + (exportRoot == null ? (trusted ? "anywhere" : "none") : exportRoot) + ", warehouse " + warehouse
        + ", grants " + grants + ")";
  }
}
