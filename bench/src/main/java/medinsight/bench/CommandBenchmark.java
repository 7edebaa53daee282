package medinsight.bench;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.zeppelin.EmbeddedDrugs;

/**
 * Warm latency of every {@code %drugs} command through Zeppelin's interpreter API on the
 * bundled SF1 data (or {@code --products PATH}): each command's registry example is run
 * {@code --warmup} times, then timed {@code --runs} times; p50 and p95 per command are printed and
 * written to {@code target/bench/commands.md} and {@code .json}.
 *
 * <p>Usage: {@code CommandBenchmark [--runs 30] [--warmup 5] [--products PATH] [--target-ms 150] [--conf spark.x=y]}
 */
public final class CommandBenchmark {
  private CommandBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = 30;
    int warmup = 5;
    double target = 150;
    String products = null;
    Properties conf = new Properties();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs": runs = Integer.parseInt(args[++i]); break;
        case "--warmup": warmup = Integer.parseInt(args[++i]); break;
        case "--products": products = args[++i]; break;
        case "--target-ms": target = Double.parseDouble(args[++i]); break;
        case "--conf":
          String[] kv = args[++i].split("=", 2);
          conf.setProperty(kv[0], kv[1]);
          break;
        default:
          System.err.println("usage: CommandBenchmark [--runs N] [--warmup N] [--products PATH] [--target-ms MS] [--conf key=value]");
          System.exit(2);
      }
    }
    Properties p = new Properties();
    p.setProperty("spark.master", "local[*]");
    // compute latency: results are not taken from the result cache (measured separately below)
    p.setProperty("drugs.cache", "0");
    p.putAll(conf);
    if (products != null) {
      p.setProperty("drugs.data.products", products);
    }
    long t0 = System.nanoTime();
    List<Map<String, Object>> results = new ArrayList<>();
    try (EmbeddedDrugs d = new EmbeddedDrugs(p)) {
      EmbeddedDrugs.Paragraph first = d.drugs("levels --by variety");
      double coldMs = (System.nanoTime() - t0) / 1e6;
      check(first, "levels --by variety");
      System.out.printf(Locale.ROOT, "cold start (open + load + first command): %.0f ms%n", coldMs);
      System.out.printf(Locale.ROOT, "%-60s %9s %9s %9s%n", "command", "p50 ms", "p95 ms", "max ms");
      for (CommandSpec c : Commands.all().values()) {
        if (!c.runsOnBundledData()) {
          continue;
        }
        String cmd = c.example;
        for (int i = 0; i < warmup; i++) {
          check(d.drugs(cmd), cmd);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
          long s = System.nanoTime();
          EmbeddedDrugs.Paragraph r = d.drugs(cmd);
          ms[i] = (System.nanoTime() - s) / 1e6;
          check(r, cmd);
        }
        Arrays.sort(ms);
        double p50 = pct(ms, 0.50);
        double p95 = pct(ms, 0.95);
        System.out.printf(Locale.ROOT, "%-60s %9.1f %9.1f %9.1f%n", cmd, p50, p95, ms[ms.length - 1]);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("command", cmd);
        row.put("p50_ms", round(p50));
        row.put("p95_ms", round(p95));
        row.put("max_ms", round(ms[ms.length - 1]));
        // the rule graph and the cluster map run the mining behind them
        boolean mining = c.name.startsWith("mining") || c.name.equals("chart rules") || c.name.equals("chart clusters");
        row.put("target_ms", mining ? 2000.0 : target);
        row.put("meets_target", p50 <= (mining ? 2000.0 : target));
        results.add(row);
      }
      long rows = Long.parseLong(d.sql("select count(*) from products").messages.get(0).getData().split("\n")[1].trim());
      // repeated views: the same commands answered from the result cache
      Properties cachedProps = new Properties();
      cachedProps.putAll(p);
      cachedProps.setProperty("drugs.cache", "256");
      try (EmbeddedDrugs cached = new EmbeddedDrugs(cachedProps)) {
        int i = 0;
        for (CommandSpec c : Commands.all().values()) {
          if (!c.runsOnBundledData()) {
            continue;
          }
          check(cached.drugs(c.example), c.example);
          double[] ms = new double[runs];
          for (int r = 0; r < runs; r++) {
            long s = System.nanoTime();
            check(cached.drugs(c.example), c.example);
            ms[r] = (System.nanoTime() - s) / 1e6;
          }
          Arrays.sort(ms);
          results.get(i++).put("cached_p50_ms", round(pct(ms, 0.5)));
        }
      }
      write(results, coldMs, rows, runs, warmup, target);
    }
    System.exit(0);
  }

  private static void check(EmbeddedDrugs.Paragraph r, String cmd) {
    if (!r.ok()) {
      throw new IllegalStateException(cmd + " failed: " + r.result.message());
    }
  }

  static double pct(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static void write(List<Map<String, Object>> results, double coldMs, long products, int runs, int warmup,
      double target) throws IOException {
    Path dir = Paths.get("target", "bench");
    Files.createDirectories(dir);
    String machine = Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", ZonedDateTime.now().toString());
    json.put("machine", machine);
    json.put("products", products);
    json.put("runs", runs);
    json.put("warmup", warmup);
    json.put("target_p50_ms", target);
    json.put("cold_start_ms", round(coldMs));
    json.put("commands", results);
    Files.writeString(dir.resolve("commands.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json),
        StandardCharsets.UTF_8);
    StringBuilder md = new StringBuilder();
    md.append("Warm latency per command through the interpreter API, ").append(products).append(" products, ")
        .append(runs).append(" runs after ").append(warmup).append(" warm-up runs; ").append(machine).append(", ")
        .append(ZonedDateTime.now().toLocalDate()).append(". Cold start ").append(Math.round(coldMs)).append(" ms.\n\n");
    md.append("| command | p50 ms | p95 ms | repeated view p50 ms |\n|---|---:|---:|---:|\n");
    long met = 0;
    for (Map<String, Object> r : results) {
      md.append("| `").append(r.get("command")).append("` | ").append(r.get("p50_ms")).append(" | ")
          .append(r.get("p95_ms")).append(" | ").append(r.get("cached_p50_ms")).append(" |\n");
      met += Boolean.TRUE.equals(r.get("meets_target")) ? 1 : 0;
    }
    md.append("\n").append(met).append(" of ").append(results.size()).append(" commands at or under their p50 target (")
        .append((long) target).append(" ms; mining commands 2000 ms).\n");
    Files.writeString(dir.resolve("commands.md"), md.toString(), StandardCharsets.UTF_8);
    System.out.println(md);
    System.out.println("written: " + dir.resolve("commands.md") + ", " + dir.resolve("commands.json"));
  }
}
