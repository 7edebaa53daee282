package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.zeppelin.interpreter.InterpreterContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load is a transaction: refused when too many of its rows are rejected (the data staying as
 * it was and its memory given back), its rejected rows kept as a table rather than in memory or
 * in the warehouse's metadata, nothing left behind when it fails or is cancelled, and what it
 * loaded still current after a restart until {@code load bundled} says otherwise.
 */
class LoadTransactionTest {
  @TempDir
  static Path dir;
  static Path garbage;
  static final String HEADER = "产品编码,药品名称,药品类型,医保类别,剂型,规格,生产企业,自付比例,定额支付,定额标准,备注\n";
  /** Rows of the garbage list, one in ten of them valid. */
  static final int ROWS = 300_000;

  @BeforeAll
  static void files() throws Exception {
    garbage = dir.resolve("garbage.csv");
    Random r = new Random(42);
    try (BufferedWriter w = Files.newBufferedWriter(garbage, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      for (int i = 0; i < ROWS; i++) {
        if (i % 10 == 0) {
          w.write("G" + i + ",阿莫西林,西药,乙,胶囊剂,0.25g,虚构试验药业有限公司,0.1,否,,,\n");
        } else {
          // neither a code nor a name: no product can be made of the row
          w.write(",," + noise(r) + "," + noise(r) + "," + noise(r) + ",x," + noise(r) + "," + noise(r) + ",,,\n");
        }
      }
    }
  }

  static String noise(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      b.append((char) ('a' + r.nextInt(26)));
    }
    return b.toString();
  }

  static Properties warehouse(String name) {
    Properties p = new Properties();
    p.setProperty("drugs.warehouse", dir.resolve(name).toUri().toString());
    p.setProperty("drugs.load.batch", "1000");
    return p;
  }

  static long products(InterpreterHarness h) throws Exception {
    return Long.parseLong(h.sql("select count(*) from products").table(0).get(1)[0]);
  }

  static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /** Folders of the warehouse that hold a table (complete) and those of loads under way. */
  static List<String> folders(Path wh) throws Exception {
    try (Stream<Path> s = Files.list(wh)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("current") && !n.equals("loaded"))
          .sorted().collect(Collectors.toList());
    }
  }

  static List<String> staging(Path wh) throws Exception {
    Path st = wh.resolve("_staging");
    if (!Files.exists(st)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(st)) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }

  @Test
  void tooManyRejectedRowsAreRefusedTheDataStaysAndTheMemoryIsGivenBack() throws Exception {
    try (InterpreterHarness h = new InterpreterHarness(warehouse("wh-refused"))) {
      long before = products(h);
      List<String> foldersBefore = folders(dir.resolve("wh-refused"));
      long heapBefore = usedHeapAfterGc();
      InterpreterHarness.Run r = h.drugs("load " + garbage + " --as products");
      assertFalse(r.ok(), r.text());
      String e = r.error();
      assertFalse(e.contains("\n"), e);
      assertTrue(e.contains("读取 " + ROWS + " 行，拒绝 270000 行（90.0%），超过上限 20%"), e);
      assertTrue(e.contains("主要原因：") && e.contains("--max-rejected"), e);
      assertEquals(before, products(h), "the products stay as they were");
      assertEquals(foldersBefore, folders(dir.resolve("wh-refused")), "nothing of the refused load stays in the warehouse");
      long heapAfter = usedHeapAfterGc();
      // 270,000 rejected rows held would be well over 100 MB
      assertTrue(heapAfter < heapBefore + 64L * 1024 * 1024,
          "heap before " + heapBefore / 1_048_576 + " MB, after " + heapAfter / 1_048_576 + " MB");
    }
  }

  @Test
  void rejectedRowsAreATableAndALoadedListOutlivesARestart() throws Exception {
    Path wh = dir.resolve("wh-kept");
    try (InterpreterHarness h = new InterpreterHarness(warehouse("wh-kept"))) {
      InterpreterHarness.Run r = h.drugs("load " + garbage + " --as products --max-rejected 95");
      assertTrue(r.ok(), r.text());
      assertEquals(ROWS / 10, products(h));
      assertEquals("270000", h.sql("select count(*) from rejected_rows where source like '%garbage.csv'").table(0).get(1)[0]);
      String fp = Files.readString(wh.resolve("current/products")).trim();
      assertTrue(Files.size(wh.resolve(fp).resolve("meta.json")) < 200_000, "the metadata keeps a sample, not every rejected row");
      assertTrue(Files.isDirectory(wh.resolve(fp).resolve("rejected")), "the rejected rows are a table of the folder");
      assertEquals(fp, Files.readString(wh.resolve("loaded/products")).trim());
    }
    // a restart (a crash, or the interpreter restarted): the loaded list is still the current one
    try (InterpreterHarness h = new InterpreterHarness(warehouse("wh-kept"))) {
      assertEquals(ROWS / 10, products(h));
      assertEquals("270000", h.sql("select count(*) from rejected_rows where source like '%garbage.csv'").table(0).get(1)[0]);
      String line = h.drugs("dataset").text();
      assertTrue(line.contains("garbage.csv，重启后恢复"), line);
      assertTrue(h.drugs("quality").text().contains("重启后恢复"));
      // back to the bundled list, by an explicit command; and it stays so after the next start
      InterpreterHarness.Run back = h.drugs("load bundled --as products");
      assertTrue(back.ok(), back.text());
      assertEquals(48865, products(h));
      assertFalse(Files.exists(wh.resolve("loaded/products")));
    }
    try (InterpreterHarness h = new InterpreterHarness(warehouse("wh-kept"))) {
      assertEquals(48865, products(h));
      assertFalse(h.drugs("dataset").text().contains("重启后恢复"));
    }
  }

  @Test
  void aCancelledLoadLeavesNoFolderBehind() throws Exception {
    Path wh = dir.resolve("wh-cancel");
    Path pipe = dir.resolve("arriving.csv");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
    try (InterpreterHarness h = new InterpreterHarness(warehouse("wh-cancel"))) {
      long before = products(h);
      List<String> foldersBefore = folders(wh);
      InterpreterContext ctx = InterpreterHarness.context();
      CompletableFuture<InterpreterHarness.Run> load = CompletableFuture.supplyAsync(() -> {
        try {
          return h.run(h.drugs, "load " + pipe + " --as products", ctx);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(pipe), StandardCharsets.UTF_8))) {
        w.write(HEADER);
        // rows until the load has written a batch: a state of the warehouse, whatever the
        // reader's buffers hold
        int rows = 0;
        while (staging(wh).isEmpty()) {
          assertTrue(rows < 2_000_000, "no batch written after " + rows + " rows");
          for (int i = 0; i < 1000; i++, rows++) {
            w.write("C" + rows + ",阿莫西林,西药,乙,胶囊剂,0.25g,虚构试验药业有限公司,0.1,否,,,\n");
          }
          w.flush();
        }
        assertEquals(1, staging(wh).size(), "the batches are written under a staging name: " + staging(wh));
        h.drugs.cancel(ctx);
      }
      InterpreterHarness.Run r = load.get();
      assertFalse(r.ok(), r.text());
      assertTrue(r.error().contains("已取消"), r.error());
      assertEquals(List.of(), staging(wh));
      assertEquals(foldersBefore, folders(wh), "no folder of the cancelled load");
      assertEquals(before, products(h));
    } finally {
      Files.deleteIfExists(pipe);
    }
  }
}
