package medinsight.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code bin/medinsight install}: the plugin, notes, access policy and a Shiro template into a Zeppelin distribution. */
final class Installer {
  private final ZeppelinHome zh;
  private final Consumer<String> say;

  Installer(ZeppelinHome zh, Consumer<String> say) {
    this.zh = zh;
    this.say = say;
  }

  private void say(String s) {
    say.accept(s);
  }

  /**
   * Copies the plugin, the notes of a folder ({@code notes/}, or the English notes {@code
   * bin/medinsight notes --lang en DIR} writes) and a Shiro template into an existing Zeppelin
   * distribution.
   */
  void install(Path zeppelinHome, Path notes) throws Exception {
    Path zhome = home(zeppelinHome);
    notesFolder(notes);
    Path target = zhome.resolve("interpreter/drugs");
    ZeppelinHome.sync(zh.plugin(), target);
    say("plugin copied to " + target);
    notes(notes, zhome, UnaryOperator.identity());
    deployment(zhome);
    say("restart Zeppelin to load the drugs interpreter: " + zhome.resolve("bin/zeppelin-daemon.sh") + " restart");
  }

  private static void notesFolder(Path notes) throws Launcher.Failure {
    if (!Files.isDirectory(notes)) {
      throw new Launcher.Failure("--notes " + notes + " is not a folder", 2);
    }
  }

  private static Path home(Path zeppelinHome) throws Launcher.Failure {
    Path zhome = zeppelinHome.toAbsolutePath().normalize();
    if (!Files.isDirectory(zhome.resolve("interpreter")) || !Files.isDirectory(zhome.resolve("conf"))) {
      throw new Launcher.Failure(zhome + " does not look like a Zeppelin home (no interpreter/ and conf/ folders)", 2);
    }
    return zhome;
  }

  private void notes(Path notes, Path zhome, UnaryOperator<String> layout) throws Exception {
    List<String> kept = new ArrayList<>();
    try {
      ZeppelinHome.copyNotes(notes, zhome.resolve("notebook"), kept, layout);
    } catch (IOException e) {
      throw new Launcher.Failure(e.getMessage(), 2);
    }
    say("notes copied to " + zhome.resolve("notebook") + (kept.isEmpty() ? "" : " (kept existing: " + String.join(", ", kept) + ")"));
  }

  /**
   * {@code install --spark-group}: the plugin into Zeppelin's spark interpreter group (see
   * {@link SparkGroupLayout}), the notes with {@code %spark.drugs} and {@code %spark.sql}
   * paragraphs. {@code sparkHome} is the Spark the Spark interpreter runs on: the plugin's jars it
   * already provides are not copied.
   */
  void installSparkGroup(Path zeppelinHome, Path notes, Path sparkHome) throws Exception {
    Path zhome = home(zeppelinHome);
    notesFolder(notes);
    Path dir = zhome.resolve("interpreter/spark");
    String spark = Files.isDirectory(dir) ? SparkGroupLayout.sparkSetting(dir) : null;
    if (spark == null) {
      throw new Launcher.Failure(zhome + " has no Spark interpreter (interpreter/spark/ and its " + SparkGroupLayout.SETTING
          + "): install Zeppelin's Spark interpreter first, or leave out --spark-group for the plugin's own group", 2);
    }
    if (sparkHome == null) {
      throw new Launcher.Failure("--spark-group needs the Spark that Zeppelin's Spark interpreter runs on: "
          + "--spark-home DIR, or SPARK_HOME set", 2);
    }
    Path sparkJars = sparkHome.toAbsolutePath().normalize().resolve("jars");
    if (!Files.isDirectory(sparkJars)) {
      throw new Launcher.Failure(sparkHome + " is not a Spark distribution (no jars/ folder)", 2);
    }
    Path setting = dir.resolve(SparkGroupLayout.SETTING);
    SparkGroupLayout.Manifest before = SparkGroupLayout.Manifest.read(dir);
    String header;
    if (before == null || !SparkGroupLayout.hasPlugins(spark)) {
      // the first install, or Zeppelin's own file again (an upgrade): keep it, to put it back with --undo
      if (Files.exists(setting)) {
        SparkGroupLayout.copy(setting, dir.resolve(SparkGroupLayout.BACKUP));
        header = SparkGroupLayout.KEPT;
      } else {
        Files.deleteIfExists(dir.resolve(SparkGroupLayout.BACKUP));
        header = SparkGroupLayout.ABSENT;
      }
    } else {
      header = before.header;
    }
    Set<String> previous = before == null ? Set.of() : before.jars;
    Map<String, String> site = SparkGroupLayout.versions(List.of(sparkJars, dir), previous);
    List<Path> jars;
    try (Stream<Path> s = Files.list(zh.plugin())) {
      jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
    }
    List<Path> copy = new ArrayList<>();
    List<String> newer = new ArrayList<>();
    for (Path jar : jars) {
      String name = jar.getFileName().toString();
      String theirs = site.get(SparkGroupLayout.artifact(name));
      if (theirs == null) {
        copy.add(jar);
      } else if (SparkGroupLayout.newer(name, theirs)) {
        copy.add(jar);
        newer.add(name + " (the site's: " + theirs + ")");
      }
    }
    Set<String> copied = copy.stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    // listed before they are written: a copy that fails leaves every jar it may have written
    // listed, for --undo and for the next install; the setting names the plugin's classes last
    Set<String> listed = new TreeSet<>(previous);
    listed.addAll(copied);
    SparkGroupLayout.Manifest.write(dir, header, "-", listed);
    for (Path jar : copy) {
      SparkGroupLayout.replace(dir.resolve(jar.getFileName().toString()), out -> Files.copy(jar, out));
    }
    for (String old : previous) {
      if (!copied.contains(old)) {
        Files.deleteIfExists(dir.resolve(old));
      }
    }
    String merged = SparkGroupLayout.merge(spark,
        Files.readString(zh.plugin().resolve(SparkGroupLayout.SETTING), StandardCharsets.UTF_8));
    SparkGroupLayout.replace(setting, out -> Files.writeString(out, merged, StandardCharsets.UTF_8));
    SparkGroupLayout.Manifest.write(dir, header, SparkGroupLayout.sha256(merged), copied);
    say("plugin's jars copied to " + dir + ": " + copied.size() + " of " + jars.size() + " (the rest " + sparkHome
        + " or the Spark interpreter provides" + (newer.isEmpty() ? "" : "; newer than the site's: " + String.join(", ", newer))
        + "); " + SparkGroupLayout.SETTING + " merged with %spark." + SparkGroupLayout.DRUGS + " and %spark." + SparkGroupLayout.DRUGS_SQL);
    notes(notes, zhome, SparkGroupLayout::note);
    deployment(zhome);
    say("restart Zeppelin's spark interpreter to load %spark.drugs; bin/medinsight install --zeppelin-home " + zhome
        + " --spark-group --undo takes it out again");
  }

