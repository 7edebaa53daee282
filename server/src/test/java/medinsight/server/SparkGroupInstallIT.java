package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/medinsight install --spark-group} typed as a user types it, from the built tree, into
 * a Zeppelin home whose {@code interpreter/spark/} holds the real Spark interpreter of Zeppelin
 * 0.10.1 (its jar and its {@code interpreter-setting.json}, from Maven Central): the plugin's jars
 * that the site's Spark lacks are copied, the setting is merged, a second install changes nothing,
 * and {@code --undo} puts the folder back, the setting byte for byte.
 */
class SparkGroupInstallIT {
  @TempDir
  static Path tmp;
  static Path sparkJar;
  static byte[] setting;
  static Path sparkHome;
  /** The plugin's jars that the stand-in Spark distribution holds (by artifact name). */
  static Set<String> provided = new TreeSet<>();

  @BeforeAll
  static void parts() throws Exception {
    for (URL u : Collections.list(SparkGroupInstallIT.class.getClassLoader().getResources("interpreter-setting.json"))) {
      String s = u.toString();
      if (s.contains("spark-interpreter-0.10.1.jar")) {
        sparkJar = Paths.get(new URL(s.substring("jar:".length(), s.indexOf("!/"))).toURI());
      }
    }
    assertTrue(sparkJar != null && Files.isRegularFile(sparkJar), "spark-interpreter 0.10.1 on the test classpath");
    setting = SparkGroupLayoutTest.zeppelinSparkSetting().getBytes(StandardCharsets.UTF_8);
    // the site's Spark: a distribution's jars/ folder holding Spark's, Scala's and Hadoop's jars of
    // the plugin, one of them in another version (a jar is the site's by its name, not its version)
    sparkHome = tmp.resolve("spark-3.5");
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    for (String j : pluginJars()) {
      if (j.startsWith("spark-") || j.startsWith("scala-") || j.startsWith("hadoop-")) {
        String name = j.equals("spark-core_2.12-3.5.7.jar") ? "spark-core_2.12-3.5.6.jar" : j;
        Files.createSymbolicLink(jars.resolve(name), Typed.ROOT.resolve("interpreter/target/drugs").resolve(j));
        provided.add(SparkGroupLayout.artifact(name));
      }
    }
    // Hive's old gson, as Spark's jars/ holds it: the plugin's newer one is copied all the same
    Files.createSymbolicLink(jars.resolve("gson-2.2.4.jar"), Typed.ROOT.resolve("interpreter/target/drugs/gson-2.10.1.jar"));
    assertTrue(provided.contains("spark-core_2.12") && provided.size() > 15, provided.toString());
  }

