package medinsight.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import medinsight.analysis.ResultTable;
import medinsight.catalog.Product;
import medinsight.command.CommandParser;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.command.ResultCache;
import medinsight.engine.DrugData;
import medinsight.engine.DrugTables;
import medinsight.engine.LoadReport;
import medinsight.generator.GenerateProducts;
import medinsight.generator.ProductCsv;
import medinsight.zeppelin.DrugsEngine;
import medinsight.zeppelin.EmbeddedDrugs;

/**
 * The benchmark harness behind {@code bin/medinsight bench}. At one scale factor, through
 * Zeppelin's interpreter API: cold start in a child JVM (empty and filled warehouse), the full
 * suite (every command once, right after loading), warm latency per command with the result cache
 * off, interleaved run by run with the command's two peers (its hand-written Spark SQL floor on
 * the same session, and DuckDB on the same Parquet files, both checked to compute the same
 * result), repeated views from the result cache, and the 总览 dashboard end to end. Each run is
 * kept as {@code target/bench/runs/sf<N>.json}; {@link Report} then writes
 * {@code target/bench/report.md} and {@code report.json} from every run present, with the targets.
 *
 * <p>Usage: {@code Harness [--sf 1|10|100] [--runs N] [--warmup N] [--overview-runs N]
 * [--cold-runs N] [--driver-memory SIZE] [--products FILE] [--skip cold,peers,cache,overview]
 * [--conf key=value]...}
 */
public final class Harness {
  private Harness() {}

