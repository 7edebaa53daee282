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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
  static final String KEPT = "# interpreter-setting.json kept as " + BACKUP;
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
    JsonArray out = JsonParser.parseString(withoutPlugins(spark)).getAsJsonArray();
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
   * {@code %spark.drugs}, {@code %drugs.sql} ones {@code %spark.drugs_sql}, and the note's default
   * group {@code spark}. Not Zeppelin's {@code %spark.sql}: it would skip the SQL check and the
   * limits, and in a new interpreter process nothing has opened the plugin yet, so its tables
   * would not exist for a note of SQL paragraphs only (自助SQL).
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
    return m.group(1) + (m.group(2) != null ? "%spark." + DRUGS_SQL : "%spark." + DRUGS) + text.substring(m.end());
  }

  private static final Pattern VERSIONED = Pattern.compile("^(.+?)-(\\d[\\w.\\-]*)\\.jar$");

  /** A jar's artifact name: its file name less the version ({@code spark-core_2.12-3.5.7.jar} → {@code spark-core_2.12}). */
  static String artifact(String jar) {
    Matcher m = VERSIONED.matcher(jar);
    return m.matches() ? m.group(1) : jar.replaceFirst("\\.jar$", "");
  }

  /** A jar's version as its file name gives it ({@code ""} for none). */
  static String version(String jar) {
    Matcher m = VERSIONED.matcher(jar);
    return m.matches() ? m.group(2) : "";
  }

  /** The version of each artifact the jars of {@code dirs} hold (the newest), less the jars named in {@code except}. */
  static Map<String, String> versions(List<Path> dirs, Set<String> except) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> s = Files.list(d)) {
        for (String f : (Iterable<String>) s.map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".jar") && !except.contains(f))::iterator) {
          out.merge(artifact(f), version(f), (x, y) -> compare(x, y) >= 0 ? x : y);
        }
      }
    }
    return out;
  }

  /**
   * Whether the plugin's {@code jar} is to be copied although the site holds its artifact in
   * version {@code theirs}: when it is newer (the plugin needs its API; the Spark interpreter's
   * driver class path puts {@code interpreter/spark/} before Spark's {@code jars/}), except for
   * Spark's, Scala's and Hadoop's own jars, which are always the site's.
   */
  static boolean newer(String jar, String theirs) {
    String a = artifact(jar);
    if (a.startsWith("spark-") || a.startsWith("scala-") || a.startsWith("hadoop-")) {
      return false;
    }
    return compare(version(jar), theirs) > 0;
  }

  /** Versions compared part by part, numbers as numbers ({@code 2.10.1 > 2.2.4}). */
  static int compare(String x, String y) {
    String[] a = x.split("[.\\-_]");
    String[] b = y.split("[.\\-_]");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String p = i < a.length ? a[i] : "0";
      String q = i < b.length ? b[i] : "0";
      int c = p.matches("\\d{1,9}") && q.matches("\\d{1,9}") ? Integer.compare(Integer.parseInt(p), Integer.parseInt(q)) : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  static boolean hasPlugins(String setting) {
    for (JsonElement e : JsonParser.parseString(setting).getAsJsonArray()) {
      if (isPlugins(e)) {
        return true;
      }
    }
    return false;
  }

  /** A setting without the plugin's entries. */
  static String withoutPlugins(String setting) {
    JsonArray out = new JsonArray();
    for (JsonElement e : JsonParser.parseString(setting).getAsJsonArray()) {
      if (!isPlugins(e)) {
        out.add(e);
      }
    }
    return GSON.toJson(out) + "\n";
  }

  static String sha256(String text) {
    try {
      StringBuilder h = new StringBuilder();
      for (byte x : MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))) {
        h.append(String.format("%02x", x));
      }
      return h.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a file through {@code write} to a temporary file beside it, then moves it in place. */
  static void replace(Path file, Writer write) throws IOException {
    Path part = file.resolveSibling("." + file.getFileName() + ".medinsight-part");
    Files.deleteIfExists(part);
    write.to(part);
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** What writes a file. */
  interface Writer {
    void to(Path out) throws IOException;
  }

  /**
   * What an install did ({@value #MANIFEST}): whether the setting file was there before, the hash
   * of the file the install wrote, and the jars it copied, one plain file name a line.
   */
  static final class Manifest {
    private static final Pattern JAR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+\\-]*\\.jar");
    final String header;
    final String sha256;
    final Set<String> jars;

    private Manifest(String header, String sha256, Set<String> jars) {
      this.header = header;
      this.sha256 = sha256;
      this.jars = jars;
    }

    /** The folder's manifest, or null; refused in one line when a line is not what an install writes. */
    static Manifest read(Path dir) throws IOException, Launcher.Failure {
      Path f = dir.resolve(MANIFEST);
      if (!Files.exists(f)) {
        return null;
      }
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      if (lines.size() < 2 || !(lines.get(0).equals(KEPT) || lines.get(0).equals(ABSENT)) || !lines.get(1).startsWith("# sha256 ")) {
        throw new Launcher.Failure(f + " is not what bin/medinsight install wrote: nothing changed", 2);
      }
      Set<String> jars = new TreeSet<>();
      for (String l : lines.subList(2, lines.size())) {
        if (l.isBlank()) {
          continue;
        }
        // a plain file name of this folder: a line naming another path is never deleted
        if (!JAR.matcher(l).matches()) {
          throw new Launcher.Failure(f + " names “" + l + "”, not a jar of this folder: nothing changed", 2);
        }
        jars.add(l);
      }
      return new Manifest(lines.get(0), lines.get(1).substring("# sha256 ".length()).trim(), jars);
    }

    static void write(Path dir, String header, String sha256, Set<String> jars) throws IOException {
      StringBuilder b = new StringBuilder(header).append("\n# sha256 ").append(sha256).append("\n");
      for (String j : jars) {
        b.append(j).append("\n");
      }
      replace(dir.resolve(MANIFEST), out -> Files.writeString(out, b.toString(), StandardCharsets.UTF_8));
    }
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
