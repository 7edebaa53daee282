package medinsight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The report's verdict on each target follows the figures of the runs it is given. */
class ReportTest {
  private static Map<String, Object> timing(double p50) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50_ms", p50);
    m.put("p95_ms", p50 * 1.2);
    return m;
  }

  private static Map<String, Object> command(String cmd, double p50, Double floor, double cached) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("command", cmd);
    c.put("peer", floor == null ? "n/a" : "sql");
    c.put("reason", "Java");
    c.put("medinsight", timing(p50));
    if (floor != null) {
      c.put("floor", timing(floor));
      c.put("ratio_floor", Harness.ratio(p50, floor));
      c.put("duckdb", timing(5));
      c.put("ratio_duckdb", Harness.ratio(p50, 5));
    }
    Map<String, Object> ca = timing(cached);
    ca.put("from_cache", true);
    c.put("cached", ca);
    return c;
  }

  private static Map<String, Object> run(double sf, List<Map<String, Object>> commands, double dashboard) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sf", sf);
    r.put("commands", commands);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("cache_off", timing(dashboard));
    o.put("cache_on", timing(1));
    o.put("cache_off_per_paragraph", Map.of("kpi", timing(dashboard)));
    r.put("overview", o);
    Map<String, Object> suite = new LinkedHashMap<>();
    suite.put("total_ms", 50_000.0);
    suite.put("commands", List.of(Map.of("command", "kpi", "ms", 50_000.0)));
    r.put("suite", suite);
    r.put("machine", Map.of("cores", 2.0));
    return r;
  }

  private static Map<String, Object> find(List<Map<String, Object>> targets, String start, String scale) {
    for (Map<String, Object> t : targets) {
      if (((String) t.get("target")).startsWith(start) && t.get("scale").equals(scale)) {
        return t;
      }
    }
    throw new AssertionError("no target " + start + " at " + scale + " in " + targets);
  }

  @Test
  void verdictsFollowTheFigures() {
    List<Map<String, Object>> fast = new ArrayList<>();
    fast.add(command("kpi", 60, 70.0, 0.1));
    fast.add(command("mining rules", 900, null, 0.5));
    Map<Double, Map<String, Object>> runs = new TreeMap<>();
    runs.put(1.0, run(1, fast, 1500));
    List<Map<String, Object>> t = Report.targets(runs);
    assertEquals("met", find(t, "every non-mining command", "SF1").get("status"));
    assertEquals("met", find(t, "repeated views", "SF1").get("status"));
    assertEquals("met", find(t, "总览", "SF1").get("status"));
    assertEquals("met", find(t, "every analysis within 1.5×", "SF1").get("status"));
    assertEquals("not measured", find(t, "full suite", "SF100").get("status"));
    assertEquals("not measured", find(t, "cold start", "SF1").get("status"));

    List<Map<String, Object>> slow = new ArrayList<>();
    slow.add(command("kpi", 120, 70.0, 25));
    slow.add(command("forms", 130, 125.0, 0.1));
    slow.add(command("restrictions types", 110, null, 0.1));
    slow.get(0).put("note", "the command also counts every match");
    runs.put(1.0, run(1, slow, 2500));
    runs.put(100.0, run(100, slow, 9000));
    t = Report.targets(runs);
    Map<String, Object> latency = find(t, "every non-mining command", "SF1");
    assertEquals("not met", latency.get("status"));
    String why = (String) latency.get("reason");
    assertTrue(why.contains("`forms` 130.0 (floor 125.0)") && why.contains("Spark on this machine"), why);
    assertTrue(why.contains("`kpi` 120.0 (1.71× its floor of 70.0)"), why);
    assertTrue(why.contains("work done in Java, with no SQL floor") && why.contains("`restrictions types`"), why);
    assertEquals("not met", find(t, "repeated views", "SF1").get("status"));
    assertEquals("not met", find(t, "总览", "SF1").get("status"));
    Map<String, Object> ratio = find(t, "every analysis within 1.5×", "SF100");
    assertEquals("not met", ratio.get("status"));
    assertTrue(((String) ratio.get("reason")).contains("`kpi` 1.71×"), ratio.toString());
    assertTrue(((String) ratio.get("reason")).contains("the command also counts every match"), ratio.toString());
    assertEquals("met", find(t, "full suite", "SF100").get("status"));
  }
}
