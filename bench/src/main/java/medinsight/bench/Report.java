package medinsight.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import medinsight.command.CommandException;
import medinsight.command.CommandParser;

/**
 * Writes {@code report.md} and {@code report.json} from every run kept under {@code runs/}: the
 * machine and data of each, the per-command table with the peers, the dashboard, cold start, the
 * scale factors side by side, and each target as met, not met (with the reason the figures give)
 * or not measured.
 */
final class Report {
  static final double COMMAND_P50_MS = 100;
  static final double CACHED_P50_MS = 20;
  static final double DASHBOARD_MS = 2000;
  static final double FLOOR_RATIO = 1.5;
  static final double SF100_SUITE_MS = 60_000;
  static final double COLD_START_MS = 10_000;

  private Report() {}

  static void write(Path dir) throws IOException {
    Map<Double, Map<String, Object>> runs = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
      for (Path f : s.filter(p -> p.getFileName().toString().matches("sf.*\\.json")).collect(Collectors.toList())) {
        Map<String, Object> r = Harness.readJson(f);
        runs.put(num(r, "sf"), r);
      }
    }
    List<Map<String, Object>> targets = targets(runs);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generated", ZonedDateTime.now().withNano(0).toString());
    json.put("targets", targets);
    Map<String, Object> byScale = new LinkedHashMap<>();
    runs.forEach((sf, r) -> byScale.put("sf" + label(sf), r));
    json.put("runs", byScale);
    Files.writeString(dir.resolve("report.json"), new GsonBuilder().setPrettyPrinting().serializeNulls().create()
        .toJson(json), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("report.md"), markdown(runs, targets), StandardCharsets.UTF_8);
  }

  // ---- reading the runs

  static Object at(Map<String, Object> m, String path) {
    Object o = m;
    for (String k : path.split("\\.")) {
      if (!(o instanceof Map)) {
        return null;
      }
      o = ((Map<?, ?>) o).get(k);
    }
    return o;
  }

  static Double num(Map<String, Object> m, String path) {
    Object o = at(m, path);
    return o instanceof Number ? ((Number) o).doubleValue() : null;
  }

  static String str(Map<String, Object> m, String path) {
    Object o = at(m, path);
    return o == null ? null : String.valueOf(o);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Map<String, Object> m, String path) {
    Object o = at(m, path);
    return o instanceof List ? (List<Map<String, Object>>) o : List.of();
  }

  static String label(double sf) {
    return sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
  }

  static String ms(Double v) {
    if (v == null) {
      return "–";
    }
    return String.format(Locale.ROOT, v >= 10_000 ? "%.0f" : "%.1f", v);
  }

  private static String x(Double v) {
    return v == null || v.isNaN() ? "–" : String.format(Locale.ROOT, "%.2f×", v);
  }

  // ---- targets

  private static Map<String, Object> target(String name, String scale, String status, String measured, String why) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("target", name);
    t.put("scale", scale);
    t.put("status", status);
    t.put("measured", measured);
    t.put("reason", why);
    return t;
  }

  /** Mining, and the drawings that run the mining behind them: the registry marks them. */
  static boolean mining(String command) {
    try {
      return CommandParser.parse(command).command.isMining();
    } catch (CommandException e) {
      return false;
    }
  }

  static List<Map<String, Object>> targets(Map<Double, Map<String, Object>> runs) {
    List<Map<String, Object>> out = new ArrayList<>();
    Map<String, Object> sf1 = runs.get(1.0);
    String none1 = "no SF1 run in this report (bin/medinsight bench --sf 1)";

    // 1. every non-mining command warm p50 <= 100 ms
    String t1 = "every non-mining command: warm p50 ≤ 100 ms (result cache off)";
    if (sf1 == null) {
      out.add(target(t1, "SF1", "not measured", "", none1));
    } else {
      List<Map<String, Object>> cmds = list(sf1, "commands").stream()
          .filter(c -> !mining(str(c, "command"))).collect(Collectors.toList());
      List<Map<String, Object>> over = cmds.stream().filter(c -> num(c, "medinsight.p50_ms") > COMMAND_P50_MS)
          .sorted(Comparator.comparing((Map<String, Object> c) -> -num(c, "medinsight.p50_ms")))
          .collect(Collectors.toList());
      Map<String, Object> slowest = cmds.stream().max(Comparator.comparing(c -> num(c, "medinsight.p50_ms"))).orElse(null);
      String measured = (cmds.size() - over.size()) + " of " + cmds.size() + " at or under"
          + (slowest == null ? "" : "; slowest `" + str(slowest, "command") + "` " + ms(num(slowest, "medinsight.p50_ms")) + " ms");
      out.add(target(t1, "SF1", over.isEmpty() ? "met" : "not met", measured, whyOver(over)));
    }

    // 2. repeated views from the cache <= 20 ms
    String t2 = "repeated views from the result cache: p50 ≤ 20 ms";
    if (sf1 == null || list(sf1, "commands").stream().noneMatch(c -> at(c, "cached") != null)) {
      out.add(target(t2, "SF1", "not measured", "", sf1 == null ? none1 : "the run skipped the cache views"));
    } else {
      List<Map<String, Object>> cacheable = list(sf1, "commands").stream()
          .filter(c -> Boolean.TRUE.equals(at(c, "cached.from_cache"))).collect(Collectors.toList());
      List<String> notCached = list(sf1, "commands").stream().filter(c -> !Boolean.TRUE.equals(at(c, "cached.from_cache")))
          .map(c -> "`" + str(c, "command") + "`").collect(Collectors.toList());
      List<Map<String, Object>> over = cacheable.stream().filter(c -> num(c, "cached.p50_ms") > CACHED_P50_MS)
          .collect(Collectors.toList());
      double worst = cacheable.stream().mapToDouble(c -> num(c, "cached.p50_ms")).max().orElse(0);
      String measured = (cacheable.size() - over.size()) + " of " + cacheable.size() + " cached commands at or under; slowest "
          + ms(worst) + " ms" + (notCached.isEmpty() ? "" : " (" + String.join(", ", notCached)
          + " are never cached: their result depends on more than the data)");
      out.add(target(t2, "SF1", over.isEmpty() ? "met" : "not met", measured, over.stream()
          .map(c -> "`" + str(c, "command") + "` " + ms(num(c, "cached.p50_ms")) + " ms").collect(Collectors.joining("; "))));
    }

    // 3. the overview dashboard <= 2 s warm
    String t3 = "总览 dashboard end to end: ≤ 2 s warm";
    if (sf1 == null || at(sf1, "overview") == null) {
      out.add(target(t3, "SF1", "not measured", "", sf1 == null ? none1 : "the run skipped the dashboard"));
    } else {
      Double off = num(sf1, "overview.cache_off.p50_ms");
      Double on = num(sf1, "overview.cache_on.p50_ms");
      boolean met = off != null && off <= DASHBOARD_MS && (on == null || on <= DASHBOARD_MS);
      String why = "";
      if (!met) {
        @SuppressWarnings("unchecked")
        Map<String, Object> per = (Map<String, Object>) at(sf1, "overview.cache_off_per_paragraph");
        why = "cache off, the slowest paragraphs: " + per.entrySet().stream()
            .sorted(Comparator.comparing(e -> -num(asMap(e.getValue()), "p50_ms"))).limit(3)
            .map(e -> "`" + e.getKey() + "` " + ms(num(asMap(e.getValue()), "p50_ms")) + " ms").collect(Collectors.joining(", "));
      }
      out.add(target(t3, "SF1", met ? "met" : "not met", "p50 " + ms(off) + " ms with the cache off (every chart computed), "
          + ms(on) + " ms with it on (viewed again)", why));
    }

    // 4. every analysis within 1.5x of its floor, at each scale measured
    String t4 = "every analysis within 1.5× of its hand-written Spark SQL floor (p50)";
    if (runs.isEmpty()) {
      out.add(target(t4, "any", "not measured", "", "no run in this report"));
    }
    runs.forEach((sf, r) -> {
      List<Map<String, Object>> withFloor = list(r, "commands").stream().filter(c -> num(c, "ratio_floor") != null)
          .collect(Collectors.toList());
      long analyses = list(r, "commands").stream().filter(c -> "sql".equals(str(c, "peer"))).count();
      List<Map<String, Object>> over = withFloor.stream().filter(c -> num(c, "ratio_floor") > FLOOR_RATIO)
          .sorted(Comparator.comparing((Map<String, Object> c) -> -num(c, "ratio_floor"))).collect(Collectors.toList());
      List<String> unchecked = list(r, "commands").stream()
          .filter(c -> "sql".equals(str(c, "peer")) && num(c, "ratio_floor") == null)
          .map(c -> "`" + str(c, "command") + "` (" + str(c, "floor_check") + ")").collect(Collectors.toList());
      if (analyses == 0) {
        out.add(target(t4, "SF" + label(sf), "not measured", "", "the run skipped the peers"));
        return;
      }
      double worst = withFloor.stream().mapToDouble(c -> num(c, "ratio_floor")).max().orElse(Double.NaN);
      String measured = (withFloor.size() - over.size()) + " of " + analyses + " analyses within; largest ratio " + x(worst);
      List<String> why = new ArrayList<>();
      for (Map<String, Object> c : over) {
        why.add("`" + str(c, "command") + "` " + x(num(c, "ratio_floor")) + " (" + ms(num(c, "medinsight.p50_ms")) + " ms against "
            + ms(num(c, "floor.p50_ms")) + " ms" + (str(c, "note") == null ? "" : "; " + str(c, "note")) + ")");
      }
      if (!unchecked.isEmpty()) {
        why.add("floor differs from the command, so not timed: " + String.join(", ", unchecked));
      }
      out.add(target(t4, "SF" + label(sf), over.isEmpty() && unchecked.isEmpty() ? "met" : "not met", measured,
          String.join("; ", why)));
    });

    // 5. SF100 full suite <= 60 s on 2 cores
    String t5 = "full suite (every command once, right after loading) ≤ 60 s on 2 cores";
    Map<String, Object> sf100 = runs.get(100.0);
    if (sf100 == null) {
      out.add(target(t5, "SF100", "not measured", "", "no SF100 run in this report (bin/medinsight bench --sf 100)"));
    } else {
      Double suite = num(sf100, "suite.total_ms");
      Double cores = num(sf100, "machine.cores");
      boolean met = suite != null && suite <= SF100_SUITE_MS;
      String why = met ? "" : "slowest: " + list(sf100, "suite.commands").stream()
          .sorted(Comparator.comparing((Map<String, Object> c) -> -num(c, "ms"))).limit(3)
          .map(c -> "`" + str(c, "command") + "` " + ms(num(c, "ms")) + " ms").collect(Collectors.joining(", "));
      if (cores != null && cores != 2) {
        why = (why.isEmpty() ? "" : why + "; ") + "measured on " + cores.intValue() + " cores, not 2";
      }
      out.add(target(t5, "SF100", met ? "met" : "not met", ms(suite) + " ms for " + list(sf100, "suite.commands").size()
          + " commands (loading, " + ms(num(sf100, "data.load_ms")) + " ms, apart)", why));
    }

    // 6. cold start <= 10 s
    String t6 = "cold start ≤ 10 s (interpreter open → first result, fresh JVM, bundled sample)";
    if (sf1 == null || at(sf1, "cold_start") == null) {
      out.add(target(t6, "SF1", "not measured", "", sf1 == null ? none1 : "the run skipped cold start"));
    } else {
      for (String w : List.of("empty", "filled")) {
        Double v = num(sf1, "cold_start." + w + "_warehouse.first_result_median_ms");
        boolean met = v != null && v <= COLD_START_MS;
        String why = "";
        if (!met) {
          String p = "cold_start." + w + "_warehouse.";
          why = ("empty".equals(w) ? "an empty warehouse means parsing the catalog workbook, the 饮片 list and the product CSV"
              + " and writing them as Parquet; " : "the tables are read back from the warehouse's Parquet files, the JVM's"
              + " first Spark reads and jobs (class loading, code generation); ")
              + "medians of the parts: Spark session " + ms(num(sf1, p + "open_median_ms")) + " ms, loading the tables "
              + ms(num(sf1, p + "load_median_ms")) + " ms, the first command (its first Spark jobs in the JVM) "
              + ms(num(sf1, p + "command_median_ms")) + " ms";
        }
        out.add(target(t6 + ", " + w + " warehouse", "SF1", met ? "met" : "not met", "median " + ms(v) + " ms of "
            + label(num(sf1, "cold_start.runs")) + " runs", why));
      }
    }

    // 7. where DuckDB stands (reported, no threshold)
    runs.forEach((sf, r) -> {
      List<Map<String, Object>> both = list(r, "commands").stream().filter(c -> num(c, "ratio_duckdb") != null)
          .collect(Collectors.toList());
      if (both.isEmpty()) {
        return;
      }
      double gm = Math.exp(both.stream().mapToDouble(c -> Math.log(num(c, "ratio_duckdb"))).average().orElse(0));
      long faster = both.stream().filter(c -> num(c, "ratio_duckdb") < 1).count();
      out.add(target("report where DuckDB stands", "SF" + label(sf), "reported",
          String.format(Locale.ROOT, "on %d analyses, medinsight takes %.1f× DuckDB's time (geometric mean of p50 ratios); "
              + "Σ p50: medinsight %s ms, Spark SQL floor %s ms, DuckDB %s ms; medinsight faster on %d", both.size(), gm,
              ms(sum(both, "medinsight.p50_ms")), ms(sum(both, "floor.p50_ms")), ms(sum(both, "duckdb.p50_ms")), faster), ""));
    });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static double sum(List<Map<String, Object>> rows, String path) {
    return rows.stream().mapToDouble(c -> num(c, path) == null ? 0 : num(c, path)).sum();
  }

  /**
   * Why commands are over their latency target, from what the run measured: where the hand-written
   * Spark SQL floor is over the target too, the cost is Spark's on this machine; where the command
   * takes more than 1.5× its floor, it is the command's own; mining and text analytics are Java.
   */
  static String whyOver(List<Map<String, Object>> over) {
    List<String> engine = new ArrayList<>();
    List<String> own = new ArrayList<>();
    List<String> java = new ArrayList<>();
    List<String> other = new ArrayList<>();
    for (Map<String, Object> c : over) {
      String s = "`" + str(c, "command") + "` " + ms(num(c, "medinsight.p50_ms"));
      Double floor = num(c, "floor.p50_ms");
      Double ratio = num(c, "ratio_floor");
      if (floor != null && ratio != null && ratio <= FLOOR_RATIO && floor > COMMAND_P50_MS) {
        engine.add(s + " (floor " + ms(floor) + ")");
      } else if (floor != null) {
        own.add(s + " (" + x(ratio) + " its floor of " + ms(floor) + ")");
      } else if ("n/a".equals(str(c, "peer"))) {
        java.add(s);
      } else {
        other.add(s);
      }
    }
    List<String> parts = new ArrayList<>();
    if (!engine.isEmpty()) {
      parts.add("the hand-written Spark SQL floor is itself over 100 ms, so Spark on this machine is: "
          + String.join(", ", engine));
    }
    if (!own.isEmpty()) {
      parts.add("the command's own work beyond Spark: " + String.join(", ", own));
    }
    if (!java.isEmpty()) {
      parts.add("work done in Java, with no SQL floor (text analytics, drawings): " + String.join(", ", java));
    }
    if (!other.isEmpty()) {
      parts.add("not analyses, no floor: " + String.join(", ", other));
    }
    return parts.isEmpty() ? "" : "p50 ms: " + String.join("; ", parts);
  }

  // ---- markdown

  static String markdown(Map<Double, Map<String, Object>> runs, List<Map<String, Object>> targets) {
    StringBuilder b = new StringBuilder();
    b.append("# medinsight benchmark report\n\n");
    b.append("Generated ").append(ZonedDateTime.now().withNano(0)).append(" from ");
    if (runs.isEmpty()) {
      b.append("no run.\n");
      return b.toString();
    }
    b.append(runs.values().stream().map(r -> "SF" + label(num(r, "sf")) + " (" + str(r, "date") + ")")
        .collect(Collectors.joining(", "))).append(". Each scale factor is one run of `bin/medinsight bench --sf N`;"
        + " a new run of a scale factor replaces its figures. Timings are wall-clock milliseconds through Zeppelin's"
        + " interpreter API; the load average is there to tell a quiet machine from a busy one.\n\n");

    b.append("## Targets\n\n| target | scale | result | measured | why not met |\n|---|---|---|---|---|\n");
    for (Map<String, Object> t : targets) {
      String st = str(t, "status");
      b.append("| ").append(str(t, "target")).append(" | ").append(str(t, "scale")).append(" | ")
          .append("met".equals(st) ? "met" : "not met".equals(st) ? "**not met**" : st).append(" | ")
          .append(cell(str(t, "measured"))).append(" | ").append(cell(str(t, "reason"))).append(" |\n");
    }

    b.append("\n## Machine, data and scale\n\n|  |");
    runs.keySet().forEach(sf -> b.append(" SF").append(label(sf)).append(" |"));
    b.append("\n|---|");
    runs.keySet().forEach(sf -> b.append("---|"));
    b.append('\n');
    row(b, runs, "date", r -> str(r, "date"));
    row(b, runs, "cores", r -> label(num(r, "machine.cores")));
    row(b, runs, "CPU", r -> str(r, "machine.cpu"));
    row(b, runs, "memory", r -> num(r, "machine.memory_gib") == null ? "–" : num(r, "machine.memory_gib") + " GiB");
    row(b, runs, "OS", r -> str(r, "machine.os"));
    row(b, runs, "Java", r -> str(r, "machine.java"));
    row(b, runs, "driver memory", r -> str(r, "driver_memory") + " (max heap " + label(num(r, "machine.max_heap_mib")) + " MiB)");
    row(b, runs, "Spark", r -> str(r, "spark_master") + ", " + label(num(r, "spark_cores")) + " cores");
    row(b, runs, "DuckDB", r -> at(r, "duckdb") == null ? "–" : str(r, "duckdb.version") + ", " + label(num(r, "duckdb.threads")) + " threads");
    row(b, runs, "load average (1 min) at start → end", r -> num(r, "load_average_start") + " → " + num(r, "load_average_end"));
    row(b, runs, "products", r -> String.format(Locale.ROOT, "%,d", num(r, "data.products").longValue()));
    row(b, runs, "catalog entries / 饮片", r -> label(num(r, "data.catalog_entries")) + " / " + label(num(r, "data.yinpian")));
    row(b, runs, "product list", r -> str(r, "data.products_source").replaceAll(".*/", ""));
    row(b, runs, "load (interpreter open → tables ready)", r -> ms(num(r, "data.load_ms")) + " ms"
        + (Boolean.TRUE.equals(at(r, "data.loaded_from_warehouse")) ? " from the warehouse" : " parsed from the sources"));
    row(b, runs, "full suite: every command once, cache off", r -> ms(num(r, "suite.total_ms")) + " ms ("
        + list(r, "suite.commands").size() + " commands)");
    row(b, runs, "Σ warm p50 of every command", r -> ms(sum(list(r, "commands"), "medinsight.p50_ms")) + " ms");
    row(b, runs, "总览, cache off / on (p50)", r -> at(r, "overview") == null ? "–"
        : ms(num(r, "overview.cache_off.p50_ms")) + " / " + ms(num(r, "overview.cache_on.p50_ms")) + " ms");
    row(b, runs, "runs × warm-up per command", r -> label(num(r, "runs")) + " × " + label(num(r, "warmup")));

    for (Map<String, Object> r : runs.values()) {
      String sf = label(num(r, "sf"));
      b.append("\n## SF").append(sf).append(": per command\n\n");
      b.append("Warm latency, ").append(label(num(r, "runs"))).append(" runs after ").append(label(num(r, "warmup")))
          .append(" warm-up runs, the result cache off; each run of a command is followed by a run of its floor and of"
              + " DuckDB, so the three see the same machine. **floor**: the hand-written Spark SQL"
              + " (`bench/src/main/resources/peers/peers.sql`) run as `%drugs.sql` runs it, on the interpreter's session"
              + " and cached tables;"
              + " **DuckDB**: the same analysis in DuckDB SQL on the warehouse's Parquet files. Both are checked to give"
              + " the command's result before they are timed. **cached**: the command viewed again, answered from the"
              + " result cache.\n\n");
      b.append("| command | p50 ms | p95 ms | cached p50 ms | floor p50 ms | DuckDB p50 ms | × floor | × DuckDB |\n");
      b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      List<String> noPeer = new ArrayList<>();
      for (Map<String, Object> c : list(r, "commands")) {
        String peer = str(c, "peer");
        boolean sql = "sql".equals(peer);
        String na = sql ? "differs" : peer;
        b.append("| `").append(str(c, "command")).append("` | ").append(ms(num(c, "medinsight.p50_ms"))).append(" | ")
            .append(ms(num(c, "medinsight.p95_ms"))).append(" | ")
            .append(at(c, "cached") == null ? "–" : ms(num(c, "cached.p50_ms"))
                + (Boolean.TRUE.equals(at(c, "cached.from_cache")) ? "" : " (not cached)"))
            .append(" | ").append(num(c, "floor.p50_ms") == null ? na : ms(num(c, "floor.p50_ms")))
            .append(" | ").append(num(c, "duckdb.p50_ms") == null ? na : ms(num(c, "duckdb.p50_ms")))
            .append(" | ").append(x(num(c, "ratio_floor"))).append(" | ").append(x(num(c, "ratio_duckdb"))).append(" |\n");
        if (sql && str(c, "note") != null) {
          noPeer.add("- `" + str(c, "command") + "` — the command does more than its peers: " + str(c, "note"));
        }
        if (!sql) {
          noPeer.add("- `" + str(c, "command") + "` — " + peer + ": " + str(c, "reason"));
        }
        if (sql && (num(c, "ratio_floor") == null || num(c, "ratio_duckdb") == null)) {
          noPeer.add("- `" + str(c, "command") + "` — a peer differs from the command at SF" + sf + ": floor: "
              + str(c, "floor_check") + "; DuckDB: " + str(c, "duckdb_check"));
        }
      }
      if (!noPeer.isEmpty()) {
        b.append("\nCommands without a timed peer, or doing more than it:\n\n").append(String.join("\n", noPeer)).append('\n');
      }
      if (at(r, "overview") != null) {
        b.append("\n### 总览 dashboard (note 2MIOVERVW), end to end\n\n");
        b.append("Its ").append(list(r, "overview.paragraphs").size()).append(" `%drugs` paragraphs run in order, as"
            + " Zeppelin runs the note.\n\n| result cache | p50 ms | p95 ms | runs |\n|---|---:|---:|---:|\n");
        b.append("| off (every chart computed) | ").append(ms(num(r, "overview.cache_off.p50_ms"))).append(" | ")
            .append(ms(num(r, "overview.cache_off.p95_ms"))).append(" | ").append(label(num(r, "overview.cache_off.runs")))
            .append(" |\n");
        if (at(r, "overview.cache_on") != null) {
          b.append("| on (viewed again) | ").append(ms(num(r, "overview.cache_on.p50_ms"))).append(" | ")
              .append(ms(num(r, "overview.cache_on.p95_ms"))).append(" | ").append(label(num(r, "overview.cache_on.runs")))
              .append(" |\n");
        }
        b.append("\n| paragraph (cache off) | p50 ms | p95 ms |\n|---|---:|---:|\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> per = (Map<String, Object>) at(r, "overview.cache_off_per_paragraph");
        per.forEach((k, v) -> b.append("| `").append(k.replace("\n", "; ")).append("` | ").append(ms(num(asMap(v), "p50_ms")))
            .append(" | ").append(ms(num(asMap(v), "p95_ms"))).append(" |\n"));
      }
      if (at(r, "cold_start") != null) {
        b.append("\n### Cold start\n\nA fresh JVM per run (child process), bundled sample, first command `")
            .append(str(r, "cold_start.first_command")).append("`; median of ").append(label(num(r, "cold_start.runs")))
            .append(" runs.\n\n| warehouse | interpreter open → first result | Spark session | loading the tables | first command"
                + " | JVM start → first result | every run |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (String w : List.of("empty", "filled")) {
          String p = "cold_start." + w + "_warehouse.";
          b.append("| ").append(w).append(" | ").append(ms(num(r, p + "first_result_median_ms"))).append(" ms | ")
              .append(ms(num(r, p + "open_median_ms"))).append(" ms | ").append(ms(num(r, p + "load_median_ms"))).append(" ms | ")
              .append(ms(num(r, p + "command_median_ms"))).append(" ms | ").append(ms(num(r, p + "jvm_to_first_result_median_ms")))
              .append(" ms | ").append(at(r, p + "first_result_all_ms")).append(" |\n");
        }
      }
      b.append("\n### Full suite\n\nEvery command once, in registry order, right after loading (cache off): ")
          .append(ms(num(r, "suite.total_ms"))).append(" ms. Slowest: ")
          .append(list(r, "suite.commands").stream().sorted(Comparator.comparing((Map<String, Object> c) -> -num(c, "ms")))
              .limit(5).map(c -> "`" + str(c, "command") + "` " + ms(num(c, "ms")) + " ms").collect(Collectors.joining(", ")))
          .append(".\n");
    }
    b.append("\n## How it is measured\n\n"
        + "- Every command is its registry example (`help COMMAND` shows it), run through `DrugsInterpreter.interpret`"
        + " as Zeppelin runs a paragraph: parsing, the analysis on Spark, rendering the `%table`.\n"
        + "- Spark runs `local[*]` inside the benchmark's JVM; DuckDB runs in the same JVM through its JDBC driver with"
        + " `SET threads` equal to Spark's cores. Spark reads the tables it cached at load; DuckDB reads the Parquet"
        + " files of the same load on every query (the operating system caches them).\n"
        + "- A floor is the query an analyst would type in `%drugs.sql` for the same table, run as `%drugs.sql` runs"
        + " it (`spark.sql(text).limit(drugs.maxResult + 1)`, collected), without rendering. medinsight keeps"
        + " dataset-wide figures (products, distinct names and manufacturers, mean self-payment) once per data version;"
        + " a floor computes them in each query. Mining and"
        + " text-analytics commands, whose work is Java (Smile, HanLP, the restriction classifier), have no floor: they"
        + " are marked n/a.\n"
        + "- p50 and p95 are nearest-rank percentiles of the timed runs.\n");
    return b.toString();
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }

  private static void row(StringBuilder b, Map<Double, Map<String, Object>> runs, String name,
      Function<Map<String, Object>, String> f) {
    b.append("| ").append(name).append(" |");
    for (Map<String, Object> r : runs.values()) {
      String v;
      try {
        v = f.apply(r);
      } catch (RuntimeException e) {
        v = "–";
      }
      b.append(' ').append(cell(v == null ? "–" : v)).append(" |");
    }
    b.append('\n');
  }
}
