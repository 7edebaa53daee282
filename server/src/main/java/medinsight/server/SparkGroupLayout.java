package medinsight.server;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The plugin inside Zeppelin's spark interpreter group ({@code bin/medinsight install --spark-group}):
 * {@code %spark.drugs} and {@code %spark.drugs_sql} run in the Spark interpreter's process, on its
 * SparkSession, where {@code %spark.sql} sees their tables.
 *
 * <p>Zeppelin reads one {@code interpreter-setting.json} per interpreter folder, and a second
 * folder that declares group {@code spark} replaces the group instead of joining it: so the
 * plugin's entries are merged into {@code interpreter/spark/interpreter-setting.json} (every entry
 * and property already there kept) and its jars that the site's Spark does not already provide are
 * copied next to the Spark interpreter's. The file as it was is kept beside it, and a manifest
 * lists what was copied, so {@code --undo} puts the folder back as it was, the file byte for byte.
 */
final class SparkGroupLayout {
  static final String SETTING = "interpreter-setting.json";
  /** The setting file as it was before the first install. */
  static final String BACKUP = "interpreter-setting.json.before-medinsight";
  /** What the install copied (one jar a line) and whether the setting file was there before. */
  static final String MANIFEST = "medinsight-installed.txt";
  static final String ABSENT = "# interpreter-setting.json was not in this folder";
  /** The plugin's entries' names in the spark group: {@code %spark.drugs}, {@code %spark.drugs_sql}. */
  static final String DRUGS = "drugs";
  static final String DRUGS_SQL = "drugs_sql";

  /** Nulls written too: Zeppelin's entries hold {@code "envName": null}, which must stay. */
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private SparkGroupLayout() {
  }

  /**
   * {@code spark} (Zeppelin's spark entries) with the plugin's entries ({@code plugin}, its own
   * setting file) in group {@code spark}, after every entry already there that is not the
   * plugin's. The plugin's {@code spark.*} properties and its option are left out: in the spark
   * group they would become the Spark interpreter's.
   */
  static String merge(String spark, String plugin) {
    JsonArray out = new JsonArray();
    for (JsonElement e : JsonParser.parseString(spark).getAsJsonArray()) {
      if (!isPlugins(e)) {
        out.add(e);
      }
    }
    for (JsonElement e : JsonParser.parseString(plugin).getAsJsonArray()) {
      JsonObject o = e.getAsJsonObject().deepCopy();
      o.addProperty("group", "spark");
      o.addProperty("name", "sql".equals(o.get("name").getAsString()) ? DRUGS_SQL : DRUGS);
      o.addProperty("defaultInterpreter", false);
      o.remove("option");
      JsonObject props = o.getAsJsonObject("properties");
      if (props != null) {
        for (String k : new ArrayList<>(props.keySet())) {
          if (k.startsWith("spark.")) {
            props.remove(k);
          }
        }
      }
      out.add(o);
    }
    return GSON.toJson(out) + "\n";
  }

  static boolean isPlugins(JsonElement e) {
    JsonElement c = e.isJsonObject() ? e.getAsJsonObject().get("className") : null;
    return c != null && c.getAsString().startsWith("medinsight.");
  }

  /**
   * A note of the bundle as the spark group runs it: {@code %drugs} paragraphs become
   * {@code %spark.drugs}, {@code %drugs.sql} ones {@code %spark.sql} (Zeppelin's Spark SQL, on the
   * same session), and the note's default group {@code spark}.
   */
  static String note(String zpln) {
    JsonObject n = JsonParser.parseString(zpln).getAsJsonObject();
    if (n.has("defaultInterpreterGroup")) {
      n.addProperty("defaultInterpreterGroup", "spark");
    }
    JsonArray ps = n.getAsJsonArray("paragraphs");
    if (ps != null) {
      for (JsonElement p : ps) {
        JsonObject o = p.getAsJsonObject();
        if (o.has("text") && !o.get("text").isJsonNull()) {
          o.addProperty("text", paragraph(o.get("text").getAsString()));
        }
      }
    }
    return GSON.toJson(n) + "\n";
  }

  private static final Pattern PREFIX = Pattern.compile("^(\\s*)%drugs(\\.sql)?(?=[\\s(]|$)");

  static String paragraph(String text) {
    Matcher m = PREFIX.matcher(text);
    if (!m.find()) {
      return text;
    }
    return m.group(1) + (m.group(2) != null ? "%spark.sql" : "%spark.drugs") + text.substring(m.end());
  }

  private static final Pattern VERSIONED = Pattern.compile("^(.+?)-(\\d[\\w.\\-]*)\\.jar$");

  /** A jar's artifact name: its file name less the version ({@code spark-core_2.12-3.5.7.jar} → {@code spark-core_2.12}). */
  static String artifact(String jar) {
    Matcher m = VERSIONED.matcher(jar);
    return m.matches() ? m.group(1) : jar.replaceFirst("\\.jar$", "");
  }

  /** The artifact names of the jars in {@code dirs}, less the jars named in {@code except}. */
  static Set<String> artifacts(List<Path> dirs, Set<String> except) throws IOException {
    Set<String> names = new TreeSet<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".jar") && !except.contains(f))
            .forEach(f -> names.add(artifact(f)));
      }
    }
    return names;
  }

  /** The jars a previous install copied (its manifest), empty when there was none. */
  static Set<String> installed(Path sparkDir) throws IOException {
    Path m = sparkDir.resolve(MANIFEST);
    if (!Files.exists(m)) {
      return Set.of();
    }
    return Files.readAllLines(m, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The Spark interpreter's setting as Zeppelin reads it: the folder's file, else the one in its interpreter jar. */
  static String sparkSetting(Path sparkDir) throws IOException {
    Path f = sparkDir.resolve(SETTING);
    if (Files.isRegularFile(f)) {
      return Files.readString(f, StandardCharsets.UTF_8);
    }
    try (Stream<Path> s = Files.list(sparkDir)) {
      for (Path jar : s.filter(p -> p.getFileName().toString().matches("spark-interpreter-.*\\.jar")).sorted()
          .collect(Collectors.toList())) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
          ZipEntry e = z.getEntry(SETTING);
          if (e != null) {
            try (InputStream in = z.getInputStream(e)) {
              return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
          }
        }
      }
    }
    return null;
  }

  /** Copies {@code from} to {@code to}, replacing it. */
  static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }
}
