package medinsight.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import medinsight.zeppelin.EmbeddedDrugs;

/**
 * The 总览 dashboard (note {@code 2MIOVERVW}) end to end: its {@code %drugs} paragraphs, read
 * from the note file the server installs, run in order as Zeppelin runs a note, timed as a whole.
 * With the result cache off it is the compute of every chart; with it on, a dashboard viewed
 * again.
 */
final class Overview {
  static final String NOTE_FILE = "总览_2MIOVERVW.zpln";

  private Overview() {}

  /** The note file: {@code --notes DIR}, or {@code notes/} here or in a parent folder. */
  static Path noteFile(String notesDir) throws IOException {
    if (notesDir != null) {
      return Paths.get(notesDir).resolve(NOTE_FILE);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("notes").resolve(NOTE_FILE);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IOException("no notes/" + NOTE_FILE + " here or above; give --notes DIR");
  }

  /** The {@code %drugs} paragraphs' texts (interpreter line removed), in note order. */
  @SuppressWarnings("unchecked")
  static List<String> paragraphs(Path note) throws IOException {
    Map<String, Object> json = Harness.readJson(note);
    List<String> out = new ArrayList<>();
    for (Map<String, Object> p : (List<Map<String, Object>>) json.get("paragraphs")) {
      String text = String.valueOf(p.get("text"));
      String first = text.split("\n", 2)[0].trim();
      if (first.equals("%drugs") && text.contains("\n")) {
        out.add(text.substring(text.indexOf('\n') + 1));
      }
    }
    return out;
  }

  static Map<String, Object> measure(String notesDir, EmbeddedDrugs computed, EmbeddedDrugs cached, int runs,
      int warmup) throws Exception {
    Path note = noteFile(notesDir);
    List<String> paragraphs = paragraphs(note);
    if (paragraphs.isEmpty()) {
      throw new IllegalStateException(note + " has no %drugs paragraph");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("note", "2MIOVERVW");
    m.put("paragraphs", paragraphs);
    Timings[] perParagraph = new Timings[paragraphs.size()];
    for (int i = 0; i < perParagraph.length; i++) {
      perParagraph[i] = new Timings(runs);
    }
    m.put("cache_off", time(computed, paragraphs, runs, warmup, perParagraph));
    Map<String, Object> each = new LinkedHashMap<>();
    for (int i = 0; i < paragraphs.size(); i++) {
      each.put(paragraphs.get(i), perParagraph[i].summary());
    }
    m.put("cache_off_per_paragraph", each);
    if (cached != null) {
      // the first view fills the cache; the timed ones are views again
      m.put("cache_on", time(cached, paragraphs, runs, Math.max(1, warmup), null));
    }
    return m;
  }

  private static Map<String, Object> time(EmbeddedDrugs d, List<String> paragraphs, int runs, int warmup,
      Timings[] perParagraph) throws Exception {
    for (int w = 0; w < warmup; w++) {
      for (String p : paragraphs) {
        Harness.check(d.drugs(p), p);
      }
    }
    Timings total = new Timings(runs);
    for (int r = 0; r < runs; r++) {
      long t0 = Timings.nanos();
      for (int i = 0; i < paragraphs.size(); i++) {
        long s = Timings.nanos();
        EmbeddedDrugs.Paragraph res = d.drugs(paragraphs.get(i));
        if (perParagraph != null) {
          perParagraph[i].add(Timings.since(s));
        }
        Harness.check(res, paragraphs.get(i));
      }
      total.add(Timings.since(t0));
    }
    Map<String, Object> s = total.summary();
    System.out.printf(Locale.ROOT, "总览, %d paragraphs, %s: p50 %.1f ms, p95 %.1f ms%n", paragraphs.size(),
        perParagraph != null ? "cache off" : "cache on", total.p50(), total.p95());
    return s;
  }
}