  /**
   * {@code install --spark-group --undo}: the Spark interpreter's folder as it was before the
   * plugin, its setting file byte for byte; a setting changed since the install (edited, or a
   * new Zeppelin's) loses only the plugin's entries.
   */
  void undoSparkGroup(Path zeppelinHome) throws Exception {
    Path zhome = home(zeppelinHome);
    Path dir = zhome.resolve("interpreter/spark");
    SparkGroupLayout.Manifest m = SparkGroupLayout.Manifest.read(dir);
    if (m == null) {
      throw new Launcher.Failure("nothing to undo: " + dir + " holds no " + SparkGroupLayout.MANIFEST
          + " (the plugin was not installed there with --spark-group)", 2);
    }
    Path setting = dir.resolve(SparkGroupLayout.SETTING);
    Path backup = dir.resolve(SparkGroupLayout.BACKUP);
    String now = Files.exists(setting) ? Files.readString(setting, StandardCharsets.UTF_8) : null;
    boolean asInstalled = now != null && SparkGroupLayout.sha256(now).equals(m.sha256);
    if (asInstalled && m.header.equals(SparkGroupLayout.KEPT) && !Files.isRegularFile(backup)) {
      throw new Launcher.Failure(backup + " is missing, so " + setting + " cannot be put back as it was: nothing changed", 2);
    }
    // the setting first: once it no longer names the plugin's classes, the jars can go
    String was;
    if (now != null && !SparkGroupLayout.hasPlugins(now)) {
      // an install that failed before writing it, or a new Zeppelin's: not the plugin's to change
      Files.deleteIfExists(backup);
      was = " left as it is (it names none of the plugin's classes)";
    } else if (!asInstalled) {
      if (now != null) {
        SparkGroupLayout.replace(setting, out -> Files.writeString(out, SparkGroupLayout.withoutPlugins(now), StandardCharsets.UTF_8));
      }
      Files.deleteIfExists(backup);
      was = " changed since the install: only the plugin's entries taken out";
    } else if (m.header.equals(SparkGroupLayout.ABSENT)) {
      Files.delete(setting);
      was = " removed (the Spark interpreter's jar holds its own)";
    } else {
      Files.move(backup, setting, StandardCopyOption.REPLACE_EXISTING);
      was = " restored as it was";
    }
    int removed = 0;
    for (String jar : m.jars) {
      removed += Files.deleteIfExists(dir.resolve(jar)) ? 1 : 0;
    }
    Files.delete(dir.resolve(SparkGroupLayout.MANIFEST));
    say(removed + " jars removed from " + dir + ", " + SparkGroupLayout.SETTING + was + "; the notes, "
        + "conf/medinsight.properties and conf/shiro.ini.medinsight are kept");
  }

  /** The access policy (when there is none yet) and the Shiro template. */
  private void deployment(Path zhome) throws IOException {
    Path policy = zhome.resolve("conf/medinsight.properties");
    if (!Files.exists(policy)) {
      Files.writeString(policy, ZeppelinHome.policy("written by bin/medinsight install; paths relative to the Zeppelin home, "
          + "see the README's Security section", "medinsight/data", "medinsight/exports", "medinsight/warehouse"), StandardCharsets.UTF_8);
      say("access policy written to " + policy + " (data, export and warehouse folders; roles)");
    } else {
      say("access policy " + policy + " kept as it is");
    }
    Path template = zhome.resolve("conf/shiro.ini.medinsight");
    Files.writeString(template, ZeppelinHome.shiroTemplate(), StandardCharsets.UTF_8);
    say("Shiro template written to " + template + (Files.exists(zhome.resolve("conf/shiro.ini"))
        ? " (your conf/shiro.ini is unchanged)" : " (copy it to conf/shiro.ini and set the passwords)"));
  }
}
