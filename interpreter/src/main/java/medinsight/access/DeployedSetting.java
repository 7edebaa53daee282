package medinsight.access;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreter setting's properties as the deployment saved them ({@code conf/interpreter.json}
 * of the Zeppelin home the plugin lies in), not as the interpreter process received them. Zeppelin
 * lets whoever may use an interpreter change its group's properties with a {@code %drugs.conf}
 * paragraph before the process starts; the first user after a restart would thereby set the one
 * engine every user shares (its result limit, language, cache, Spark master). Those changes live
 * only in the server's memory and are never saved, so the saved setting is the deployment's.
 */
public final class DeployedSetting {
  private static final Logger LOG = LoggerFactory.getLogger(DeployedSetting.class);

  private DeployedSetting() {
  }

  /**
   * The saved properties of the setting that runs the interpreter group {@code groupId} (its id is
   * the setting's name, a dash and the session), or {@code given} where there is no Zeppelin home,
   * no saved file or no such setting. Logs each property given that the deployment did not set so.
   */
  public static Properties of(Properties given, String groupId) {
    Path home = AccessPolicy.zeppelinHome();
    if (home == null || groupId == null) {
      return given;
    }
    return of(home.resolve("conf").resolve("interpreter.json"), given, groupId);
  }

  static Properties of(Path file, Properties given, String groupId) {
    if (!Files.isRegularFile(file)) {
      LOG.warn("no {}: the interpreter's properties are taken as Zeppelin passed them", file);
      return given;
    }
    JsonObject settings;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      settings = JsonParser.parseReader(r).getAsJsonObject().getAsJsonObject("interpreterSettings");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("无法读取解释器设置 " + file + "：" + e.getMessage(), e);
    }
    JsonObject setting = null;
    for (Map.Entry<String, JsonElement> e : settings.entrySet()) {
      JsonObject s = e.getValue().getAsJsonObject();
      String name = s.has("name") ? s.get("name").getAsString() : e.getKey();
      if (groupId.equals(name) || groupId.startsWith(name + "-")) {
        if (setting == null || name.length() > setting.get("name").getAsString().length()) {
          setting = s;
        }
      }
    }
    if (setting == null || !setting.has("properties") || !setting.get("properties").isJsonObject()) {
      LOG.warn("no setting for interpreter group {} in {}: the interpreter's properties are taken as Zeppelin passed them", groupId, file);
      return given;
    }
    Properties saved = new Properties();
    for (Map.Entry<String, JsonElement> e : setting.getAsJsonObject("properties").entrySet()) {
      JsonElement v = e.getValue();
      if (v.isJsonObject() && v.getAsJsonObject().has("value") && !v.getAsJsonObject().get("value").isJsonNull()) {
        saved.setProperty(e.getKey(), v.getAsJsonObject().get("value").getAsString());
      } else if (v.isJsonPrimitive()) {
        saved.setProperty(e.getKey(), v.getAsString());
      }
    }
    TreeSet<String> ignored = new TreeSet<>();
    for (String k : given.stringPropertyNames()) {
      if ((k.startsWith("drugs.") || k.startsWith("spark.")) && !given.getProperty(k).equals(saved.getProperty(k))) {
        ignored.add(k);
      }
    }
    if (!ignored.isEmpty()) {
      LOG.warn("interpreter properties not as the deployment saved them (a %drugs.conf paragraph?), ignored: {}", ignored);
    }
    return saved;
  }
}
