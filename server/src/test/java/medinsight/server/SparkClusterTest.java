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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
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
    return NoteBundleTest.root().resolve("interpreter/target/drugs").toString() + File.separator + "*";
  }

  static ProcessBuilder spark(String log, String... args) {
    return spark(dir, List.of(), List.of(), log, args);
  }

  /**
   * A Spark daemon (Master, Worker) from the plugin folder's jars, its output in {@code dir/log}:
   * started through {@code prefix} (a command that runs it elsewhere, such as in another network
   * namespace), with the JVM options {@code jvm} (a daemon's own settings).
   */
  static ProcessBuilder spark(Path dir, List<String> prefix, List<String> jvm, String log, String... args) {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(List.of(java(), "-Xmx512m"));
    cmd.addAll(Arrays.asList(Launcher.OPENS.split(" ")));
    cmd.addAll(jvm);
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

  static MiniDFSCluster hdfs;

  /** A real HDFS in this JVM (namenode and datanode on 127.0.0.1), for the warehouse the cluster shares. */
  static MiniDFSCluster startHdfs(Path base) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    for (String k : new String[] {"dfs.namenode.http-address", "dfs.namenode.https-address", "dfs.datanode.address",
        "dfs.datanode.http.address", "dfs.datanode.https.address", "dfs.datanode.ipc.address"}) {
      conf.set(k, "127.0.0.1:0");
    }
    conf.setInt("dfs.replication", 1);
    MiniDFSCluster c = new MiniDFSCluster.Builder(conf).numDataNodes(1).nameNodePort(0).build();
    c.waitActive();
    return c;
  }

  @BeforeAll
  static void start() throws Exception {
    root = NoteBundleTest.root();
    hdfs = startHdfs(dir.resolve("dfs"));
    Files.createDirectories(dir.resolve("spark-home/jars"));
    port = freePort();
    master = spark("master.log", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--webui-port", String.valueOf(freePort())).start();
    worker = spark("worker.log", "org.apache.spark.deploy.worker.Worker", "spark://127.0.0.1:" + port, "--host", "127.0.0.1",
        "--webui-port", String.valueOf(freePort()), "--cores", "2", "--memory", "2g", "--work-dir",
        dir.resolve("work").toString()).start();
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && !Files.readString(dir.resolve("master.log")).contains("Registering worker")) {
      assertTrue(master.isAlive() && worker.isAlive(), LocalServer.tail(dir.resolve("master.log"), 20) + LocalServer.tail(dir.resolve("worker.log"), 20));
      Thread.sleep(300);
    }
    assertTrue(Files.readString(dir.resolve("master.log")).contains("Registering worker"), LocalServer.tail(dir.resolve("master.log"), 30));
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
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  /** Runs every command example through the interpreter API in a separate driver process. */
  static Map<String, String> run(String masterUrl, String log) throws Exception {
    return run(masterUrl, "none", log);
  }

  static Map<String, String> run(String masterUrl, String warehouse, String log) throws Exception {
    String cp = String.join(File.pathSeparator, root.resolve("bench/target/classes").toString(),
        root.resolve("zeppelin-dist/target/zeppelin/interpreter-lib/zeppelin-interpreter-shaded-0.10.1.jar").toString(), plugin());
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx2g"));
    cmd.addAll(Arrays.asList(Launcher.OPENS.split(" ")));
    cmd.addAll(List.of("-cp", cp, "medinsight.bench.Console", "--all-examples", "--prop", "spark.master=" + masterUrl,
        "--prop", "drugs.warehouse=" + warehouse, "--prop", "spark.driver.host=127.0.0.1", "--prop", "spark.driver.bindAddress=127.0.0.1",
        "--prop", "spark.executor.memory=1g", "--prop", "spark.cores.max=2",
        "--prop", "spark.executor.extraJavaOptions=" + Launcher.OPENS));
    Path out = dir.resolve(log);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve(log + ".err").toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the driver did not finish: " + LocalServer.tail(out, 10) + LocalServer.tail(dir.resolve(log + ".err"), 20));
    assertEquals(0, p.exitValue(), LocalServer.tail(out, 30) + LocalServer.tail(dir.resolve(log + ".err"), 30));
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

  /**
   * The cluster loads the sample into a warehouse on HDFS (its executors write the Parquet files),
   * a second driver reads the tables back from there, and every command gives what local mode gives.
   */
  @Test
  void everyCommandGivesTheSameResultOnTheClusterWithTheWarehouseOnHdfs() throws Exception {
    String warehouse = "hdfs://127.0.0.1:" + hdfs.getNameNodePort() + "/medinsight/warehouse";
    Map<String, String> local = run("local[2]", "local.out");
    Map<String, String> loading = run("spark://127.0.0.1:" + port, warehouse, "cluster-load.out");
    FileSystem fs = hdfs.getFileSystem();
    for (String table : new String[] {"catalog-2024", "catalog-2025", "products", "yinpian"}) {
      org.apache.hadoop.fs.Path current = new org.apache.hadoop.fs.Path("/medinsight/warehouse/current/" + table);
      assertTrue(fs.exists(current), table + " is not in the HDFS warehouse");
      String fp;
      try (java.io.InputStream in = fs.open(current)) {
        fp = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/medinsight/warehouse/" + fp + "/_COMPLETE")), table);
    }
    Map<String, String> cluster = run("spark://127.0.0.1:" + port, warehouse, "cluster.out");
    String quality = cluster.entrySet().stream().filter(e -> e.getKey().startsWith("%drugs quality")).findFirst()
        .orElseThrow().getValue();
    assertEquals(4, quality.lines().filter(l -> l.contains("classpath:") && l.endsWith("是")).count(),
        "the second driver read every table from the HDFS warehouse:\n" + quality);
    assertEquals(0, loading.get(loading.keySet().stream().filter(k -> k.startsWith("%drugs quality")).findFirst().orElseThrow())
        .lines().filter(l -> l.contains("classpath:") && l.endsWith("是")).count(), "the first driver parsed the files");
    assertEquals(local.keySet(), cluster.keySet());
    assertTrue(local.size() > 30, "commands run: " + local.size());
    String workerLog = Files.readString(dir.resolve("worker.log"));
    assertTrue(workerLog.contains("Asked to launch executor"), "the cluster ran executors:\n" + LocalServer.tail(dir.resolve("worker.log"), 20));
    for (String cmd : local.keySet()) {
      if (cmd.startsWith("%drugs quality") || cmd.startsWith("%drugs dataset")) {
        continue; // load times differ
      }
      assertEquals(local.get(cmd), loading.get(cmd), cmd + " (cluster, loading into the warehouse)");
      assertEquals(local.get(cmd), cluster.get(cmd), cmd + " (cluster, from the warehouse)");
    }
  }
}
