package medinsight.server;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import medinsight.command.CommandSpec;
import medinsight.command.Commands;
import medinsight.command.OptionSpec;
import medinsight.engine.DrugTables;
import medinsight.render.Labels;

/**
 * The notebook page of the local server, {@code /notebook/}: written by {@code up} into the folder
 * Zeppelin serves at {@code /}. Its scripts, style and ECharts are files of that folder (the page's
 * policy loads nothing else and runs no inline script); {@code texts.json} holds its Chinese and
 * English texts from the plugin's text store and the words it highlights (the registry's commands
 * and options, the tables). Its renderer, {@link ResultServlet}, is a servlet of the web application:
 * its classes and jsoup go into {@code WEB-INF/lib}, where Zeppelin's web application finds them.
 */
final class NotebookPage {
  static final List<String> FILES = List.of("index.html", "notebook.js", "notebook.css");
  /** The classes the servlet needs (each with its nested classes). */
  static final List<Class<?>> SERVLET_CLASSES = List.of(ResultServlet.class, ChartOptions.class, HtmlSanitizer.class);

  private NotebookPage() {}

  /** Writes the page into {@code webapp/notebook} and its servlet's jars into {@code webapp/WEB-INF/lib}. */
  static void write(Path webapp) throws IOException {
    Path dir = webapp.resolve("notebook");
    Files.createDirectories(dir);
    for (String f : FILES) {
      try (InputStream in = NotebookPage.class.getResourceAsStream("notebook/" + f)) {
        if (in == null) {
          throw new IOException("notebook/" + f + " is missing from the build");
        }
        replace(dir.resolve(f), in.readAllBytes());
      }
    }
    replace(dir.resolve("echarts.min.js"), Publisher.echartsScript());
    replace(dir.resolve("texts.json"), texts().getBytes(StandardCharsets.UTF_8));
    writeServlet(webapp);
  }

  /**
   * The renderer's jars in {@code webapp/WEB-INF/lib}: every folder Zeppelin serves gets the same
   * {@code web.xml}, which names the servlet, and a web application whose servlet class is missing
   * does not start.
   */
  static void writeServlet(Path webapp) throws IOException {
    Path lib = webapp.resolve("WEB-INF/lib");
    Files.createDirectories(lib);
    replace(lib.resolve("medinsight-notebook.jar"), servletJar());
    Path jsoup = codeSource(org.jsoup.Jsoup.class);
    if (!Files.isRegularFile(jsoup)) {
      throw new IOException("jsoup is not a jar on this classpath: " + jsoup);
    }
    try (Stream<Path> s = Files.list(lib)) {
      for (Path old : (Iterable<Path>) s.filter(p -> p.getFileName().toString().startsWith("jsoup-"))::iterator) {
        if (!old.getFileName().equals(jsoup.getFileName())) {
          Files.delete(old);
        }
      }
    }
    replace(lib.resolve(jsoup.getFileName().toString()), Files.readAllBytes(jsoup));
  }

  /** The page's texts in both languages and the words its editor highlights. */
  static String texts() {
    JsonObject texts = new JsonObject();
    for (Labels.Lang lang : Labels.Lang.values()) {
      JsonObject t = new JsonObject();
      for (String k : new TreeSet<>(Labels.keys(lang))) {
        if (k.startsWith("notebook.")) {
          t.addProperty(k, Labels.find(k, lang));
        }
      }
      texts.add(lang.name().toLowerCase(java.util.Locale.ROOT), t);
    }
    TreeSet<String> commands = new TreeSet<>(Commands.firstWords());
    TreeSet<String> options = new TreeSet<>();
    for (CommandSpec c : Commands.all().values()) {
      for (String w : c.name.split(" ")) {
        commands.add(w);
      }
      for (OptionSpec o : c.options()) {
        options.add("--" + o.name);
      }
    }
    JsonObject vocabulary = new JsonObject();
    vocabulary.add("commands", array(commands));
    vocabulary.add("options", array(options));
    vocabulary.add("tables", array(DrugTables.ORDER));
    JsonObject o = new JsonObject();
    o.add("texts", texts);
    o.add("vocabulary", vocabulary);
    return new Gson().toJson(o);
  }

  private static JsonArray array(Iterable<String> words) {
    JsonArray a = new JsonArray();
    words.forEach(a::add);
    return a;
  }

  /** A jar of the servlet's classes, read from wherever this class was loaded (the build's folder or a jar). */
  static byte[] servletJar() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
      Path source = codeSource(NotebookPage.class);
      for (Class<?> c : SERVLET_CLASSES) {
        String prefix = c.getName().replace('.', '/');
        for (String entry : classFiles(source, prefix)) {
          JarEntry e = new JarEntry(entry);
          e.setTime(0); // the same bytes for the same classes
          jar.putNextEntry(e);
          try (InputStream in = NotebookPage.class.getClassLoader().getResourceAsStream(entry)) {
            in.transferTo(jar);
          }
          jar.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /** {@code prefix.class} and {@code prefix$*.class} in a folder of classes or a jar. */
  private static TreeSet<String> classFiles(Path source, String prefix) throws IOException {
    TreeSet<String> out = new TreeSet<>();
    if (Files.isDirectory(source)) {
      Path dir = source.resolve(prefix).getParent();
      String base = Paths.get(prefix).getFileName().toString();
      try (Stream<Path> s = Files.list(dir)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.equals(base + ".class") || n.startsWith(base + "$") && n.endsWith(".class"))
            .forEach(n -> out.add(prefix.substring(0, prefix.length() - base.length()) + n));
      }
    } else {
      try (JarFile jar = new JarFile(source.toFile())) {
        jar.stream().map(JarEntry::getName).filter(n -> n.equals(prefix + ".class") || n.startsWith(prefix + "$") && n.endsWith(".class"))
            .forEach(out::add);
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no class " + prefix + " in " + source);
    }
    return out;
  }

  private static Path codeSource(Class<?> c) throws IOException {
    try {
      return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IOException("cannot tell where " + c.getName() + " was loaded from", e);
    }
  }

  /** Writes a file beside its place and moves it in, so that the server never serves half of it; an equal file stays. */
  private static void replace(Path f, byte[] bytes) throws IOException {
    if (Files.exists(f) && java.util.Arrays.equals(Files.readAllBytes(f), bytes)) {
      return;
    }
    SparkGroupLayout.replace(f, out -> Files.write(out, bytes));
  }
}
