package medinsight.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import medinsight.analysis.ResultTable;

/**
 * The one lookup of the plugin's Chinese (default) and English texts, by key: column headers (the
 * column key), the SVG charts' captions, legends and tooltips ({@code chart.*}), the notices under
 * a table ({@code table.*}), export's names ({@code export.*}) and the dashboard notes' names,
 * titles and texts ({@code note.*}), and a published page's own text where its note's speaks of
 * Zeppelin's UI ({@code page.*}), read from one resource file per language
 * ({@code medinsight/render/labels_zh.properties}, {@code labels_en…}).
 */
public final class Labels {
  public enum Lang { ZH, EN;
    public static Lang parse(String s) {
      if (s == null || s.isBlank()) {
        return ZH;
      }
      String v = s.trim().toLowerCase(Locale.ROOT);
      if (v.startsWith("en")) {
        return EN;
      }
      if (v.startsWith("zh") || v.equals("cn") || v.equals("中文")) {
        return ZH;
      }
      throw new IllegalArgumentException("drugs.language 应为 zh 或 en，而不是“" + s + "”");
    }
  }

  /** The texts of each language, read once from {@code labels_zh.properties} and {@code labels_en.properties}. */
  private static final Map<Lang, Map<String, String>> TEXTS = new EnumMap<>(Lang.class);

  static {
    for (Lang lang : Lang.values()) {
      TEXTS.put(lang, read(lang));
    }
  }

  /** The resource that holds a language's texts. */
  static String resource(Lang lang) {
    return "medinsight/render/labels_" + lang.name().toLowerCase(Locale.ROOT) + ".properties";
  }

  static Map<String, String> read(Lang lang) {
    try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(resource(lang))) {
      if (in == null) {
        throw new IllegalStateException(resource(lang) + " is not in the plugin: rebuild it");
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> out = new HashMap<>();
      for (String k : p.stringPropertyNames()) {
        out.put(k, p.getProperty(k));
      }
      return Collections.unmodifiableMap(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Labels() {}

  /** The header of a column key; the key itself when it has none (checked against every registry example by a test). */
  public static String of(String key, Lang lang) {
    String v = find(key, lang);
    return v == null ? key : v;
  }

  /** The header of a column key in one language, or null when there is none (no fallback). */
  public static String find(String key, Lang lang) {
    return TEXTS.get(lang).get(key);
  }

  /**
   * The column keys of a result that have no header in one of the languages, as {@code key (EN)};
   * none for a table that shows its keys as they are (a query's columns).
   */
  public static List<String> missing(ResultTable t) {
    List<String> out = new ArrayList<>();
    if (t.hasRawHeaders()) {
      return out;
    }
    for (ResultTable.Column c : t.columns()) {
      for (Lang lang : Lang.values()) {
        String label = find(c.key, lang);
        if (label == null || label.isBlank()) {
          out.add(c.key + " (" + lang + ")");
        }
      }
    }
    return out;
  }

  public static boolean has(String key) {
    return find(key, Lang.ZH) != null;
  }

  /**
   * A text that is not a column header ({@code chart.*}, {@code table.*}, {@code export.*},
   * {@code note.*}) in one language, with {@code {0}}, {@code {1}} … replaced by the arguments. A
   * key with no text is a programming error: it throws.
   */
  public static String text(String key, Lang lang, Object... args) {
    String v = find(key, lang);
    if (v == null) {
      throw new IllegalStateException("no " + lang + " text '" + key + "' in " + resource(lang));
    }
    for (int i = 0; i < args.length; i++) {
      v = v.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return v;
  }

  /** Every key of a language's texts, for the test that both languages have the same ones. */
  public static Set<String> keys(Lang lang) {
    return TEXTS.get(lang).keySet();
  }
}
