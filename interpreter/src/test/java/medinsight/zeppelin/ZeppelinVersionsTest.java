package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of Zeppelin versions is what pom.xml pins and what these tests run on. */
class ZeppelinVersionsTest {
  static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(m.find(), name);
    return m.group(1).trim();
  }

  @Test
  void theReadmeSaysWhatIsCompiledTestedAndDeployed() throws Exception {
    String pom = Files.readString(Paths.get("..", "pom.xml"), StandardCharsets.UTF_8);
    String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
    String api = property(pom, "zeppelin.version");
    // the interpreter runtime of the in-process tests is the one the plugin compiles against
    assertEquals(api, org.apache.zeppelin.util.Util.getVersion());
    for (String row : new String[] {
        "| compiled against | `zeppelin-interpreter` " + api + ", ",
        "| in-process tests | `zeppelin-interpreter` " + api + " on the test classpath |",
        "| end-to-end tests | `zeppelin-server` " + property(pom, "zeppelin.server.version")
            + "; interpreter processes on `zeppelin-interpreter-shaded` " + property(pom, "zeppelin.shaded.version") + " |",
        "| deployed | the `apache/zeppelin:" + property(pom, "zeppelin.docker.version") + "` image"}) {
      assertTrue(readme.contains(row), "README's Zeppelin versions lack: " + row);
    }
  }
}
