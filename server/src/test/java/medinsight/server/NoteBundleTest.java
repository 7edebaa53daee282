package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NoteBundleTest {
  static Path root() {
    return Paths.get(System.getProperty("medinsight.root", "..")).toAbsolutePath().normalize();
  }

  @Test
  void committedNotesAreWhatTheBundleWrites() throws Exception {
    Set<String> ids = new HashSet<>();
    for (NoteBundle.Note n : NoteBundle.notes()) {
      Path f = root().resolve("notes").resolve(n.fileName());
      assertTrue(Files.exists(f), f + " is missing: run bin/medinsight notes");
      assertEquals(n.toZpln(), Files.readString(f, StandardCharsets.UTF_8), f + " is stale: run bin/medinsight notes");
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
        assertTrue(n.toZpln().contains("\"looknfeel\": \"report\""), n.name);
      }
      for (NoteBundle.Paragraph p : n.paragraphs) {
        if (!"table".equals(p.chartMode())) {
          charts++;
        }
      }
    }
    assertTrue(charts >= 15, "charts preset: " + charts);
  }
}
