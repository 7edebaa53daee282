package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The merge of {@code install --spark-group} on the real {@code interpreter-setting.json} of
 * Zeppelin's {@code spark-interpreter} 0.10.1 (Maven Central): every entry and property of
 * Zeppelin's kept, the plugin's two entries added in group {@code spark}, idempotent; and the
 * notes' paragraphs as the spark group runs them.
 */
class SparkGroupLayoutTest {
  /** Zeppelin's own setting, read from its interpreter jar on the test classpath. */
  static String zeppelinSparkSetting() throws IOException {
    for (URL u : Collections.list(SparkGroupLayoutTest.class.getClassLoader().getResources("interpreter-setting.json"))) {
      if (u.toString().contains("spark-interpreter-0.10.1.jar")) {
        try (InputStream in = u.openStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("spark-interpreter-0.10.1.jar is not on the test classpath");
  }

  static String pluginSetting() throws IOException {
    return Files.readString(NoteBundleTest.root().resolve("interpreter/src/main/resources/interpreter-setting.json"));
  }

  static List<JsonObject> entries(String json) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
      out.add(e.getAsJsonObject());
    }
    return out;
  }

  @Test
  void theMergeKeepsZeppelinsEntriesAndAddsTheDrugsOnes() throws Exception {
    String zeppelin = zeppelinSparkSetting();
    List<JsonObject> before = entries(zeppelin);
    assertTrue(before.size() >= 5, "Zeppelin's spark group: " + before.size() + " entries");
    String merged = SparkGroupLayout.merge(zeppelin, pluginSetting());
    List<JsonObject> after = entries(merged);
    assertEquals(before.size() + 2, after.size());
    assertEquals(before, after.subList(0, before.size()), "Zeppelin's entries, each property, as they were");
    JsonObject drugs = after.get(before.size());
    JsonObject sql = after.get(before.size() + 1);
    assertEquals("spark", drugs.get("group").getAsString());
    assertEquals("drugs", drugs.get("name").getAsString());
    assertEquals("medinsight.zeppelin.DrugsInterpreter", drugs.get("className").getAsString());
    assertEquals("drugs_sql", sql.get("name").getAsString());
    assertEquals("medinsight.zeppelin.DrugsSqlInterpreter", sql.get("className").getAsString());
    for (JsonObject e : List.of(drugs, sql)) {
      assertFalse(e.get("defaultInterpreter").getAsBoolean(), "the Spark interpreter stays the group's default");
      assertFalse(e.has("option"));
      for (String k : e.getAsJsonObject("properties").keySet()) {
        assertFalse(k.startsWith("spark."), k + " would become the Spark interpreter's");
      }
    }
    assertTrue(drugs.getAsJsonObject("properties").has("drugs.data.catalog"));
    long defaults = after.stream().filter(e -> e.has("defaultInterpreter") && e.get("defaultInterpreter").getAsBoolean()).count();
    assertEquals(1, defaults);
    assertEquals(merged, SparkGroupLayout.merge(merged, pluginSetting()), "a second merge changes nothing");
  }

  @Test
  void theNotesRunOnSparkDrugsAndSparkDrugsSql() throws Exception {
    assertEquals("%spark.drugs\nlevels", SparkGroupLayout.paragraph("%drugs\nlevels"));
    assertEquals("%spark.drugs_sql\nselect 1", SparkGroupLayout.paragraph("%drugs.sql\nselect 1"));
    assertEquals("%spark.drugs(title=x) levels", SparkGroupLayout.paragraph("%drugs(title=x) levels"));
    assertEquals("%md # x", SparkGroupLayout.paragraph("%md # x"));
    assertEquals("%drugsx", SparkGroupLayout.paragraph("%drugsx"));
    Path notes = NoteBundleTest.root().resolve("notes");
    int drugs = 0;
    int sql = 0;
    try (Stream<Path> s = Files.list(notes)) {
      for (Path n : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".zpln"))::iterator) {
        JsonObject note = JsonParser.parseString(SparkGroupLayout.note(Files.readString(n))).getAsJsonObject();
        JsonObject was = JsonParser.parseString(Files.readString(n)).getAsJsonObject();
        assertEquals("spark", note.get("defaultInterpreterGroup").getAsString());
        JsonArray ps = note.getAsJsonArray("paragraphs");
        assertEquals(was.getAsJsonArray("paragraphs").size(), ps.size());
        for (int i = 0; i < ps.size(); i++) {
          String text = ps.get(i).getAsJsonObject().get("text").getAsString();
          String before = was.getAsJsonArray("paragraphs").get(i).getAsJsonObject().get("text").getAsString();
          assertFalse(text.startsWith("%drugs"), n + ": " + text);
          drugs += text.startsWith("%spark.drugs\n") || text.startsWith("%spark.drugs(") ? 1 : 0;
          sql += text.startsWith("%spark.drugs_sql") ? 1 : 0;
          assertEquals(before.replaceFirst("^%drugs(\\.sql)?", ""), text.replaceFirst("^%spark\\.drugs(_sql)?", ""));
        }
      }
    }
    assertTrue(drugs > 50 && sql > 5, drugs + " %spark.drugs, " + sql + " %spark.drugs_sql paragraphs");
  }
}
