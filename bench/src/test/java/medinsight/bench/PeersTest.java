package medinsight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import medinsight.analysis.ResultTable;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.zeppelin.DrugsEngine;
import medinsight.zeppelin.EmbeddedDrugs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every peer query computes its command's result on the bundled SF1 data: the Spark SQL floor on
 * the interpreter's session, and DuckDB on the warehouse's Parquet files of the same load.
 */
class PeersTest {
  private static EmbeddedDrugs drugs;
  private static DrugsEngine engine;
  private static DuckDbPeer duck;
  private static final Map<String, ResultTable> RESULTS = new HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    Path warehouse = Paths.get("target", "peers-test-warehouse").toAbsolutePath();
    Properties p = new Properties();
    p.setProperty("spark.master", "local[2]");
    p.setProperty("drugs.cache", "0");
    p.setProperty("drugs.warehouse", warehouse.toUri().toString());
    drugs = new EmbeddedDrugs(p);
    engine = drugs.drugs.engine();
    int edition = engine.data.tables().edition;
    duck = new DuckDbPeer(warehouse, edition, 2);
  }

  @AfterAll
  static void stop() throws Exception {
    if (duck != null) {
      duck.close();
    }
    if (drugs != null) {
      drugs.close();
    }
  }

  private static ResultTable result(String command) {
    return RESULTS.computeIfAbsent(command, c -> PeerCheck.command(engine, c));
  }

  /** The table of the command that the peer computes. */
  private static ResultTable result(Peers.Peer p) {
    return p.table == 0 ? result(p.command) : RESULTS.computeIfAbsent(p.command + "#" + p.table, c -> PeerCheck.command(engine, p.command, p.table));
  }

  private static List<Peers.Peer> sqlPeers() {
    return Peers.load().values().stream().filter(Peers.Peer::hasSql).collect(Collectors.toList());
  }

  @Test
  void everyBenchmarkedCommandHasAnEntryAndEveryEntryACommand() {
    Map<String, Peers.Peer> peers = Peers.load();
    Set<String> examples = new TreeSet<>();
    for (CommandSpec c : Commands.all().values()) {
      if (c.runsOnBundledData()) {
        examples.add(c.example);
      }
    }
    assertEquals(List.of(), Peers.missing(peers), "examples with no entry in peers.sql");
    assertEquals(examples.size(), peers.size(), "peers.sql has an entry for a command the benchmark does not run");
    for (Peers.Peer p : peers.values()) {
      if (!p.hasSql()) {
        assertNotNull(p.reason);
        assertFalse(p.reason.isBlank(), p.command + " says why it has no peer");
      }
    }
    assertTrue(sqlPeers().size() >= 20, "most analyses have a floor");
  }

  @TestFactory
  List<DynamicTest> sparkFloorEqualsItsCommand() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Peers.Peer p : sqlPeers()) {
      tests.add(DynamicTest.dynamicTest(p.command, () -> {
        ResultTable want = result(p);
        assertTrue(want.size() > 0, p.command + " has rows to compare");
        List<String> problems = PeerCheck.compare(want, PeerCheck.spark(engine, p.sparkSql), p.unordered);
        assertEquals(List.of(), problems, p.command);
      }));
    }
    return tests;
  }

  @TestFactory
  List<DynamicTest> duckdbPeerEqualsItsCommand() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Peers.Peer p : sqlPeers()) {
      tests.add(DynamicTest.dynamicTest(p.command, () -> {
        List<String> problems = PeerCheck.compare(result(p), duck.query(p.duckdbSql), p.unordered);
        assertEquals(List.of(), problems, p.command);
      }));
    }
    return tests;
  }

  @Test
  void aFloorComputingSomethingElseIsCaught() {
    Peers.Peer forms = Peers.find("forms --min 100");
    String wrong = forms.sparkSql.replace("avg(self_pay_ratio)", "max(self_pay_ratio)");
    assertFalse(wrong.equals(forms.sparkSql));
    List<String> problems = PeerCheck.compare(result(forms.command), PeerCheck.spark(engine, wrong), false);
    assertFalse(problems.isEmpty());
    assertTrue(problems.get(0).contains("mean_self_pay"), problems.toString());

    // one row short, and the rows of another command
    Peers.Peer matrix = Peers.find("matrix --top 15");
    assertFalse(PeerCheck.compare(result(matrix.command), PeerCheck.spark(engine,
        matrix.sparkSql.replace("limit 15", "limit 14")), false).isEmpty());
    assertFalse(PeerCheck.compare(result(forms.command), PeerCheck.spark(engine, matrix.sparkSql), false).isEmpty());
  }

  @Test
  void rowOrderCountsUnlessTheCommandLeavesItOpen() {
    Peers.Peer ratios = Peers.find("ratios");
    String reversed = ratios.duckdbSql.replace("order by g,", "order by g desc,");
    assertFalse(reversed.equals(ratios.duckdbSql));
    try {
      PeerCheck.Rows rows = duck.query(reversed);
      assertFalse(PeerCheck.compare(result(ratios.command), rows, false).isEmpty());
      assertEquals(List.of(), PeerCheck.compare(result(ratios.command), rows, true));
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }
}
