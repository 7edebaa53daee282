package medinsight.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Zeppelin home assembled from the build: the server's jars, the interpreter runtime, the
 * {@code drugs} and {@code md} interpreters, configuration with login (Shiro) and the notes.
 */
public final class ZeppelinHome {
  /** The read-only role, and its user: what it may read is what the anonymous pages at / may show. */
  public static final String VIEWER = "viewer";
  public static final List<String> ROLES = List.of("admin", "analyst", VIEWER);
  /**
   * The service identity that {@code up} and {@code apply} run the dashboards as: it may run and
   * read the dashboard notes and query, nothing else (no load, no export, no note of its own). A
   * paragraph an analyst plants in a dashboard runs with these rights, never with admin's.
   */
  public static final String SERVICE = "dashboards";
  /** Every login of the local server: the people's roles and the service. */
  public static final List<String> USERS = List.of("admin", "analyst", VIEWER, SERVICE);

  /** Ids of the bundle's notes that the last {@link #assemble} copied into the notebook folder (new notes). */
  private final Set<String> createdNotes = new TreeSet<>();

  public final Path root;
  public final Path work;
  public final Path home;

  public ZeppelinHome(Path root, Path work) {
    this.root = root.toAbsolutePath().normalize();
    this.work = work.toAbsolutePath().normalize();
    this.home = this.work.resolve("zeppelin");
  }

  public Path dist() {
    return root.resolve("zeppelin-dist/target/zeppelin");
  }

  public Path plugin() {
    return root.resolve("interpreter/target/drugs");
  }

  public Path notes() {
    return root.resolve("notes");
  }

  public Path credentialsFile() {
    return work.resolve("credentials.properties");
  }

  public Path pidFile() {
    return home.resolve("run/zeppelin.pid");
  }

  public Path portFile() {
    return home.resolve("run/zeppelin.port");
  }

  /** Where Zeppelin keeps every note's permissions (its default, in conf/). */
  public Path authorizationFile() {
    return home.resolve("conf/notebook-authorization.json");
  }

  /**
   * The notes that {@code up} gave the bundled permissions, one id a line: a note listed here
   * never gets them again unless it is created anew from the bundle.
   */
  public Path permissionsGivenFile() {
    return home.resolve("conf/medinsight-permissions-given");
  }

  public Set<String> permissionsGiven() throws IOException {
    Set<String> out = new TreeSet<>();
    if (Files.exists(permissionsGivenFile())) {
      for (String l : Files.readAllLines(permissionsGivenFile(), StandardCharsets.UTF_8)) {
        if (!l.isBlank() && !l.startsWith("#")) {
          out.add(l.trim());
        }
      }
    }
    return out;
  }

