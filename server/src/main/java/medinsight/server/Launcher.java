package medinsight.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bin/medinsight up|down|status|logs|install}: a local Zeppelin with the plugin and the
 * dashboard notes, from the build's jars.
 */
public final class Launcher {
  static final String OPENS = "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED "
      + "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
      + "--add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED "
      + "--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED "
      + "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED "
      + "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED "
      + "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED "
      + "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED "
      + "-Djdk.reflect.useDirectMethodHandle=false";

  /** Who may do what on every note: viewers read, analysts also write and run, the service identity runs. */
  public static final Map<String, List<String>> PERMISSIONS = Map.of(
      "owners", List.of("admin"),
      "writers", List.of("admin", "analyst"),
      "runners", List.of("admin", "analyst", ZeppelinHome.SERVICE),
      "readers", List.of("admin", "analyst", "viewer", ZeppelinHome.SERVICE));

  private final ZeppelinHome zh;
  private final LocalServer local;
  private final PrintStream out;

  public Launcher(ZeppelinHome zh, PrintStream out) {
    this.zh = zh;
    this.local = new LocalServer(zh, this::say);
    this.out = out;
  }

  /** A failure to report to the user: one or two lines, and the exit code. */
  public static final class Failure extends Exception {
    final int code;

    Failure(String message, int code) {
      super(message);
      this.code = code;
    }
  }

  private void say(String s) {
    out.println("[medinsight] " + s);
  }

  /** The running server of the work folder, if any. */
  public Optional<ProcessHandle> server() throws IOException {
    return local.server();
  }

  /** Stops the server and every process it started; checks that nothing listens afterwards. */
  public void down() throws Exception {
    local.down();
  }

  int port() throws IOException {
    return Integer.parseInt(Files.readString(zh.portFile()).trim());
  }

  public String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Starts (or reuses) the server, gives new notes their permissions, runs every note, publishes,
   * prints the links.
   */
  public void up(int port, boolean runNotes) throws Exception {
    long t0 = System.nanoTime();
    Optional<ProcessHandle> running = server();
    if (running.isPresent()) {
      int p = port();
      say("Zeppelin is already running (pid " + running.get().pid() + ") at " + url(p) + "; reusing it");
      zh.assemble(p);
      givePermissions(p);
      if (runNotes) {
        runNotes(p);
      }
      publish(p, List.of(), null, null);
      links(p);
      loginsOnce();
      say("ready");
      return;
    }
    if (!LocalServer.portFree(port)) {
      throw new Failure("port " + port + " on 127.0.0.1 is in use by another program: stop it, or choose another "
          + "port with: bin/medinsight up --port N", 3);
    }
    say("assembling the Zeppelin home in " + zh.home);
    zh.assemble(port);
    Files.writeString(zh.portFile(), String.valueOf(port));
    say("starting Zeppelin on " + url(port) + " ...");
    Process p = local.start(port);
    Files.writeString(zh.pidFile(), String.valueOf(p.pid()));
    local.waitUntilUp(p, port);
    say(String.format("Zeppelin is up (%.1f s)", (System.nanoTime() - t0) / 1e9));
    limitInterpreter(port);
    givePermissions(port);
    if (runNotes) {
      runNotes(port);
    }
    publish(port, List.of(), null, null);
    links(port);
    loginsOnce();
    say(String.format("ready in %.1f s", (System.nanoTime() - t0) / 1e9));
  }

  /**
   * The logins, printed by the first {@code up} that gets to "ready" (an earlier one that failed
   * on the way has not shown them); later ones say where they are.
   */
  private void loginsOnce() throws IOException {
    Path shown = zh.work.resolve(".logins-shown");
    if (Files.exists(shown)) {
      say("logins: 'bin/medinsight status' shows them (kept in " + zh.credentialsFile() + ")");
      return;
    }
    say("logins (kept in " + zh.credentialsFile() + ", shown again by 'bin/medinsight status'):");
    printCredentials();
    Files.writeString(shown, "");
  }

