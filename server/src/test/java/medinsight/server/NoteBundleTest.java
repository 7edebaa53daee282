package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import medinsight.render.Labels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes as the bundle writes them, and every chart preset against the result it draws: the
 * paragraphs with a preset run on the bundled data in local Spark (no Zeppelin), as the note
 * generator runs them.
 */
class NoteBundleTest {
  static ResultShapes shapes;

  @BeforeAll
  static void start() {
    shapes = ResultShapes.bundled();
  }

  @AfterAll
  static void stop() {
    if (shapes != null) {
      shapes.close();
    }
  }

  static Path root() {
    return Paths.get(System.getProperty("medinsight.root", "..")).toAbsolutePath().normalize();
  }

  @Test
  void committedNotesAreWhatTheBundleWrites() throws Exception {
    Set<String> ids = new HashSet<>();
    for (NoteBundle.Note n : NoteBundle.notes()) {
      Path f = root().resolve("notes").resolve(n.fileName());
      assertTrue(Files.exists(f), f + " is missing: run bin/medinsight notes");
      assertEquals(n.toZpln(shapes), Files.readString(f, StandardCharsets.UTF_8), f + " is stale: run bin/medinsight notes");
      assertTrue(ids.add(n.id), "duplicate note id " + n.id);
      assertTrue(n.id.matches("[0-9A-Z]{9}"), n.id);
      for (NoteBundle.Paragraph p : n.paragraphs) {
        assertTrue(ids.add(p.id), "duplicate paragraph id " + p.id);
        assertTrue(!p.title.isBlank(), "every paragraph has a title: " + p.id);
      }
      assertTrue(n.paragraphs.get(0).text.startsWith("%md"), n.name + " starts with what it shows and how to read it");
    }
    try (var files = Files.list(root().resolve("notes"))) {
      assertEquals(NoteBundle.notes().size(), files.filter(p -> p.toString().endsWith(".zpln")).count(),
          "notes/ holds a .zpln that the bundle does not define");
    }
  }

  @Test
  void dashboardsAreReportsWithChartsPreset() {
    long charts = 0;
    for (NoteBundle.Note n : NoteBundle.notes()) {
      if (n.dashboard) {
        assertTrue(n.toZpln(shapes).contains("\"looknfeel\": \"report\""), n.name);
      }
      for (NoteBundle.Paragraph p : n.paragraphs) {
        if (!"table".equals(p.chartMode())) {
          charts++;
        }
      }
    }
    assertTrue(charts >= 15, "charts preset: " + charts);
  }