  public void recordPermissionsGiven(String noteId) throws IOException {
    if (!Files.exists(permissionsGivenFile())) {
      Files.writeString(permissionsGivenFile(), "# notes given the bundled permissions by bin/medinsight up (never given again)\n",
          StandardCharsets.UTF_8);
    }
    if (!permissionsGiven().contains(noteId)) {
      Files.writeString(permissionsGivenFile(), noteId + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  /** The notes the last {@link #assemble} created from the bundle (they were not in the notebook folder). */
  public Set<String> createdNotes() {
    return Collections.unmodifiableSet(createdNotes);
  }

  public Path log() {
    return home.resolve("logs/zeppelin.log");
  }

  /** Where {@code load} may read: files copied here can be loaded by name. */
  public Path dataDir() {
    return work.resolve("data");
  }

  /** Where {@code export} writes. */
  public Path exportDir() {
    return work.resolve("exports");
  }

  /**
   * The unix socket that carries the web port into the server's network namespace: in run/, or
   * when that path is too long for a socket (107 bytes), in a private temporary folder (mode 0700)
   * whose name is kept in run/web.sock.path.
   */
  public Path bridgeSocket() throws IOException {
    Path s = home.resolve("run/web.sock");
    if (s.toString().getBytes(StandardCharsets.UTF_8).length < 100) {
      return s;
    }
    Path kept = home.resolve("run/web.sock.path");
    if (Files.exists(kept)) {
      Path p = Path.of(Files.readString(kept).trim());
      if (Files.isDirectory(p.getParent())) {
        return p;
      }
    }
    Path dir = Files.createTempDirectory("medinsight-web");
    Path p = dir.resolve("web.sock");
    Files.writeString(kept, p.toString());
    return p;
  }

  public Path bridgePidFile() {
    return home.resolve("run/bridge.pid");
  }

  /** The watchdog's record of interpreter processes that died and were restarted. */
  public Path watchdogLog() {
    return home.resolve("logs/medinsight-watchdog.log");
  }

  /**
   * The deployment's access policy for the plugin (conf/medinsight.properties): data and export
   * folders, the warehouse, and which roles may query, load and export. The interpreter reads it
   * from its own Zeppelin home; no paragraph can change it.
   */
  String policy() {
    return policy("written by bin/medinsight up", dataDir().toString(), exportDir().toString(), work.resolve("warehouse").toString());
  }

  /** The access policy from its one template (up, install and the Docker entrypoint fill it in). */
  static String policy(String writtenBy, String dataDirs, String exportDir, String warehouse) {
    return Template.of("access-policy.properties").with("WRITTEN_BY", writtenBy).with("DATA_DIRS", dataDirs)
        .with("EXPORT_DIR", exportDir).with("WAREHOUSE", warehouse).render();
  }

  /** Copies a folder's files where missing or changed (size or time); removes files no longer there. */
  static void sync(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      throw new IOException("missing build output " + from + " (run: mvn -DskipTests package)");
    }
    Files.createDirectories(to);
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        if (Files.isDirectory(f)) {
          sync(f, to.resolve(f.getFileName().toString()));
          names.add(f.getFileName().toString());
          continue;
        }
        Path t = to.resolve(f.getFileName().toString());
        names.add(f.getFileName().toString());
        if (!Files.exists(t) || Files.size(t) != Files.size(f)
            || Files.getLastModifiedTime(t).compareTo(Files.getLastModifiedTime(f)) < 0) {
          Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    try (Stream<Path> s = Files.list(to)) {
      for (Path t : (Iterable<Path>) s::iterator) {
        if (!names.contains(t.getFileName().toString()) && Files.isRegularFile(t)) {
          Files.delete(t);
        }
      }
    }
  }

  /** The users' passwords: generated at the first start, kept in a file only its owner can read. */
  public Map<String, String> credentials(boolean[] created) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    Path f = credentialsFile();
    Properties p = new Properties();
    boolean existed = Files.exists(f);
    if (existed) {
      try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String role : ROLES) {
        String pw = p.getProperty(role);
        if (pw == null || pw.isBlank()) {
          throw new IOException(f + " has no password for " + role + "; delete the file to generate new ones");
        }
      }
    }
    StringBuilder text = new StringBuilder("# medinsight local Zeppelin logins (generated; keep private)\n");
    boolean added = false;
    for (String user : USERS) {
      String pw = p.getProperty(user);
      if (pw == null || pw.isBlank()) {
        // a work folder from before the service identity gets its password now
        pw = password();
        added = true;
      }
      out.put(user, pw);
      text.append(user).append('=').append(pw).append('\n');
    }
    if (added) {
      Files.createDirectories(work);
      writePrivate(f, text.toString());
    }
    if (created != null && !existed) {
      created[0] = true;
    }
    return out;
  }

  /** The people's logins (what {@code up} and {@code status} print), without the service identity. */
  public Map<String, String> logins() throws IOException {
    Map<String, String> all = credentials(null);
    Map<String, String> out = new LinkedHashMap<>();
    for (String role : ROLES) {
      out.put(role, all.get(role));
    }
    return out;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static String password() {
    String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    StringBuilder pw = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      pw.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return pw.toString();
  }

  static void writePrivate(Path f, String text) throws IOException {
    Files.deleteIfExists(f);
    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }

  /**
   * The Shiro configuration. {@code guarded}: the local server, whose lib/ holds medinsight's
   * request guards: 403 (not Shiro's 401) for a logged-in user without the permission, login
   * throttling and a cap on request bodies. The template for a Zeppelin of its own (Docker,
   * {@code install}) names Shiro's and Zeppelin's filters only.
   */
  static String shiroIni(Map<String, String> users, boolean guarded) {
    StringBuilder b = new StringBuilder();
    b.append("# Logins and roles for medinsight's Zeppelin. admin: everything; analyst: edit and run notes;\n")
        .append("# viewer: read only (enforced by each note's permissions). Anonymous access is refused.\n");
    if (users.containsKey(SERVICE)) {
      b.append("# " + SERVICE + ": the service identity bin/medinsight up runs the dashboards as (run and query only).\n");
    }
    b.append("[users]\n");
    for (Map.Entry<String, String> u : users.entrySet()) {
      b.append(u.getKey()).append(" = ").append(u.getValue()).append(", ").append(u.getKey()).append('\n');
    }
    b.append("\n[main]\n")
        .append("sessionManager = org.apache.shiro.web.session.mgt.DefaultWebSessionManager\n")
        .append("cookie = org.apache.shiro.web.servlet.SimpleCookie\n")
        .append("cookie.name = JSESSIONID\n")
        .append("cookie.httpOnly = true\n")
        .append("sessionManager.sessionIdCookie = $cookie\n")
        .append("securityManager.sessionManager = $sessionManager\n")
        .append("securityManager.sessionManager.globalSessionTimeout = 86400000\n")
        .append("shiro.loginUrl = /api/login\n");
    String rest;
    String anyRole;
    String body;
    if (guarded) {
      rest = "restperm";
      anyRole = "anyrole";
      body = "bodylimit, ";
      b.append("restperm = medinsight.guard.RestPermissionFilter\n")
          .append("anyrole = medinsight.guard.AnyRoleFilter\n")
          // five failed logins of a name, or twenty from an address, in a minute: wait (429)
          .append("loginthrottle = medinsight.guard.LoginThrottle\n")
          .append("loginthrottle.failuresPerUser = 5\n")
          .append("loginthrottle.failuresPerAddress = 20\n")
          .append("loginthrottle.windowSeconds = 60\n")
          // Zeppelin's own cap on a websocket message; a REST import was read whole, of any size
          .append("bodylimit = medinsight.guard.BodyLimit\n")
          .append("bodylimit.maxBytes = 10240000\n");
    } else {
      rest = "rest";
      anyRole = "anyofrolesuser";
      body = "";
      b.append("anyofrolesuser = org.apache.zeppelin.utils.AnyOfRolesUserAuthorizationFilter\n");
    }
    String admin = guarded ? anyRole + "[admin]" : "roles[admin]";
    // notebook:create (POST), :read (GET), :update (PUT), :delete (DELETE) for the rest[] rules
    b.append("\n[roles]\nadmin = *\nanalyst = *\nviewer = notebook:read\n"
            + (users.containsKey(SERVICE) ? SERVICE + " = notebook:read\n" : ""))
        .append("\n[urls]\n")
        .append("/api/version = anon\n")
        .append("/api/cluster/address = anon\n");
    if (guarded) {
      b.append("/api/login = " + body + "loginthrottle, authc\n");
    }
    b.append("/api/interpreter/** = " + body + "authc, " + admin + "\n")
        .append("/api/notebook-repositories/** = " + body + "authc, " + admin + "\n")
        .append("/api/configurations/** = " + body + "authc, " + admin + "\n")
        .append("/api/credential/** = " + body + "authc, " + admin + "\n")
        .append("/api/admin/** = " + body + "authc, " + admin + "\n")
        // only writers make notes: create, import and clone (a viewer's imported note, named like
        // a dashboard and shared with everyone, was served as imported, its stored scripts too)
        .append("/api/notebook = " + body + "authc, " + rest + "[notebook]\n")
        .append("/api/notebook/import = " + body + "authc, " + rest + "[notebook]\n")
        .append("/api/notebook/* = " + body + "authc, " + rest + "[notebook]\n")
        // the websocket (Zeppelin's web UI) for the roles that edit; under up it needs a session at all
        .append("/ws = authc, " + anyRole + "[admin, analyst]\n")
        .append("/ws/** = authc, " + anyRole + "[admin, analyst]\n")
        .append("/** = " + body + "authc\n");
    return b.toString();
  }

  /** The Shiro template offered to an existing Zeppelin, with placeholder passwords. */
  public static String shiroTemplate() {
    Map<String, String> users = new LinkedHashMap<>();
    for (String r : ROLES) {
      users.put(r, "CHANGE-ME-" + r);
    }
    return shiroIni(users, false);
  }

  private static String property(String name, String value) {
    return "  <property>\n    <name>" + name + "</name>\n    <value>" + value.replace("&", "&amp;").replace("<", "&lt;")
        + "</value>\n  </property>\n";
  }

  String siteXml(int port) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    b.append(property("zeppelin.server.addr", "127.0.0.1"));
    b.append(property("zeppelin.server.port", String.valueOf(port)));
    b.append(property("zeppelin.war", home.resolve("webapps/classic").toString()));
    b.append(property("zeppelin.angular.war", home.resolve("webapps/angular").toString()));
    b.append(property("zeppelin.notebook.dir", home.resolve("notebook").toString()));
    b.append(property("zeppelin.notebook.storage", "org.apache.zeppelin.notebook.repo.VFSNotebookRepo"));
    b.append(property("zeppelin.interpreter.dir", home.resolve("interpreter").toString()));
    b.append(property("zeppelin.interpreter.localRepo", home.resolve("local-repo").toString()));
    b.append(property("zeppelin.interpreter.remoterunner", home.resolve("bin/interpreter.sh").toString()));
    b.append(property("zeppelin.interpreter.connect.timeout", "180000"));
    b.append(property("zeppelin.interpreter.group.default", "drugs"));
    b.append(property("zeppelin.anonymous.allowed", "false"));
    // Zeppelin answers any Origin with credentials allowed unless this names the ones it may
    b.append(property("zeppelin.server.allowed.origins", "http://127.0.0.1:" + port));
    b.append(property("zeppelin.notebook.public", "false"));
    b.append(property("zeppelin.notebook.cron.enable", "false"));
    b.append(property("zeppelin.search.enable", "false"));
    b.append(property("zeppelin.helium.registry", "helium"));
    b.append(property("zeppelin.recovery.storage.class", "org.apache.zeppelin.interpreter.recovery.NullRecoveryStorage"));
    b.append("</configuration>\n");
    return b.toString();
  }

  /** The size at which a log file of the local server is rolled over, and how many old ones are kept. */
  static final String LOG_SIZE = "50MB";
  static final int LOG_BACKUPS = 4;

  static final String LOG4J = "log4j.rootLogger = INFO, file\n"
      + "log4j.appender.file = org.apache.log4j.RollingFileAppender\n"
      + "log4j.appender.file.File = ${zeppelin.log.file}\n"
      + "log4j.appender.file.MaxFileSize = " + LOG_SIZE + "\n"
      + "log4j.appender.file.MaxBackupIndex = " + LOG_BACKUPS + "\n"
      + "log4j.appender.file.layout = org.apache.log4j.PatternLayout\n"
      + "log4j.appender.file.layout.ConversionPattern = %5p [%d] ({%t} %F[%M]:%L) - %m%n\n"
      + "log4j.logger.org.eclipse.jetty = WARN\n"
      // logs each login's answer at INFO, ticket included
      + "log4j.logger.org.apache.zeppelin.rest.LoginRestApi = WARN\n"
      + "log4j.logger.org.apache.zeppelin.scheduler = WARN\n";

  /**
   * The interpreter processes log to {@code logs/interpreter-SETTING.log} (the launch script names
   * it in {@code medinsight.log.file}), rolled over at {@link #LOG_SIZE}; what they print outside
   * their logger (a JVM's last words) goes to {@code interpreter-SETTING.out}.
   */
  static final String LOG4J2_INTERPRETER = "rootLogger.level = info\n"
      + "rootLogger.appenderRef.file.ref = file\n"
      + "appender.file.type = RollingFile\n"
      + "appender.file.name = file\n"
      + "appender.file.fileName = ${sys:medinsight.log.file}\n"
      + "appender.file.filePattern = ${sys:medinsight.log.file}.%i\n"
      + "appender.file.layout.type = PatternLayout\n"
      + "appender.file.layout.pattern = %5p [%d] (%t %c{1}) - %m%n\n"
      + "appender.file.policies.type = Policies\n"
      + "appender.file.policies.size.type = SizeBasedTriggeringPolicy\n"
      + "appender.file.policies.size.size = " + LOG_SIZE + "\n"
      + "appender.file.strategy.type = DefaultRolloverStrategy\n"
      + "appender.file.strategy.max = " + LOG_BACKUPS + "\n"
      // a malformed PDF makes PDFBox warn once per bad operator: millions of lines
      + "logger.pdfbox.name = org.apache.pdfbox\nlogger.pdfbox.level = error\n"
      + "logger.fontbox.name = org.apache.fontbox\nlogger.fontbox.level = error\n"
      + "logger.spark.name = org.apache.spark\nlogger.spark.level = warn\n"
      + "logger.hadoop.name = org.apache.hadoop\nlogger.hadoop.level = warn\n"
      + "logger.parquet.name = org.apache.parquet\nlogger.parquet.level = warn\n";

  static final String LOG4J_INTERPRETER = "log4j.rootLogger = INFO, file\n"
      + "log4j.appender.file = org.apache.log4j.RollingFileAppender\n"
      + "log4j.appender.file.File = ${medinsight.log.file}\n"
      + "log4j.appender.file.MaxFileSize = " + LOG_SIZE + "\n"
      + "log4j.appender.file.MaxBackupIndex = " + LOG_BACKUPS + "\n"
      + "log4j.appender.file.layout = org.apache.log4j.PatternLayout\n"
      + "log4j.appender.file.layout.ConversionPattern = %5p [%d] (%t %c{1}) - %m%n\n"
      + "log4j.logger.org.apache.pdfbox = ERROR\n";

  /** The interpreter process's heap, from MEDINSIGHT_INTP_MEM when `up` runs (a size such as 4g). */
  static String interpreterMemory() {
    String m = System.getenv("MEDINSIGHT_INTP_MEM");
    return m != null && m.matches("[0-9]{1,6}[mMgG]") ? m : "4g";
  }

  /**
   * The runner Zeppelin calls to start an interpreter process (see zeppelin.interpreter.remoterunner).
   * Zeppelin passes every upper-case interpreter property (a %drugs.conf paragraph can set them)
   * as environment variables, so the process starts with an empty environment and fixed options:
   * nothing a paragraph sets reaches the JVM's command line or environment (JAVA_TOOL_OPTIONS,
   * LD_PRELOAD …). When the process dies other than by being stopped, a watchdog restarts the
   * interpreter setting, so the next paragraph starts a new process without an admin. The watchdog
   * is bin/RestartInterpreter.java, run by the JDK alone (no build output needed).
   */
  String interpreterScript() {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    return Template.of("interpreter.sh").with("USER_HOME", quote(System.getProperty("user.home")))
        .with("ZEPPELIN_HOME", quote(home.toString())).with("JAVA", quote(java)).with("MEMORY", interpreterMemory())
        .with("JVM_OPENS", Launcher.OPENS).with("WORK", quote(work.toString())).render();
  }

  /** A value for a bash script, single-quoted. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Assembles or refreshes the home; returns whether the credentials were created now. */
  public boolean assemble(int port) throws IOException {
    // the logs, notes, configuration and data of the server are its user's alone
    Files.createDirectories(work);
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
    for (String d : List.of("conf", "bin", "logs", "run", "notebook", "webapps/classic", "webapps/angular", "local-repo")) {
      Files.createDirectories(home.resolve(d));
    }
    sync(dist().resolve("lib"), home.resolve("lib"));
    sync(dist().resolve("interpreter-lib"), home.resolve("interpreter-lib"));
    sync(dist().resolve("interpreter/md"), home.resolve("interpreter/md"));
    sync(plugin(), home.resolve("interpreter/drugs"));
    boolean[] created = {false};
    Map<String, String> users = credentials(created);
    writePrivate(home.resolve("conf/shiro.ini"), shiroIni(users, true));
    Files.writeString(home.resolve("conf/zeppelin-site.xml"), siteXml(port), StandardCharsets.UTF_8);
    Files.writeString(home.resolve("conf/log4j.properties"), LOG4J, StandardCharsets.UTF_8);
    Files.writeString(home.resolve("conf/log4j2-interpreter.properties"), LOG4J2_INTERPRETER, StandardCharsets.UTF_8);
    Files.writeString(home.resolve("conf/log4j-interpreter.properties"), LOG4J_INTERPRETER, StandardCharsets.UTF_8);
    Files.createDirectories(dataDir());
    Files.createDirectories(exportDir());
    Files.writeString(home.resolve("conf/medinsight.properties"), policy(), StandardCharsets.UTF_8);
    Path script = home.resolve("bin/interpreter.sh");
    Files.writeString(script, interpreterScript(), StandardCharsets.UTF_8);
    try (InputStream in = ZeppelinHome.class.getResourceAsStream("RestartInterpreter.java")) {
      Files.write(home.resolve("bin/RestartInterpreter.java"), in.readAllBytes());
    }
    script.toFile().setExecutable(true);
    // Zeppelin saves every note's permissions in one file: without it, no note has permissions
    // anyone set, and the record of given ones speaks of notes that are gone
    if (!Files.exists(authorizationFile())) {
      Files.deleteIfExists(permissionsGivenFile());
    }
    // "/" serves the published dashboards once they are written; until then, a notice
    if (!Files.exists(home.resolve("webapps/classic/index.html"))) {
      Files.writeString(home.resolve("webapps/classic/index.html"), indexHtml(port), StandardCharsets.UTF_8);
    }
    Files.writeString(home.resolve("webapps/angular/index.html"), indexHtml(port), StandardCharsets.UTF_8);
    // the websocket needs a login session too (see the template)
    for (String app : List.of("webapps/classic", "webapps/angular")) {
      Files.createDirectories(home.resolve(app).resolve("WEB-INF"));
      Files.writeString(home.resolve(app).resolve("WEB-INF/web.xml"), Template.of("web.xml").render(), StandardCharsets.UTF_8);
    }
    NotebookPage.write(home.resolve("webapps/classic"));
    NotebookPage.writeServlet(home.resolve("webapps/angular"));
    createdNotes.clear();
    createdNotes.addAll(copyNotes(home.resolve("notebook"), new ArrayList<>()));
    return created[0];
  }

  /** Copies the bundle's notes into a notebook folder; see {@link #copyNotes(Path, Path, List)}. */
  public List<String> copyNotes(Path notebook, List<String> kept) throws IOException {
    return copyNotes(notes(), notebook, kept);
  }

  /**
   * Copies the {@code .zpln} notes of a folder ({@code notes/}, or the English ones {@code bin/medinsight
   * notes --lang en} writes) into a notebook folder, keeping a note whose id is already there under
   * any name or folder (its file name is added to {@code kept}): Zeppelin must never see two notes
   * with one id. Returns the ids of the notes copied.
   */
  public static List<String> copyNotes(Path from, Path notebook, List<String> kept) throws IOException {
    return copyNotes(from, notebook, kept, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #copyNotes(Path, Path, List)}, each note's text as {@code layout} makes it. */
  public static List<String> copyNotes(Path from, Path notebook, List<String> kept, java.util.function.UnaryOperator<String> layout)
      throws IOException {
    List<String> copied = new ArrayList<>();
    Files.createDirectories(notebook);
    Map<String, String> there = new HashMap<>();
    try (Stream<Path> s = Files.walk(notebook)) {
      s.filter(p -> p.toString().endsWith(".zpln")).forEach(p -> there.put(idOf(p), p.getFileName().toString()));
    }
    List<Path> notes;
    try (Stream<Path> s = Files.list(from)) {
      notes = s.filter(p -> p.toString().endsWith(".zpln")).sorted().collect(Collectors.toList());
    }
    if (notes.isEmpty()) {
      throw new IOException(from + " holds no .zpln note");
    }
    for (Path n : notes) {
      String id = idOf(n);
      if (there.containsKey(id)) {
        kept.add(there.get(id));
      } else {
        Files.writeString(notebook.resolve(n.getFileName().toString()), layout.apply(Files.readString(n, StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        copied.add(id);
      }
    }
    return copied;
  }

  /** A note's id: what its file name {@code name_id.zpln} ends with. */
  static String idOf(Path zpln) {
    String name = zpln.getFileName().toString();
    return name.substring(name.lastIndexOf('_') + 1, name.length() - ".zpln".length());
  }

  private static String indexHtml(int port) {
    return "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>medinsight</title></head><body>\n"
        + "<h1>medinsight · Zeppelin (headless)</h1>\n"
        + "<p>This local Zeppelin server runs without Zeppelin's web UI, which is not published to the package "
        + "registries. Use its REST API (<code>/api/…</code>, log in first), or install the plugin and notes "
        + "into a full Zeppelin distribution (<code>bin/medinsight install</code>) or use the Docker deployment "
        + "(<code>docker/</code>).</p>\n</body></html>\n";
  }
}
