package medinsight.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's properties are the saved setting's, whatever a %drugs.conf paragraph gave the process. */
class DeployedSettingTest {
  @TempDir
  Path dir;

  @Test
  void theSavedSettingOfTheGroupWinsOverWhatTheProcessWasGiven() throws Exception {
    Path f = dir.resolve("interpreter.json");
    Files.writeString(f, "{\"interpreterSettings\":{"
        + "\"md\":{\"name\":\"md\",\"group\":\"md\",\"properties\":{\"drugs.maxResult\":{\"name\":\"drugs.maxResult\",\"value\":\"7\"}}},"
        + "\"drugs\":{\"name\":\"drugs\",\"group\":\"drugs\",\"properties\":{"
        + "\"drugs.maxResult\":{\"name\":\"drugs.maxResult\",\"value\":\"1000\",\"type\":\"number\"},"
        + "\"spark.master\":{\"name\":\"spark.master\",\"value\":\"local[*]\",\"type\":\"string\"}}}}}", StandardCharsets.UTF_8);
    Properties given = new Properties();
    given.setProperty("drugs.maxResult", "2");
    given.setProperty("drugs.language", "en");
    given.setProperty("spark.master", "spark://127.0.0.1:1");
    Properties p = DeployedSetting.of(f, given, "drugs-shared_process");
    assertEquals("1000", p.getProperty("drugs.maxResult"));
    assertEquals("local[*]", p.getProperty("spark.master"));
    assertNull(p.getProperty("drugs.language"), "a property the deployment did not set is not set");
    // no such file or no such setting: what the process was given (the embedded uses)
    assertSame(given, DeployedSetting.of(dir.resolve("none.json"), given, "drugs-shared_process"));
    assertSame(given, DeployedSetting.of(f, given, "other-shared_process"));
  }
}
