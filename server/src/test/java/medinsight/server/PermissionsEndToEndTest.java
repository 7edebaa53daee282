package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Note permissions across a restart of a real Zeppelin (started by the launcher on loopback, like
 * {@link ZeppelinEndToEndTest}, in a work folder of its own), and what they let the launcher publish.
 */
class PermissionsEndToEndTest {
  @TempDir
  static Path work;
  static Launcher launcher;
  static ZeppelinHome home;
  static int port;
  static String base;
  static Map<String, String> logins;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @BeforeAll
  static void up() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    home = new ZeppelinHome(NoteBundleTest.root(), work);
    launcher = new Launcher(home, new PrintStream(LOG, true, StandardCharsets.UTF_8));
    base = launcher.url(port);
    start(false);
    logins = home.credentials(null);
  }

  static void start(boolean runNotes) throws Exception {
    try {
      launcher.up(port, runNotes);
    } catch (Launcher.Failure f) {
      throw new AssertionError(f.getMessage() + "\n" + LOG.toString(StandardCharsets.UTF_8) + LocalServer.tail(home.log(), 40));
    }
  }

  @AfterAll
  static void down() throws Exception {
    if (launcher != null) {
      launcher.down();
      assertFalse(LocalServer.listening(port), "the server still listens after down");
    }
  }

  static ZeppelinRest as(String user) throws Exception {
    ZeppelinRest r = new ZeppelinRest(base);
    assertEquals(200, r.login(user, logins.get(user)).status, "login " + user);
    return r;
  }

  /** A note's permissions as the server holds them: list → sorted names. */
  static Map<String, Set<String>> permissions(ZeppelinRest rest, String note) throws Exception {
    ZeppelinRest.Response r = rest.get("/api/notebook/" + note + "/permissions");
    assertEquals(200, r.status, r.toString());
    JsonObject body = r.json().getAsJsonObject("body");
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    for (String list : List.of("readers", "writers", "runners", "owners")) {
      Set<String> names = new TreeSet<>();
      body.getAsJsonArray(list).forEach(e -> names.add(e.getAsString()));
      out.put(list, names);
    }
    return out;
  }

  static Map<String, Set<String>> sets(Map<String, List<String>> permissions) {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    permissions.forEach((k, v) -> out.put(k, new TreeSet<>(v)));
    return out;
  }

  static String dashboardIdOfIndex() throws Exception {
    ZeppelinRest.Response r = new ZeppelinRest(base).get("/");
    assertEquals(200, r.status);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<body [^>]*data-note=\"([^\"]*)\"").matcher(r.body);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void permissionsTheAdminChangedSurviveDownAndUpAndRestrictedNotesAreNotPublished(@TempDir Path saved) throws Exception {
    ZeppelinRest admin = as("admin");
    // the admin keeps the mining dashboard to admins, and opens the SQL note to every logged-in user
    assertEquals(200, admin.setPermissions("2MIMINING", ZeppelinEndToEndTest.ADMIN_ONLY).status);
    Map<String, List<String>> open = Map.of("owners", List.of(), "writers", List.of(), "runners", List.of(), "readers", List.of());
    assertEquals(200, admin.setPermissions("2MISQL001", open).status);

    launcher.down();
    start(true);
    admin = as("admin");
    assertEquals(sets(ZeppelinEndToEndTest.ADMIN_ONLY), permissions(admin, "2MIMINING"), "the restriction is kept");
    assertEquals(sets(open), permissions(admin, "2MISQL001"), "emptied permissions stay empty");
    for (NoteBundle.Note n : NoteBundle.notes()) {
      if (!Set.of("2MIMINING", "2MISQL001").contains(n.id)) {
        assertEquals(sets(Launcher.PERMISSIONS), permissions(admin, n.id), n.name + " has the bundled permissions");
      }
    }
    ZeppelinRest viewer = as("viewer");
    assertEquals(403, viewer.get("/api/notebook/2MIMINING").status);
    assertEquals(200, viewer.get("/api/notebook/2MICORE01").status);

    // up published: not the restricted note, and no page links it
    ZeppelinRest anon = new ZeppelinRest(base);
    assertEquals(404, anon.get("/2MIMINING.html").status);
    for (NoteBundle.Note n : NoteBundle.notes()) {
      ZeppelinRest.Response r = anon.get("/" + n.id + ".html");
      if (n.dashboard && !n.id.equals("2MIMINING")) {
        assertEquals(200, r.status, n.name);
        assertFalse(r.body.contains("2MIMINING.html"), n.name + " links the restricted page");
      }
    }

    // the overview restricted too: / serves the first dashboard the viewer may read
    assertEquals(200, admin.setPermissions("2MIOVERVW", ZeppelinEndToEndTest.ADMIN_ONLY).status);
    launcher.publish(port, List.of(), null, null);
    assertEquals(404, anon.get("/2MIOVERVW.html").status);
    String first = NoteBundle.notes().stream().filter(n -> n.dashboard && !Set.of("2MIOVERVW", "2MIMINING").contains(n.id))
        .findFirst().orElseThrow().id;
    assertEquals(first, dashboardIdOfIndex());
    assertFalse(anon.get("/").body.contains("2MIOVERVW.html"));

    // every dashboard restricted: / says that nothing is published
    for (NoteBundle.Note n : NoteBundle.notes()) {
      if (n.dashboard) {
        assertEquals(200, admin.setPermissions(n.id, ZeppelinEndToEndTest.ADMIN_ONLY).status);
      }
    }
    launcher.publish(port, List.of(), null, null);
    assertEquals("", dashboardIdOfIndex());
    assertTrue(anon.get("/").body.contains("暂无发布的看板"));
    for (NoteBundle.Note n : NoteBundle.notes()) {
      assertEquals(404, anon.get("/" + n.id + ".html").status, n.name);
      assertFalse(Files.exists(home.root.resolve(Launcher.PUBLISH_DIR).resolve(n.id + ".html")), n.name);
    }

    // saved notes carry no permissions: publishing them from the folder is the admin's choice
    List<Path> files = launcher.publish(0, List.of("2MIMINING"), saved, home.home.resolve("notebook"));
    assertTrue(files.contains(saved.resolve("2MIMINING.html")), files.toString());
  }
}