  /** The notes of the bundle: id and name, from the .zpln files. */
  public List<String[]> bundleNotes() throws IOException {
    List<String[]> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(zh.notes())) {
      for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".zpln")).sorted()::iterator) {
        JsonObject o = JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject();
        out.add(new String[] {o.get("id").getAsString(), o.get("name").getAsString(),
            o.getAsJsonObject("config").get("looknfeel").getAsString()});
      }
    }
    return out;
  }

  private String remoteUrl;
  private String remotePassword;

  public ZeppelinRest admin(int port) throws Exception {
    ZeppelinRest rest = new ZeppelinRest(remoteUrl != null ? remoteUrl : url(port));
    ZeppelinRest.Response r = rest.login("admin", remotePassword != null ? remotePassword : zh.credentials(null).get("admin"));
    if (r.status != 200) {
      throw new Failure("cannot log in as admin: " + r + " (" + zh.credentialsFile() + " and conf/shiro.ini disagree?"
          + " run 'bin/medinsight down' then 'up')", 5);
    }
    return rest;
  }

  /** The roles that may use the drugs interpreter at all (Zeppelin's interpreter permission). */
  static final List<String> INTERPRETER_OWNERS = List.of("admin", "analyst", ZeppelinHome.SERVICE);

  /**
   * Limits the drugs and md interpreter settings to the admin and analyst roles and the service
   * login, so a viewer runs neither (the drugs interpreter refuses viewers too, and Zeppelin's
   * {@code %md} keeps {@code onerror}, {@code javascript:} and {@code iframe}), and gives each note
   * a session of its own in the one drugs process. Changing a setting restarts its processes, so it
   * is changed only when it differs.
   */
  void limitInterpreter(int port) throws Exception {
    ZeppelinRest rest = admin(port);
    ZeppelinRest.Response r = rest.get("/api/interpreter/setting");
    if (r.status != 200) {
      throw new Failure("reading the interpreter settings failed: " + r, 5);
    }
    boolean drugs = false;
    for (var e : r.json().getAsJsonArray("body")) {
      JsonObject s = e.getAsJsonObject();
      String name = s.get("name").getAsString();
      if (!name.equals("drugs") && !name.equals("md")) {
        continue;
      }
      drugs |= name.equals("drugs");
      JsonObject option = s.getAsJsonObject("option");
      JsonArray owners = new JsonArray();
      INTERPRETER_OWNERS.forEach(owners::add);
      // drugs: one session per note (the engine is shared by the process): a note's run all leaves
      // only that note's session in Zeppelin's one-at-a-time "note" mode, not everyone's
      boolean scoped = !name.equals("drugs") || option.has("perNote") && "scoped".equals(option.get("perNote").getAsString());
      if (option.has("setPermission") && option.get("setPermission").getAsBoolean() && owners.equals(option.get("owners")) && scoped) {
        continue;
      }
      option.addProperty("setPermission", true);
      option.add("owners", owners);
      if (name.equals("drugs")) {
        option.addProperty("perNote", "scoped");
        option.addProperty("perUser", "shared");
      }
      JsonObject body = new JsonObject();
      body.add("option", option);
      body.add("properties", s.get("properties"));
      body.add("dependencies", s.has("dependencies") ? s.get("dependencies") : new JsonArray());
      ZeppelinRest.Response put = rest.send("PUT", "/api/interpreter/setting/" + s.get("id").getAsString(), body.toString());
      if (put.status != 200) {
        throw new Failure("limiting the " + name + " interpreter to " + INTERPRETER_OWNERS + " failed: " + put, 5);
      }
    }
    if (!drugs) {
      throw new Failure("the server has no drugs interpreter setting (is interpreter/drugs/ complete?)", 5);
    }
  }

  /**
   * Gives the bundled {@link #PERMISSIONS} to each note of the bundle that has none yet, once:
   * to a note that the last assembly created from the bundle, or that has no permissions at all
   * and was never given them before (the work folder keeps which were). A note whose permissions
   * someone set, changed, or emptied after they were given keeps them. On a server this launcher
   * did not start ({@code apply --url}) there is no such record: a note gets them when all four of
   * its lists are empty (which opens it to every logged-in user).
   */
  void givePermissions(int port) throws Exception {
    ZeppelinRest rest = admin(port);
    boolean local = remoteUrl == null;
    Set<String> given = local ? zh.permissionsGiven() : Set.of();
    Set<String> created = local ? zh.createdNotes() : Set.of();
    List<String> gave = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (String[] n : bundleNotes()) {
      ZeppelinRest.Response r = rest.get("/api/notebook/" + n[0] + "/permissions");
      if (r.status != 200) {
        say("the permissions of " + n[1] + " cannot be read as admin (" + r.status + "): left as they are");
        continue;
      }
      JsonObject current = r.json().getAsJsonObject("body");
      boolean none = NoteAccess.none(current);
      if (!created.contains(n[0]) && !(none && !given.contains(n[0]))) {
        kept.add(n[1]);
        if (local) {
          letTheServiceRun(rest, n, current);
        }
        continue;
      }
      ZeppelinRest.Response perm = rest.setPermissions(n[0], PERMISSIONS);
      if (perm.status != 200) {
        throw new Failure("setting permissions of " + n[1] + " failed: " + perm, 5);
      }
      if (local) {
        zh.recordPermissionsGiven(n[0]);
      }
      gave.add(n[1]);
    }
    if (!gave.isEmpty()) {
      say("permissions given to the new note(s): " + String.join(", ", gave));
    }
    if (!kept.isEmpty()) {
      say("permissions kept as they are: " + String.join(", ", kept));
    }
  }

  /**
   * A note that still has the bundled permissions of before the service identity (the same lists
   * without {@link ZeppelinHome#SERVICE}) gets the current ones. Permissions someone changed stay as
   * they are; {@link #runNotes} leaves a note the service may not run as it is.
   */
  private void letTheServiceRun(ZeppelinRest rest, String[] note, JsonObject current) throws Exception {
    for (String list : NoteAccess.LISTS) {
      List<String> names = new ArrayList<>();
      if (current.has(list) && current.get(list).isJsonArray()) {
        current.getAsJsonArray(list).forEach(e -> names.add(e.getAsString()));
      }
      List<String> before = new ArrayList<>(PERMISSIONS.get(list));
      before.remove(ZeppelinHome.SERVICE);
      if (!new java.util.HashSet<>(names).equals(new java.util.HashSet<>(before))) {
        return;
      }
    }
    ZeppelinRest.Response perm = rest.setPermissions(note[0], PERMISSIONS);
    if (perm.status != 200) {
      throw new Failure("setting permissions of " + note[1] + " failed: " + perm, 5);
    }
    say("the dashboards' service login may now run " + note[1]);
  }

  /**
   * Who runs the dashboards: on the local server the service identity ({@link ZeppelinHome#SERVICE}:
   * query only), so a paragraph planted in a dashboard never runs with admin's rights; on a server
   * this launcher did not start ({@code apply URL}), the admin login given.
   */
  private ZeppelinRest runner(int port) throws Exception {
    if (remoteUrl != null) {
      return admin(port);
    }
    ZeppelinRest rest = new ZeppelinRest(url(port));
    ZeppelinRest.Response r = rest.login(ZeppelinHome.SERVICE, zh.credentials(null).get(ZeppelinHome.SERVICE));
    if (r.status != 200) {
      throw new Failure("cannot log in as " + ZeppelinHome.SERVICE + ": " + r + " (" + zh.credentialsFile()
          + " and conf/shiro.ini disagree? run 'bin/medinsight down' then 'up')", 5);
    }
    return rest;
  }

  /** Runs every note as {@link #runner}; fails listing each paragraph that did not finish. */
  public void runNotes(int port) throws Exception {
    ZeppelinRest rest = runner(port);
    List<String> failed = new ArrayList<>();
    for (String[] n : bundleNotes()) {
      long t0 = System.nanoTime();
      Map<String, String> ended = new HashMap<>();
      ZeppelinRest.Response run = rest.runNote(n[0], ended);
      if (run.status == 403 && remoteUrl == null) {
        say("not run: " + n[1] + " (its permissions do not let the dashboards' service login run it; its results stay as they are)");
        continue;
      }
      if (run.status != 200) {
        failed.add(n[1] + ": run failed: " + run);
        continue;
      }
      int ok = 0;
      List<ZeppelinRest.ParagraphState> ps = rest.paragraphs(n[0]);
      for (ZeppelinRest.ParagraphState p : ps) {
        String status = ended.getOrDefault(p.id, p.status);
        if ("FINISHED".equals(status)) {
          ok++;
        } else {
          String msg = p.results.isEmpty() ? "" : p.results.get(p.results.size() - 1).split("\n")[0];
          failed.add(n[1] + " / " + p.title + ": " + status + " " + msg);
        }
      }
      say(String.format("ran %s: %d/%d paragraphs finished (%.1f s)", n[1], ok, ps.size(), (System.nanoTime() - t0) / 1e9));
    }
    if (!failed.isEmpty()) {
      throw new Failure("some paragraphs did not finish (the server keeps running; see 'bin/medinsight logs'):\n  "
          + String.join("\n  ", failed), 6);
    }
  }

  /**
   * The links that work on this server: the headless server has no Zeppelin web UI, so each
   * dashboard is its published page (a note the viewer may not read has none), each note and each
   * dashboard paragraph is a link into the notebook page, and its data is the REST API, with a login.
   */
  private void links(int port) throws Exception {
    Path served = zh.home.resolve("webapps/classic");
    say("published dashboards (read-only, no login): " + url(port) + "/  (files: " + zh.root.resolve(PUBLISH_DIR) + ")");
    for (NoteBundle.Note n : NoteBundle.notes()) {
      if (n.dashboard && Files.exists(served.resolve(n.id + ".html"))) {
        out.println("  " + n.name + "  " + url(port) + "/" + n.id + ".html");
      }
    }
    say("the notebook (edit and run notes in the browser, with a login): " + url(port) + "/notebook/");
    for (NoteBundle.Note n : NoteBundle.notes()) {
      out.println("  " + n.name + "  " + url(port) + "/notebook/#/note/" + n.id);
      if (n.dashboard) {
        for (NoteBundle.Paragraph p : n.paragraphs) {
          if (p.title != null && !p.title.isEmpty()) {
            out.println("    " + p.title + "  " + url(port) + "/notebook/#/note/" + n.id + "/paragraph/" + p.id);
          }
        }
      }
    }
    say("the notes over Zeppelin's REST API, with a login (POST /api/login):");
    for (String[] n : bundleNotes()) {
      out.println("  " + n[1] + "  " + url(port) + "/api/notebook/" + n[0]);
    }
  }

  private void printCredentials() throws IOException {
    for (Map.Entry<String, String> e : zh.logins().entrySet()) {
      out.println("  " + e.getKey() + " / " + e.getValue());
    }
  }

  public void status() throws Exception {
    Optional<ProcessHandle> s = server();
    if (s.isEmpty()) {
      say("Zeppelin is not running (start it with: bin/medinsight up)");
      return;
    }
    int port = port();
    long interpreters = s.get().descendants().filter(h -> h.info().commandLine()
        .map(c -> c.contains("RemoteInterpreterServer")).orElse(false)).count();
    say("Zeppelin is running: pid " + s.get().pid() + ", " + url(port) + ", " + interpreters + " interpreter process(es)");
    say("home " + zh.home + "; logs: bin/medinsight logs");
    say("logins (" + zh.credentialsFile() + "):");
    printCredentials();
  }

  public void logs(int lines) throws IOException {
    Path dir = zh.home.resolve("logs");
    if (!Files.isDirectory(dir)) {
      say("no logs yet in " + dir);
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : (Iterable<Path>) s.sorted()::iterator) {
        out.println("==> " + f + " <==");
        out.print(LocalServer.tail(f, lines));
      }
    }
  }

  /**
   * For a Zeppelin that this launcher did not start (Docker, an installed distribution): logs in as
   * admin with MEDINSIGHT_ADMIN_PASSWORD, gives the bundled permissions to the notes that have none
   * and runs the notes.
   */
  public void apply(String url, boolean runNotes) throws Exception {
    String pw = System.getenv("MEDINSIGHT_ADMIN_PASSWORD");
    if (pw == null || pw.isBlank()) {
      throw new Failure("set MEDINSIGHT_ADMIN_PASSWORD to the admin password of " + url, 2);
    }
    remoteUrl = url;
    remotePassword = pw;
    givePermissions(0);
    if (runNotes) {
      runNotes(0);
    }
    say("permissions checked" + (runNotes ? " and notes run" : "") + " on " + url);
  }

  /** Where {@code publish} writes by default, under the project folder. */
  static final String PUBLISH_DIR = "target/publish";

  /**
   * Publishes notes as static pages: from the local server (or {@code --url}, as admin), or from a
   * folder of {@code .zpln} files that hold results. {@code which} names notes by id or name; empty
   * means every dashboard note of the bundle, the overview first. Pages go to {@code out} (default
   * {@code target/publish/}) and, when read from the local server, also to the folder it serves at
   * {@code /}.
   *
   * <p>From a server, a note is published only when the viewer role may read it by the note's
   * permissions (or the server lets anonymous users in, when Zeppelin makes everyone a reader); the
   * page of a note that may not be published is taken out of both folders, with the links to it.
   * A folder of saved notes has no permissions: publishing from it is the admin's choice.
   */
  public List<Path> publish(int port, List<String> which, Path out, Path fromDir) throws Exception {
    List<String> order = new ArrayList<>();
    for (NoteBundle.Note n : NoteBundle.notes()) {
      if (n.dashboard) {
        order.add(n.id);
      }
    }
    List<JsonObject> notes = new ArrayList<>();
    List<String[]> restricted = new ArrayList<>();
    if (fromDir != null) {
      try (Stream<Path> s = Files.list(fromDir)) {
        for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".zpln")).sorted()::iterator) {
          notes.add(JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject());
        }
      }
    } else {
      ZeppelinRest rest = admin(port);
      boolean anonymous = anonymousReadsEverything(port);
      for (String[] n : bundleNotes()) {
        ZeppelinRest.Response perm = rest.get("/api/notebook/" + n[0] + "/permissions");
        if (!anonymous && (perm.status != 200
            || !NoteAccess.mayRead(perm.json().getAsJsonObject("body"), Set.of(ZeppelinHome.VIEWER)))) {
          restricted.add(n);
          continue;
        }
        ZeppelinRest.Response r = rest.get("/api/notebook/" + n[0]);
        if (r.status != 200) {
          throw new Failure("reading note " + n[1] + " failed: " + r, 5);
        }
        notes.add(r.json().getAsJsonObject("body"));
      }
    }
    List<JsonObject> chosen = new ArrayList<>();
    if (which.isEmpty()) {
      for (String id : order) {
        notes.stream().filter(n -> id.equals(n.get("id").getAsString())).findFirst().ifPresent(chosen::add);
      }
    } else {
      for (String w : which) {
        Optional<JsonObject> n = notes.stream()
            .filter(o -> w.equals(o.get("id").getAsString()) || w.equals(o.get("name").getAsString())).findFirst();
        if (n.isPresent()) {
          chosen.add(n.get());
        } else if (restricted.stream().noneMatch(r -> w.equals(r[0]) || w.equals(r[1]))) {
          throw new Failure("no note '" + w + "' (give its id or name)", 2);
        }
      }
      // the overview stays first (index.html) when it is among them
      chosen.sort(Comparator.comparingInt(n -> {
        int i = order.indexOf(n.get("id").getAsString());
        return i < 0 ? Integer.MAX_VALUE : i;
      }));
    }
    if (chosen.isEmpty() && restricted.isEmpty()) {
      throw new Failure("no notes to publish" + (fromDir != null ? " in " + fromDir : ""), 2);
    }
    Publisher publisher = new Publisher(ZoneId.systemDefault(), Instant.now());
    if (fromDir == null && remoteUrl == null) {
      publisher.withNotebookLinks(); // the local server's pages: its notebook page is beside them
    }
    Path target = out != null ? out : zh.root.resolve(PUBLISH_DIR);
    List<Path> written = chosen.isEmpty() ? new ArrayList<>() : publisher.publish(chosen, target);
    List<Path> folders = new ArrayList<>(List.of(target));
    if (fromDir == null && remoteUrl == null && Files.isDirectory(zh.home.resolve("webapps/classic"))) {
      Path served = zh.home.resolve("webapps/classic");
      folders.add(served);
      for (Path f : written) {
        Files.copy(f, served.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (!restricted.isEmpty()) {
      List<String> ids = restricted.stream().map(r -> r[0]).collect(Collectors.toList());
      for (Path folder : folders) {
        if (chosen.isEmpty() && which.isEmpty()) {
          // nothing at all may be published: / says so (withdraw also does, for named notes,
          // when index.html was the page of one of them)
          Files.createDirectories(folder);
          Files.writeString(folder.resolve("index.html"), publisher.nothingPublished(), StandardCharsets.UTF_8);
        }
        publisher.withdraw(folder, ids);
      }
      say("not published, the viewer role may not read them: "
          + restricted.stream().map(r -> r[1]).collect(Collectors.joining(", ")) + " (their pages are removed)");
    }
    say("published " + chosen.size() + " note(s) to " + target + " (open " + target.resolve("index.html") + ")");
    return written;
  }

  /**
   * Whether the server lets anonymous users in: Zeppelin (without a Shiro configuration) then makes
   * everyone a reader of every note. Asked of the server itself: a note list for a request without
   * a login.
   */
  boolean anonymousReadsEverything(int port) throws Exception {
    return new ZeppelinRest(remoteUrl != null ? remoteUrl : url(port)).get("/api/notebook").status == 200;
  }

  /** Copies the plugin, the bundle's notes and a Shiro template into an existing Zeppelin distribution. */
  public void install(Path zeppelinHome) throws Exception {
    install(zeppelinHome, zh.notes());
  }

  /** Copies the plugin, the notes of a folder and a Shiro template into an existing Zeppelin distribution. */
  public void install(Path zeppelinHome, Path notes) throws Exception {
    new Installer(zh, this::say).install(zeppelinHome, notes);
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path root = Paths.get(System.getProperty("medinsight.root", System.getenv().getOrDefault("MEDINSIGHT_ROOT", ".")));
    try {
      LauncherArgs a = LauncherArgs.parse(args);
      String cmd = a.verb;
      int port = a.number("--port", 8080);
      boolean run = !a.noRun;
      Path work = a.path("--work");
      String url = a.get("--url");
      Path from = a.path("--from");
      Launcher l = new Launcher(new ZeppelinHome(root, work == null ? root.resolve("work") : work.toAbsolutePath()), out);
      switch (cmd) {
        case "up": l.up(port, run); break;
        case "down": l.down(); break;
        case "status": l.status(); break;
        case "logs": l.logs(a.number("--lines", 60)); break;
        case "install":
          Path zeppelinHome = a.path("--zeppelin-home");
          Path notes = a.path("--notes");
          if (zeppelinHome == null) {
            throw new Failure("install needs --zeppelin-home DIR", 2);
          }
          boolean sparkGroup = a.flags.contains("--spark-group");
          if (a.flags.contains("--undo")) {
            if (!sparkGroup) {
              throw new Failure("--undo goes with --spark-group: install --zeppelin-home DIR --spark-group --undo", 2);
            }
            new Installer(l.zh, l::say).undoSparkGroup(zeppelinHome);
          } else if (sparkGroup) {
            Path sparkHome = a.path("--spark-home");
            String env = System.getenv("SPARK_HOME");
            if (sparkHome == null && env != null && !env.isBlank()) {
              sparkHome = Paths.get(env);
            }
            new Installer(l.zh, l::say).installSparkGroup(zeppelinHome, notes == null ? l.zh.notes() : notes.toAbsolutePath(),
                sparkHome);
          } else if (a.get("--spark-home") != null) {
            throw new Failure("--spark-home goes with --spark-group", 2);
          } else {
            l.install(zeppelinHome, notes == null ? l.zh.notes() : notes.toAbsolutePath());
          }
          break;
        case "apply":
          if (url == null) {
            throw new Failure("apply needs --url http://host:port", 2);
          }
          l.apply(url, run);
          break;
        case "publish":
          if (url != null) {
            String pw = System.getenv("MEDINSIGHT_ADMIN_PASSWORD");
            if (pw == null || pw.isBlank()) {
              throw new Failure("set MEDINSIGHT_ADMIN_PASSWORD to the admin password of " + url, 2);
            }
            l.remoteUrl = url;
            l.remotePassword = pw;
          } else if (from == null && l.server().isEmpty()) {
            throw new Failure("no local Zeppelin is running: start it with 'bin/medinsight up', or publish from "
                + "saved notes with --from NOTEBOOK_DIR, or from another Zeppelin with --url", 2);
          }
          l.publish(from == null && url == null ? l.port() : 0, a.names, a.path("--out"), from);
          break;
        default: throw new Failure("unknown command " + cmd + " (see bin/medinsight --help)", 2);
      }
    } catch (Failure f) {
      out.println("[medinsight] error: " + f.getMessage());
      System.exit(f.code);
    } catch (ConnectException e) {
      out.println("[medinsight] error: nothing answers at the server's address (" + e.getClass().getSimpleName() + "); is it running?");
      System.exit(1);
    } catch (Exception e) {
      out.println("[medinsight] error: " + e);
      System.exit(1);
    }
    System.exit(0);
  }
}