  @Test
  void everyChartPresetNamesColumnsOfTheResultItDraws() {
    List<String> problems = new ArrayList<>();
    int presets = 0;
    for (NoteBundle.Note n : NoteBundle.notes()) {
      for (NoteBundle.Paragraph p : n.paragraphs) {
        if (p.chartKeys().isEmpty()) {
          continue;
        }
        presets++;
        for (String problem : p.chartProblems(shapes)) {
          problems.add(n.name + " / " + p.title + ": " + problem);
        }
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(presets >= 25, "presets checked: " + presets);
  }

  @Test
  void aPresetNamingAMissingKeyOrTextOnAValueAxisIsCaught() {
    String forms = "%drugs\nforms --top 10";
    assertEquals(List.of(), NoteBundle.bar().key("dosage_form").value("products").problems(shapes.columns(forms)));
    List<String> missing = NoteBundle.bar().key("dosage_form").value("product_count").problems(shapes.columns(forms));
    assertEquals(1, missing.size(), missing.toString());
    assertTrue(missing.get(0).contains("'product_count' is not a column"), missing.toString());
    List<String> text = NoteBundle.bar().key("products").value("dosage_form").problems(shapes.columns(forms));
    assertEquals(List.of("value 'dosage_form' holds no numbers"), text);
    // and the generator writes nothing for such a note
    NoteBundle.Note bad = new NoteBundle.Note("2MITEST01", "test", true, k -> k)
        .drugs("forms --top 10", 12, NoteBundle.bar().key("form").value("products"));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.toZpln(shapes));
    assertTrue(e.getMessage().contains("'form' is not a column"), e.getMessage());
  }

  @Test
  void keysResolveToThePositionAndHeaderOfTheirColumn() {
    NoteBundle.Note n = new NoteBundle.Note("2MITEST02", "test", true, k -> k)
        .drugs("manufacturers share --top 10 --others no", 12, NoteBundle.bar().key("manufacturer").value("product_share"));
    com.google.gson.JsonObject graph = com.google.gson.JsonParser.parseString(n.toZpln(shapes)).getAsJsonObject()
        .getAsJsonArray("paragraphs").get(0).getAsJsonObject().getAsJsonObject("config").getAsJsonObject("results")
        .getAsJsonObject("0").getAsJsonObject("graph");
    com.google.gson.JsonObject key = graph.getAsJsonArray("keys").get(0).getAsJsonObject();
    com.google.gson.JsonObject value = graph.getAsJsonArray("values").get(0).getAsJsonObject();
    assertEquals("生产企业", key.get("name").getAsString());
    assertEquals(1, key.get("index").getAsInt());
    assertEquals("产品份额(%)", value.get("name").getAsString());
    assertEquals(3, value.get("index").getAsInt());
  }

  @Test
  void theEnglishNotesAreTheSameNotesWithEnglishTextsAndHeaders(@TempDir Path dir) throws Exception {
    List<NoteBundle.Note> zh = NoteBundle.notes(Labels.Lang.ZH);
    List<NoteBundle.Note> en = NoteBundle.notes(Labels.Lang.EN);
    assertEquals(zh.size(), en.size());
    for (int i = 0; i < zh.size(); i++) {
      NoteBundle.Note z = zh.get(i);
      NoteBundle.Note e = en.get(i);
      assertEquals(z.id, e.id);
      assertEquals(z.paragraphs.size(), e.paragraphs.size(), e.name);
      assertTrue(!hasHan(e.name), e.name);
      for (int j = 0; j < z.paragraphs.size(); j++) {
        NoteBundle.Paragraph pz = z.paragraphs.get(j);
        NoteBundle.Paragraph pe = e.paragraphs.get(j);
        assertEquals(pz.id, pe.id, "a link to a paragraph holds in either language");
        assertTrue(!hasHan(pe.title), pe.id + ": " + pe.title);
        assertEquals(pz.chartKeys().stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.toList()),
            pe.chartKeys().stream().map(r -> r[0] + "=" + r[1]).collect(Collectors.toList()), pe.id);
        if (pz.text.startsWith("%md")) {
          assertTrue(!pe.text.equals(pz.text), pe.id + " has an English text");
        } else if (!List.of("paragraph_medinsight_lookup_03", "paragraph_medinsight_quality_04").contains(pe.id)) {
          // (those two name their SQL columns in the note's language)
          // the commands are the same but for the names of form fields
          assertEquals(pz.text.replaceAll("\\$\\{[^=}]*=", "\\${="), pe.text.replaceAll("\\$\\{[^=}]*=", "\\${="), pe.id);
        }
      }
    }
    List<Path> written = NoteBundle.write(dir, shapes.in(Labels.Lang.EN), Labels.Lang.EN);
    assertEquals(en.size(), written.size());
    String overview = Files.readString(dir.resolve("Overview_2MIOVERVW.zpln"), StandardCharsets.UTF_8);
    // the overview's share chart names its columns by their English headers
    assertTrue(overview.contains("\"name\": \"Manufacturer\""), overview);
    assertTrue(overview.contains("\"name\": \"Product share(%)\""), overview);
    assertTrue(!overview.contains("\"name\": \"生产企业\""), overview);
  }

  static boolean hasHan(String s) {
    return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }
}
