package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster: a Master and a Worker as separate processes on 127.0.0.1
 * (from the plugin folder's jars), and the interpreter as a driver in a third process with
 * {@code spark.master=spark://…}. Every command gives the same result as in local mode.
 */
class SparkClusterTest {
  @TempDir
  static Path dir;
  static Process master;
  static Process worker;
  static int port;
  static Path root;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String plugin() {
    return root.resolve("interpreter/target/drugs").toString() + File.separator + "*";
  }

  static ProcessBuilder spark(String log, String... args) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx512m"));
    cmd.addAll(Arrays.asList(Launcher.OPENS.split(" ")));
    cmd.addAll(List.of("-cp", plugin()));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_HOME", dir.resolve("spark-home").toString());
    env.put("SPARK_DIST_CLASSPATH", plugin());
    // the real JDK: this JVM's JAVA_HOME is surefire's network-namespace wrapper, and executors
    // started through it would land in a namespace of their own, cut off from the driver
    env.put("JAVA_HOME", System.getProperty("java.home"));
    return pb;
  }

  @BeforeAll
  static void start() throws Exception {
    root = NoteBundleTest.root();
    Files.createDirectories(dir.resolve("spark-home/jars"));
    port = freePort();
    master = spark("master.log", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--webui-port", String.valueOf(freePort())).start();
    worker = spark("worker.log", "org.apache.spark.deploy.worker.Worker", "spark://127.0.0.1:" + port, "--host", "127.0.0.1",
        "--webui-port", String.valueOf(freePort()), "--cores", "2", "--memory", "2g", "--work-dir",
        dir.resolve("work").toString()).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && !Files.readString(dir.resolve("master.log")).contains("Registering worker")) {
      assertTrue(master.isAlive() && worker.isAlive(), Launcher.tail(dir.resolve("master.log"), 20) + Launcher.tail(dir.resolve("worker.log"), 20));
      Thread.sleep(300);
    }
    assertTrue(Files.readString(dir.resolve("master.log")).contains("Registering worker"), Launcher.tail(dir.resolve("master.log"), 30));
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : new Process[] {worker, master}) {
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Runs every command example through the interpreter API in a separate driver process. */
  static Map<String, String> run(String masterUrl, String log) throws Exception {
    String cp = String.join(File.pathSeparator, root.resolve("bench/target/classes").toString(),
        root.resolve("zeppelin-dist/target/zeppelin/interpreter-lib/zeppelin-interpreter-shaded-0.10.1.jar").toString(), plugin());
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx2g"));
    cmd.addAll(Arrays.asList(Launcher.OPENS.split(" ")));
    cmd.addAll(List.of("-cp", cp, "medinsight.bench.Console", "--all-examples", "--prop", "spark.master=" + masterUrl,
        "--prop", "drugs.warehouse=none", "--prop", "spark.driver.host=127.0.0.1", "--prop", "spark.driver.bindAddress=127.0.0.1",
        "--prop", "spark.executor.memory=1g", "--prop", "spark.cores.max=2",
        "--prop", "spark.executor.extraJavaOptions=" + Launcher.OPENS));
    Path out = dir.resolve(log);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve(log + ".err").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the driver did not finish: " + Launcher.tail(out, 10) + Launcher.tail(dir.resolve(log + ".err"), 20));
    assertEquals(0, p.exitValue(), Launcher.tail(out, 30) + Launcher.tail(dir.resolve(log + ".err"), 30));
    Map<String, String> blocks = new LinkedHashMap<>();
    String current = null;
    StringBuilder b = new StringBuilder();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      if (line.startsWith("%drugs ")) {
        if (current != null) {
          blocks.put(current, b.toString());
        }
        current = line;
        b.setLength(0);
      } else {
        b.append(line).append('\n');
      }
    }
    if (current != null) {
      blocks.put(current, b.toString());
    }
    return blocks;
  }

  @Test
  void everyCommandGivesTheSameResultOnTheCluster() throws Exception {
    Map<String, String> local = run("local[2]", "local.out");
    Map<String, String> cluster = run("spark://127.0.0.1:" + port, "cluster.out");
    assertEquals(local.keySet(), cluster.keySet());
    assertTrue(local.size() > 30, "commands run: " + local.size());
    String workerLog = Files.readString(dir.resolve("worker.log"));
    assertTrue(workerLog.contains("Asked to launch executor"), "the cluster ran executors:\n" + Launcher.tail(dir.resolve("worker.log"), 20));
    for (String cmd : local.keySet()) {
      if (cmd.startsWith("%drugs quality")) {
        continue; // load times differ
      }
      assertEquals(local.get(cmd), cluster.get(cmd), cmd);
    }
  }
}
