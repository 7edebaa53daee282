package medinsight.bench;

import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import medinsight.engine.LoadReport;
import medinsight.zeppelin.EmbeddedDrugs;

/**
 * Cold start in a fresh JVM: from the interpreter's creation ({@code open}: the Spark session)
 * through loading the tables to the first command's result, with the time of each part. {@link #main} is the child process; {@link #measure}
 * starts it, with the warehouse emptied first and then with the warehouse the first run filled.
 */
public final class ColdStart {
  static final String FIRST_COMMAND = "levels --by variety";
  private static final String RESULT = "cold-start-result ";

  private ColdStart() {}

  /** Child: {@code ColdStart [--prop key=value]...}; prints one result line as JSON. */
  public static void main(String[] args) throws Exception {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    Properties p = new Properties();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--prop")) {
        String[] kv = args[++i].split("=", 2);
        p.setProperty(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    long t0 = System.nanoTime();
    long wall0 = System.currentTimeMillis();
    Map<String, Object> out = new LinkedHashMap<>();
    try (EmbeddedDrugs d = new EmbeddedDrugs(p)) {
      double open = Timings.since(t0);
      // the tables load on first use; loading them here splits the time into its parts
      d.drugs.engine().data.tables();
      double loaded = Timings.since(t0);
      EmbeddedDrugs.Paragraph r = d.drugs(FIRST_COMMAND);
      double first = Timings.since(t0);
      if (!r.ok()) {
        System.err.println(FIRST_COMMAND + " failed: " + r.result.message());
        System.exit(1);
      }
      boolean fromWarehouse = true;
      for (LoadReport lr : d.drugs.engine().data.tables().reports().values()) {
        fromWarehouse &= lr.fromWarehouse;
      }
      out.put("open_ms", Timings.round(open));
      out.put("load_ms", Timings.round(loaded - open));
      out.put("command_ms", Timings.round(first - loaded));
      out.put("first_result_ms", Timings.round(first));
      out.put("jvm_to_first_result_ms", (double) (wall0 - jvmStart) + Timings.round(first));
      out.put("from_warehouse", fromWarehouse);
    }
    System.out.println(RESULT + new Gson().toJson(out));
    System.out.flush();
    System.exit(0);
  }

  /**
   * Runs the child {@code runs} times with an empty warehouse (deleted first) and each time once
   * more with the warehouse that run filled. The child JVM gets this JVM's options and classpath.
   */
  static Map<String, Object> measure(int runs, Path warehouse, Properties props, Path log) throws IOException,
      InterruptedException {
    List<Map<String, Object>> empty = new ArrayList<>();
    List<Map<String, Object>> filled = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      delete(warehouse);
      empty.add(child(warehouse, props, log));
      filled.add(child(warehouse, props, log));
      System.out.printf(Locale.ROOT, "cold start %d/%d: empty warehouse %.0f ms, filled %.0f ms%n", i + 1, runs,
          ((Number) empty.get(i).get("first_result_ms")).doubleValue(),
          ((Number) filled.get(i).get("first_result_ms")).doubleValue());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("first_command", FIRST_COMMAND);
    m.put("runs", runs);
    m.put("empty_warehouse", summary(empty));
    m.put("filled_warehouse", summary(filled));
    return m;
  }

  private static Map<String, Object> summary(List<Map<String, Object>> results) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String k : List.of("first_result_ms", "open_ms", "load_ms", "command_ms", "jvm_to_first_result_ms")) {
      double[] v = results.stream().mapToDouble(r -> ((Number) r.get(k)).doubleValue()).sorted().toArray();
      m.put(k.replace("_ms", "_median_ms"), Timings.round(Timings.pct(v, 0.5)));
      if (k.equals("first_result_ms")) {
        m.put("first_result_all_ms", Arrays.stream(v).map(Timings::round).boxed().toArray());
      }
    }
    m.put("from_warehouse", results.stream().allMatch(r -> Boolean.TRUE.equals(r.get("from_warehouse"))));
    return m;
  }

  private static Map<String, Object> child(Path warehouse, Properties props, Path log) throws IOException,
      InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ColdStart.class.getName());
    Properties p = new Properties();
    p.putAll(props);
    p.setProperty("drugs.warehouse", warehouse.toUri().toString());
    for (String k : p.stringPropertyNames()) {
      cmd.add("--prop");
      cmd.add(k + "=" + p.getProperty(k));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process proc = pb.start();
    String result = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith(RESULT)) {
          result = line.substring(RESULT.length());
        }
      }
    }
    if (!proc.waitFor(10, TimeUnit.MINUTES)) {
      proc.destroyForcibly();
      throw new IllegalStateException("the cold-start child did not end within 10 minutes; see " + log);
    }
    if (proc.exitValue() != 0 || result == null) {
      throw new IllegalStateException("the cold-start child failed (exit " + proc.exitValue() + "); see " + log);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new Gson().fromJson(result, Map.class);
    return m;
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}
