package medinsight.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file the launcher writes, kept as a resource of its own ({@code src/main/templates/}, not
 * filtered by Maven, so a script's {@code ${…}} stays as written) with {@code {{NAME}}} where a
 * value goes. Every placeholder must get a value and every value a placeholder, so a template and
 * its caller cannot drift apart unnoticed.
 */
final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
  private final String name;
  private final String text;
  private final Map<String, String> values = new LinkedHashMap<>();

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** The template {@code medinsight/server/NAME} on the classpath. */
  static Template of(String name) {
    try (InputStream in = Template.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing template medinsight/server/" + name + " (run: mvn -DskipTests package)");
      }
      return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Template with(String placeholder, String value) {
    values.put(placeholder, value);
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(text);
    Set<String> used = new HashSet<>();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException(name + ": no value for {{" + m.group(1) + "}}");
      }
      used.add(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    if (!used.containsAll(values.keySet())) {
      throw new IllegalStateException(name + ": no place for " + values.keySet().stream().filter(k -> !used.contains(k)).findFirst().orElse(""));
    }
    return out.toString();
  }
}