  static Set<String> pluginJars() throws IOException {
    try (Stream<Path> s = Files.list(Typed.ROOT.resolve("interpreter/target/drugs"))) {
      return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".jar")).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** Every file of a folder with its bytes' hash. */
  static Map<String, Integer> listing(Path dir) throws IOException {
    Map<String, Integer> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        m.put(p.getFileName().toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
      }
    }
    return m;
  }

  static Path zeppelinHome(String name, boolean withSettingFile) throws IOException {
    Path z = tmp.resolve(name);
    Path spark = Files.createDirectories(z.resolve("interpreter/spark"));
    Files.createDirectories(z.resolve("conf"));
    Files.copy(sparkJar, spark.resolve(sparkJar.getFileName()));
    if (withSettingFile) {
      Files.write(spark.resolve("interpreter-setting.json"), setting);
    }
    return z;
  }

  static Typed.Result install(Path z, String more) throws Exception {
    return Typed.run("bin/medinsight install --zeppelin-home '" + z + "' --spark-group" + more);
  }

  @Test
  void installMergesIsIdempotentAndUndoes() throws Exception {
    Path z = zeppelinHome("zeppelin-0.10.1", true);
    Path dir = z.resolve("interpreter/spark");
    Map<String, Integer> before = listing(dir);
    Typed.Result r = install(z, " --spark-home '" + sparkHome + "'");
    assertEquals(0, r.code, r.toString());
    Set<String> copied = new TreeSet<>();
    for (String j : pluginJars()) {
      if (!provided.contains(SparkGroupLayout.artifact(j))) {
        copied.add(j);
      }
    }
    copied.add("gson-2.10.1.jar");
    assertTrue(copied.contains("medinsight-interpreter.jar"));
    assertFalse(copied.contains("spark-core_2.12-3.5.7.jar"), "the site's Spark has spark-core: its own, whatever the version");
    assertTrue(r.out.contains("newer than the site's: gson-2.10.1.jar (the site's: 2.2.4)"), r.toString());
    Set<String> there = new TreeSet<>(listing(dir).keySet());
    Set<String> expected = new TreeSet<>(before.keySet());
    expected.addAll(copied);
    expected.addAll(Set.of(SparkGroupLayout.BACKUP, SparkGroupLayout.MANIFEST));
    assertEquals(expected, there);
    String merged = Files.readString(dir.resolve("interpreter-setting.json"));
    int entries = JsonParser.parseString(new String(setting, StandardCharsets.UTF_8)).getAsJsonArray().size();
    assertEquals(entries + 2, JsonParser.parseString(merged).getAsJsonArray().size());
    assertTrue(merged.contains("\"medinsight.zeppelin.DrugsInterpreter\""));
    try (Stream<Path> s = Files.list(z.resolve("notebook"))) {
      Path overview = s.filter(p -> p.getFileName().toString().startsWith("总览_")).findFirst().orElseThrow();
      String note = Files.readString(overview);
      assertTrue(note.contains("\"%spark.drugs\\n") && !note.contains("\"%drugs"), "the notes run on %spark.drugs");
    }
    Map<String, Integer> once = listing(dir);
    Typed.Result again = Typed.run(Typed.ROOT, Map.of("SPARK_HOME", sparkHome.toString()),
        "bin/medinsight install --zeppelin-home '" + z + "' --spark-group");
    assertEquals(0, again.code, again.toString());
    assertEquals(once, listing(dir), "a second install changes nothing");
    Typed.Result undo = install(z, " --undo");
    assertEquals(0, undo.code, undo.toString());
    assertEquals(before, listing(dir), "the Spark interpreter's folder as it was");
    assertArrayEquals(setting, Files.readAllBytes(dir.resolve("interpreter-setting.json")));
    Typed.Result twice = install(z, " --undo");
    assertEquals(2, twice.code, twice.toString());
    assertEquals(1, twice.out.strip().split("\n").length, "one line: " + twice);
  }

  @Test
  void aSparkFolderWithItsSettingInTheJarGetsTheFileAndLosesItAgain() throws Exception {
    Path z = zeppelinHome("zeppelin-jar-only", false);
    Path dir = z.resolve("interpreter/spark");
    Map<String, Integer> before = listing(dir);
    Typed.Result r = install(z, " --spark-home '" + sparkHome + "'");
    assertEquals(0, r.code, r.toString());
    assertTrue(Files.readString(dir.resolve("interpreter-setting.json")).contains("org.apache.zeppelin.spark.SparkSqlInterpreter"));
    assertEquals(0, install(z, " --undo").code);
    assertEquals(before, listing(dir));
  }

  @Test
  void anInstallThatFailsLeavesZeppelinsSettingAndUndoCleansUp() throws Exception {
    Path z = zeppelinHome("zeppelin-full-disk", true);
    Path dir = z.resolve("interpreter/spark");
    Map<String, Integer> before = listing(dir);
    // a copy that cannot be written: where the plugin's jar goes, a folder that is not empty
    Path blocker = Files.createDirectories(dir.resolve(".medinsight-interpreter.jar.medinsight-part/x"));
    Typed.Result r = install(z, " --spark-home '" + sparkHome + "'");
    assertEquals(1, r.code, r.toString());
    assertEquals(1, r.out.strip().split("\n").length, "one line: " + r);
    assertArrayEquals(setting, Files.readAllBytes(dir.resolve("interpreter-setting.json")), "Zeppelin's setting untouched");
    Files.delete(blocker);
    Files.delete(blocker.getParent());
    Typed.Result undo = install(z, " --undo");
    assertEquals(0, undo.code, undo.toString());
    assertEquals(before, listing(dir), "every jar the failed install wrote is gone");
  }

  @Test
  void undoAfterTheSettingChangedTakesOutOnlyThePluginsEntries() throws Exception {
    Path z = zeppelinHome("zeppelin-edited", true);
    Path dir = z.resolve("interpreter/spark");
    assertEquals(0, install(z, " --spark-home '" + sparkHome + "'").code);
    Path file = dir.resolve("interpreter-setting.json");
    // someone edits the file after the install: a default of Zeppelin's own changes
    String edited = Files.readString(file).replace("\"defaultValue\": \"1g\"", "\"defaultValue\": \"6g\"");
    assertTrue(!edited.equals(Files.readString(file)));
    Files.writeString(file, edited);
    Typed.Result undo = install(z, " --undo");
    assertEquals(0, undo.code, undo.toString());
    assertTrue(undo.out.contains("changed since the install"), undo.toString());
    String now = Files.readString(file);
    assertFalse(now.contains("medinsight."), "the plugin's entries are out");
    assertTrue(now.contains("\"defaultValue\": \"6g\""), "the edit is kept");
    assertEquals(JsonParser.parseString(new String(setting, StandardCharsets.UTF_8)).getAsJsonArray().size(),
        JsonParser.parseString(now).getAsJsonArray().size());
    assertFalse(Files.exists(dir.resolve("medinsight-interpreter.jar")));
    assertFalse(Files.exists(dir.resolve(SparkGroupLayout.MANIFEST)));
  }

  @Test
  void aManifestNamingAnotherPathDeletesNothing() throws Exception {
    Path z = zeppelinHome("zeppelin-planted", true);
    Path dir = z.resolve("interpreter/spark");
    assertEquals(0, install(z, " --spark-home '" + sparkHome + "'").code);
    Path victim = Files.writeString(z.resolve("conf/zeppelin-site.xml"), "<configuration/>");
    Path manifest = dir.resolve(SparkGroupLayout.MANIFEST);
    Files.writeString(manifest, Files.readString(manifest) + "../../conf/zeppelin-site.xml\n");
    Map<String, Integer> planted = listing(dir);
    for (Typed.Result r : new Typed.Result[] {install(z, " --undo"), install(z, " --spark-home '" + sparkHome + "'")}) {
      assertEquals(2, r.code, r.toString());
      assertEquals(1, r.out.strip().split("\n").length, "one line: " + r);
    }
    assertTrue(Files.exists(victim));
    assertEquals(planted, listing(dir), "nothing changed");
  }

  @Test
  void whatCannotBeDoneIsOneLine() throws Exception {
    Path noSpark = Files.createDirectories(tmp.resolve("no-spark"));
    Files.createDirectories(noSpark.resolve("interpreter"));
    Files.createDirectories(noSpark.resolve("conf"));
    for (Typed.Result r : new Typed.Result[] {
        install(noSpark, " --spark-home '" + sparkHome + "'"),
        install(zeppelinHome("no-spark-home", true), " --spark-home '" + tmp.resolve("nothing") + "'"),
        Typed.run("bin/medinsight install --zeppelin-home '" + noSpark + "' --undo")}) {
      assertEquals(2, r.code, r.toString());
      assertEquals(1, r.out.strip().split("\n").length, "one line: " + r);
    }
  }
}