  static final class Options {
    double sf = 1;
    Integer runs;
    Integer warmup;
    Integer overviewRuns;
    int coldRuns = 3;
    String driverMemory;
    String products;
    String notes;
    Set<String> skip = new LinkedHashSet<>();
    Properties conf = new Properties();
    /** Only read the options and say what would run ({@code --check}). */
    boolean check;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--check")) {
          o.check = true;
          continue;
        }
        if (i + 1 >= args.length && !a.equals("--help")) {
          usage("missing value after " + a);
        }
        switch (a) {
          case "--sf": o.sf = Double.parseDouble(args[++i]); break;
          case "--runs": o.runs = Integer.parseInt(args[++i]); break;
          case "--warmup": o.warmup = Integer.parseInt(args[++i]); break;
          case "--overview-runs": o.overviewRuns = Integer.parseInt(args[++i]); break;
          case "--cold-runs": o.coldRuns = Integer.parseInt(args[++i]); break;
          case "--driver-memory": o.driverMemory = args[++i]; break;
          case "--products": o.products = args[++i]; break;
          case "--notes": o.notes = args[++i]; break;
          case "--skip":
            for (String s : args[++i].split(",")) {
              o.skip.add(s.trim());
            }
            break;
          case "--conf":
            String[] kv = args[++i].split("=", 2);
            if (kv.length != 2) {
              usage("--conf takes key=value");
            }
            o.conf.setProperty(kv[0], kv[1]);
            break;
          default:
            usage("unknown option " + a);
        }
      }
      if (!(o.sf > 0)) {
        usage("--sf must be positive");
      }
      // fewer repetitions as the data grows: SF1 30 runs, SF10 10, SF100 3
      o.runs = o.runs != null ? o.runs : o.sf <= 1 ? 30 : o.sf <= 10 ? 10 : 3;
      o.warmup = o.warmup != null ? o.warmup : o.sf <= 1 ? 5 : o.sf <= 10 ? 2 : 1;
      o.overviewRuns = o.overviewRuns != null ? o.overviewRuns : o.sf <= 1 ? 20 : o.sf <= 10 ? 5 : 3;
      return o;
    }

    String sfLabel() {
      return sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
    }
  }

  private static void usage(String why) {
    System.err.println("bench: " + why);
    System.err.println("usage: bench [--sf 1|10|100] [--runs N] [--warmup N] [--overview-runs N] [--cold-runs N]"
        + " [--driver-memory SIZE] [--products FILE] [--skip cold,peers,cache,overview] [--conf key=value]... [--check]");
    System.exit(2);
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    if (o.check) {
      System.out.println("bench: SF" + o.sfLabel() + ", " + o.runs + " runs after " + o.warmup + " warm-up, "
          + o.overviewRuns + " dashboard runs, skipping " + (o.skip.isEmpty() ? "nothing" : String.join(",", o.skip))
          + "; driver memory " + o.driverMemory + " (--check: nothing was run)");
      return;
    }
    Path out = Paths.get("target", "bench").toAbsolutePath();
    Files.createDirectories(out.resolve("runs"));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("sf", o.sf);
    run.put("date", ZonedDateTime.now().withNano(0).toString());
    run.put("machine", Machine.describe());
    run.put("load_average_start", Machine.loadAverage());
    run.put("driver_memory", o.driverMemory != null ? o.driverMemory
        : Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m (JVM maximum heap)");
    run.put("runs", o.runs);
    run.put("warmup", o.warmup);

    // the data: the bundled SF1 sample, or a generated product list of this scale factor
    boolean bundled = o.products == null && o.sf == 1;
    String products = o.products != null ? Paths.get(o.products).toAbsolutePath().toString()
        : bundled ? null : generated(o.sf, out.getParent().resolve("data"), run);
    Path warehouse = out.resolve("warehouse-sf" + o.sfLabel());
    Properties props = new Properties();
    props.setProperty("spark.master", "local[*]");
    props.setProperty("drugs.cache", "0");
    props.putAll(o.conf);
    if (products != null) {
      props.setProperty(DrugsEngine.PROP_PRODUCTS, products);
    }
    if (props.getProperty(DrugsEngine.PROP_WAREHOUSE) == null) {
      props.setProperty(DrugsEngine.PROP_WAREHOUSE, warehouse.toUri().toString());
    } else {
      warehouse = Paths.get(URI.create(props.getProperty(DrugsEngine.PROP_WAREHOUSE)));
    }

    if (!o.skip.contains("cold") && bundled) {
      System.out.println("== cold start (child JVMs, bundled sample)");
      Properties coldProps = new Properties();
      coldProps.putAll(props);
      coldProps.remove(DrugsEngine.PROP_WAREHOUSE);
      run.put("cold_start", ColdStart.measure(o.coldRuns, out.resolve("cold-warehouse"), coldProps,
          out.resolve("cold-start.log")));
    }

    System.out.println("== loading (SF " + o.sfLabel() + ")");
    long t0 = Timings.nanos();
    EmbeddedDrugs d = new EmbeddedDrugs(props);
    check(d.drugs("tables"), "tables");
    double loadMs = Timings.since(t0);
    DrugsEngine engine = d.drugs.engine();
    DrugTables tables = engine.data.tables();
    run.put("spark_master", engine.spark.sparkContext().master());
    int cores = engine.spark.sparkContext().defaultParallelism();
    run.put("spark_cores", cores);
    run.put("data", data(tables, products, loadMs));

    List<CommandSpec> commands = new ArrayList<>();
    for (CommandSpec c : Commands.all().values()) {
      if (c.runsOnBundledData()) {
        commands.add(c);
      }
    }

    System.out.println("== full suite: every command once, cache off");
    run.put("suite", suite(d, commands));

    Map<String, Peers.Peer> peers = o.skip.contains("peers") ? Map.of() : Peers.load();
    DuckDbPeer duck = null;
    if (!peers.isEmpty()) {
      duck = new DuckDbPeer(warehouse, tables.edition, cores);
      run.put("duckdb", Map.of("version", duck.version, "threads", duck.threads,
          "reads", "read_parquet over the warehouse's current Parquet files (views catalog, products, yinpian)"));
    }

    System.out.println("== warm latency per command (cache off), with the peers interleaved");
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf(Locale.ROOT, "%-58s %9s %9s %9s %9s%n", "command", "p50 ms", "p95 ms", "floor", "duckdb");
    for (CommandSpec c : commands) {
      rows.add(command(d, engine, duck, c, Peers.find(peers, c.example), o));
    }
    run.put("commands", rows);

    EmbeddedDrugs cached = null;
    if (!o.skip.contains("cache") || !o.skip.contains("overview")) {
      Properties cp = new Properties();
      cp.putAll(props);
      cp.setProperty(DrugsEngine.PROP_CACHE, "256");
      cached = new EmbeddedDrugs(cp);
    }
    if (!o.skip.contains("cache")) {
      System.out.println("== repeated views from the result cache");
      for (int i = 0; i < commands.size(); i++) {
        rows.get(i).put("cached", cachedView(cached, commands.get(i), o.runs));
      }
    }
    if (!o.skip.contains("overview")) {
      System.out.println("== 总览 dashboard end to end");
      run.put("overview", Overview.measure(o.notes, d, cached, o.overviewRuns, Math.min(2, o.warmup)));
    }
    if (duck != null) {
      duck.close();
    }
    run.put("load_average_end", Machine.loadAverage());

    Path json = out.resolve("runs").resolve("sf" + o.sfLabel() + ".json");
    Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(run), StandardCharsets.UTF_8);
    Report.write(out);
    System.out.println("written: " + json + ", " + out.resolve("report.md") + ", " + out.resolve("report.json"));
    System.exit(0);
  }

  /** The product list of a scale factor, generated (seeded) into {@code target/data/} when missing. */
  static String generated(double sf, Path dir, Map<String, Object> run) throws Exception {
    String label = sf == Math.rint(sf) ? String.valueOf((long) sf) : String.valueOf(sf);
    Path file = dir.resolve("products-sf" + label + ".csv");
    if (!Files.exists(file)) {
      System.out.println("== generating " + file + " (seed " + GenerateProducts.DEFAULT_SEED + ")");
      Files.createDirectories(dir);
      long t0 = Timings.nanos();
      List<Product> products;
      ClassLoader cl = Harness.class.getClassLoader();
      try (InputStream c = cl.getResourceAsStream(resource(DrugData.BUNDLED_CATALOG_2025))) {
        products = GenerateProducts.generate(c, GenerateProducts.DEFAULT_SEED, sf);
      }
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8))) {
        ProductCsv.write(products, w);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      run.put("generated_ms", Timings.round(Timings.since(t0)));
    }
    return file.toAbsolutePath().toString();
  }

  private static String resource(String classpathSource) {
    return classpathSource.substring(classpathSource.indexOf(':') + 1);
  }

  private static Map<String, Object> data(DrugTables t, String products, double loadMs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("products_source", products == null ? "bundled products-sf1.csv" : products);
    long catalog = 0;
    long prods = 0;
    long yinpian = 0;
    boolean fromWarehouse = true;
    for (Map.Entry<String, LoadReport> e : t.reports().entrySet()) {
      LoadReport r = e.getValue();
      fromWarehouse &= r.fromWarehouse;
      if (e.getKey().startsWith("catalog")) {
        catalog += r.loaded;
      } else if (e.getKey().equals("products")) {
        prods = r.loaded;
      } else if (e.getKey().equals("yinpian")) {
        yinpian = r.loaded;
      }
    }
    m.put("products", prods);
    m.put("catalog_entries", catalog);
    m.put("yinpian", yinpian);
    m.put("load_ms", Timings.round(loadMs));
    m.put("loaded_from_warehouse", fromWarehouse);
    return m;
  }

  private static Map<String, Object> suite(EmbeddedDrugs d, List<CommandSpec> commands) throws Exception {
    List<Map<String, Object>> each = new ArrayList<>();
    long t0 = Timings.nanos();
    for (CommandSpec c : commands) {
      long s = Timings.nanos();
      check(d.drugs(c.example), c.example);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("command", c.example);
      m.put("ms", Timings.round(Timings.since(s)));
      each.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_ms", Timings.round(Timings.since(t0)));
    m.put("commands", each);
    System.out.printf(Locale.ROOT, "full suite: %d commands in %.0f ms%n", commands.size(), (Double) m.get("total_ms"));
    return m;
  }

  private static Map<String, Object> command(EmbeddedDrugs d, DrugsEngine engine, DuckDbPeer duck, CommandSpec c,
      Peers.Peer peer, Options o) throws Exception {
    String cmd = c.example;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("command", cmd);
    row.put("theme", c.theme);
    boolean floor = false;
    boolean duckdb = false;
    if (peer == null) {
      row.put("peer", "none");
      row.put("reason", "no entry in " + Peers.RESOURCE);
    } else if (!peer.hasSql()) {
      row.put("peer", peer.kind == Peers.Kind.NOT_APPLICABLE ? "n/a" : "not an analysis");
      row.put("reason", peer.reason);
    } else {
      row.put("peer", "sql");
      if (peer.note != null) {
        row.put("note", peer.note);
      }
      // a peer is timed only if it computes what the command computes, on this data
      ResultTable want = PeerCheck.command(engine, cmd, peer.table);
      List<String> fp = PeerCheck.compare(want, PeerCheck.spark(engine, peer.sparkSql), peer.unordered);
      List<String> dp = PeerCheck.compare(want, duck.query(peer.duckdbSql), peer.unordered);
      row.put("floor_check", fp.isEmpty() ? "same result" : fp.get(0));
      row.put("duckdb_check", dp.isEmpty() ? "same result" : dp.get(0));
      floor = fp.isEmpty();
      duckdb = dp.isEmpty();
    }
    for (int i = 0; i < o.warmup; i++) {
      check(d.drugs(cmd), cmd);
      if (floor) {
        PeerCheck.floor(engine, peer.sparkSql);
      }
      if (duckdb) {
        duck.query(peer.duckdbSql);
      }
    }
    Timings mi = new Timings(o.runs);
    Timings fl = new Timings(o.runs);
    Timings dk = new Timings(o.runs);
    for (int i = 0; i < o.runs; i++) {
      long s = Timings.nanos();
      EmbeddedDrugs.Paragraph r = d.drugs(cmd);
      mi.add(Timings.since(s));
      check(r, cmd);
      if (floor) {
        s = Timings.nanos();
        PeerCheck.floor(engine, peer.sparkSql);
        fl.add(Timings.since(s));
      }
      if (duckdb) {
        s = Timings.nanos();
        duck.query(peer.duckdbSql);
        dk.add(Timings.since(s));
      }
    }
    row.put("medinsight", mi.summary());
    if (floor) {
      row.put("floor", fl.summary());
      row.put("ratio_floor", ratio(mi.p50(), fl.p50()));
    }
    if (duckdb) {
      row.put("duckdb", dk.summary());
      row.put("ratio_duckdb", ratio(mi.p50(), dk.p50()));
    }
    System.out.printf(Locale.ROOT, "%-58s %9.1f %9.1f %9s %9s%n", cmd, mi.p50(), mi.p95(),
        floor ? String.format(Locale.ROOT, "%.1f", fl.p50()) : "-", duckdb ? String.format(Locale.ROOT, "%.1f", dk.p50()) : "-");
    return row;
  }

  static double ratio(double a, double b) {
    return b <= 0 ? Double.NaN : Math.round(a / b * 100) / 100.0;
  }

  private static Map<String, Object> cachedView(EmbeddedDrugs cached, CommandSpec c, int runs) throws Exception {
    String cmd = c.example;
    check(cached.drugs(cmd), cmd);
    Timings t = new Timings(runs);
    for (int r = 0; r < runs; r++) {
      long s = Timings.nanos();
      EmbeddedDrugs.Paragraph p = cached.drugs(cmd);
      t.add(Timings.since(s));
      check(p, cmd);
    }
    Map<String, Object> m = t.summary();
    m.put("from_cache", ResultCache.cacheable(CommandParser.parse(cmd)));
    return m;
  }

  static void check(EmbeddedDrugs.Paragraph r, String cmd) {
    if (!r.ok()) {
      throw new IllegalStateException(cmd + " failed: " + r.result.message());
    }
  }

  /** Reads a JSON object file as a map (numbers as doubles). */
  static Map<String, Object> readJson(Path file) throws IOException {
    return new Gson().fromJson(Files.readString(file, StandardCharsets.UTF_8),
        new TypeToken<Map<String, Object>>() { }.getType());
  }
}
