package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server whose drugs setting runs on a real Spark standalone cluster (a Master and a Worker
 * started inside the server's network namespace, where its interpreter can reach them). The
 * cluster removes the interpreter's application (its executor died, and the Master gives an
 * application one try); Spark stops the interpreter's context. The next paragraph answers, on a
 * new application, without an admin restarting anything.
 */
class SparkRecoveryEndToEndTest {
  @TempDir
  static Path work;
  @TempDir
  static Path cluster;
  static Launcher launcher;
  static ZeppelinHome home;
  static String base;
  static Map<String, String> logins;
  static Process master;
  static Process worker;
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

  @BeforeAll
  static void up() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    home = new ZeppelinHome(NoteBundleTest.root(), work);
    launcher = ZeppelinEndToEndTest.up(home, LOG, port, false);
    base = launcher.url(port);
    logins = home.credentials(null);
    // the server's network namespace: only loopback, shared with its interpreter processes
    ProcessHandle server = launcher.server().orElseThrow();
    ProcessHandle zeppelin = Stream.concat(Stream.of(server), server.descendants())
        .filter(h -> h.info().commandLine().orElse("").contains("ZeppelinServer")).findFirst()
        .orElseThrow(() -> new AssertionError("no Zeppelin server process"));
    // as root the server's namespace is a network namespace only; else also a user namespace of its own
    List<String> inside = LocalServer.root() ? List.of("nsenter", "--target", String.valueOf(zeppelin.pid()), "--net", "--")
        : List.of("nsenter", "--target", String.valueOf(zeppelin.pid()), "--user", "--net", "--preserve-credentials", "--");
    Files.createDirectories(cluster.resolve("spark-home/jars"));
    // one failed executor is enough for this Master to give up on an application (its default is 10)
    master = SparkClusterTest.spark(cluster, inside, List.of("-Dspark.deploy.maxExecutorRetries=1"), "master.log",
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0").start();
    String url = awaitLine(master, cluster.resolve("master.log"), Pattern.compile("Starting Spark master at (spark://\\S+)"));
    worker = SparkClusterTest.spark(cluster, inside, List.of(), "worker.log", "org.apache.spark.deploy.worker.Worker", url,
        "--host", "127.0.0.1", "--webui-port", "0", "--cores", "2", "--memory", "2g", "--work-dir", cluster.resolve("work").toString())
        .start();
    awaitLine(master, cluster.resolve("master.log"), Pattern.compile("(Registering worker)"));
    // the admin points the drugs setting at the cluster; Zeppelin saves it and restarts the interpreter
    ZeppelinRest admin = as("admin");
    ZeppelinRest.Response setting = admin.get("/api/interpreter/setting/drugs");
    assertEquals(200, setting.status, setting.toString());
    JsonObject body = setting.json().getAsJsonObject("body");
    JsonObject props = body.getAsJsonObject("properties");
    for (String[] kv : new String[][] {{"spark.master", url}, {"spark.driver.host", "127.0.0.1"},
        {"spark.driver.bindAddress", "127.0.0.1"}, {"spark.cores.max", "2"}, {"spark.executor.memory", "1g"}}) {
      JsonObject p = new JsonObject();
      p.addProperty("name", kv[0]);
      p.addProperty("value", kv[1]);
      p.addProperty("type", "string");
      props.add(kv[0], p);
    }
    JsonObject update = new JsonObject();
    update.add("properties", props);
    update.add("dependencies", body.get("dependencies"));
    update.add("option", body.get("option"));
    ZeppelinRest.Response put = admin.send("PUT", "/api/interpreter/setting/drugs", update.toString());
    assertEquals(200, put.status, put.toString());
  }

  @AfterAll
  static void down() throws Exception {
    if (launcher != null) {
      launcher.down();
    }
    for (Process p : new Process[] {worker, master}) {
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  static ZeppelinRest as(String user) throws Exception {
    ZeppelinRest r = new ZeppelinRest(base);
    assertEquals(200, r.login(user, logins.get(user)).status, "login " + user);
    return r;
  }

  /**
   * Waits until the daemon's log has a line that {@code p} matches (a state, not a duration) and
   * returns its first group; the deadline only turns a daemon that never gets there into a failure.
   */
  static String awaitLine(Process daemon, Path log, Pattern p) throws Exception {
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      Matcher m = p.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return m.group(1);
      }
      assertTrue(daemon == null || daemon.isAlive(), "the daemon ended: " + LocalServer.tail(log, 30));
      assertTrue(System.currentTimeMillis() < deadline, "no “" + p + "” in " + log + ": " + LocalServer.tail(log, 30));
      Thread.sleep(200);
    }
  }

  static List<String> applications() throws Exception {
    Matcher m = Pattern.compile("Registered app \\S+ with ID (\\S+)").matcher(Files.readString(cluster.resolve("master.log")));
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  @Test
  void aContextTheClusterStoppedComesBackAtTheNextParagraph() throws Exception {
    ZeppelinRest admin = as("admin");
    String note = ZeppelinEndToEndTest.ownNote(admin, "%md x")[0];
    String query = "%drugs.sql\nselect count(*) as n from catalog";
    String[] first = ZeppelinEndToEndTest.runText(admin, note, query);
    assertEquals("SUCCESS", first[0], first[1] + LocalServer.tail(home.home.resolve("logs/interpreter-drugs.log"), 30));
    List<String> apps = applications();
    assertEquals(1, apps.size(), "the interpreter runs on the cluster: " + apps);
    ProcessHandle executor = worker.descendants().filter(h -> h.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .findFirst().orElseThrow(() -> new AssertionError("no executor of the worker"));

    // the executor dies; the Master removes the application; Spark stops the interpreter's context
    executor.destroyForcibly();
    awaitLine(master, cluster.resolve("master.log"), Pattern.compile("(removing it)"));
    awaitLine(null, home.home.resolve("logs/interpreter-drugs.log"), Pattern.compile("(Spark stopped the engine's context)"));

    // a user's next paragraph answers, on a new application of the same cluster
    String[] again = ZeppelinEndToEndTest.runText(as("analyst"), ZeppelinEndToEndTest.ownNote(as("analyst"), "%md x")[0], query);
    assertEquals("SUCCESS", again[0], again[1]);
    assertEquals(first[1], again[1]);
    assertTrue(Integer.parseInt(again[1].trim().split("\n")[1].trim()) > 3000, again[1]);
    List<String> now = applications();
    assertEquals(2, now.size(), "a new application: " + now);
    assertNotEquals(apps.get(0), now.get(1));
    String[] command = ZeppelinEndToEndTest.runText(admin, note, "%drugs\nlevels --by variety");
    assertEquals("SUCCESS", command[0], command[1]);
    Path watchdog = home.watchdogLog();
    assertFalse(Files.exists(watchdog) && Files.readString(watchdog).contains("restarted"),
        "the engine came back inside the same process, not by a restart");
  }
}
