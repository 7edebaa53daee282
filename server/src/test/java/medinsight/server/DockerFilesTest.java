package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Docker engine runs here, so this checks what can be checked: every file the Dockerfile copies
 * exists after the build, and the image versions agree with the pom.
 */
class DockerFilesTest {
  static String read(Path p) throws Exception {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static String pomProperty(String name) throws Exception {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(read(NoteBundleTest.root().resolve("pom.xml")));
    assertTrue(m.find(), name);
    return m.group(1).trim();
  }

  @Test
  void everyCopiedFileExists() throws Exception {
    Path root = NoteBundleTest.root();
    String dockerfile = read(root.resolve("docker/Dockerfile"));
    Matcher m = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$").matcher(dockerfile);
    List<String> sources = new ArrayList<>();
    while (m.find()) {
      sources.add(m.group(1));
    }
    assertTrue(sources.size() >= 4, "COPY lines: " + sources);
    for (String s : sources) {
      Path p = root.resolve(s);
      assertTrue(Files.exists(p), "the Dockerfile copies " + s + ", which the build did not make");
      if (Files.isDirectory(p)) {
        try (var l = Files.list(p)) {
          assertTrue(l.findAny().isPresent(), s + " is empty");
        }
      }
    }
    assertTrue(Files.exists(root.resolve("interpreter/target/drugs/medinsight-interpreter.jar")));
    assertTrue(Files.exists(root.resolve("interpreter/target/drugs/interpreter-setting.json")));
  }

  @Test
  void versionsAgreeWithThePom() throws Exception {
    Path root = NoteBundleTest.root();
    String dockerfile = read(root.resolve("docker/Dockerfile"));
    String compose = read(root.resolve("docker/compose.yml"));
    assertTrue(dockerfile.contains("ARG ZEPPELIN_VERSION=" + pomProperty("zeppelin.docker.version")), "Zeppelin image version");
    assertTrue(compose.contains("apache/spark:" + pomProperty("spark.version")), "Spark image version");
    Matcher h = Pattern.compile("apache/hadoop:(3\\.\\d+)").matcher(compose);
    assertTrue(h.find(), "Hadoop image");
    assertEquals(pomProperty("hadoop.version").substring(0, 3), h.group(1), "Hadoop major.minor");
  }

  @Test
  void shiroTemplateIsTheLaunchersTemplate() throws Exception {
    assertEquals(ZeppelinHome.shiroTemplate(), read(NoteBundleTest.root().resolve("docker/shiro.ini.template")),
        "regenerate docker/shiro.ini.template from ZeppelinHome.shiroTemplate()");
  }

  @Test
  void theLaunchersJavaFlagsAreThePoms() throws Exception {
    assertEquals(pomProperty("spark.jvm.opens"), Launcher.OPENS, "Launcher.OPENS and spark.jvm.opens in pom.xml differ");
  }

  /**
   * The access policy has one template: the image's entrypoint fills it in (its own lines, run by
   * bash here) to the same keys and roles as up and install.
   */
  @Test
  void theEntrypointUpAndInstallFillInTheOnePolicyTemplate(@TempDir Path conf) throws Exception {
    Path root = NoteBundleTest.root();
    Files.copy(root.resolve("server/src/main/templates/medinsight/server/access-policy.properties"),
        conf.resolve("medinsight.properties.template"));
    Matcher m = Pattern.compile("(?s)\nsed -e \"s\\|\\{\\{WRITTEN_BY.*?> \"\\$conf/medinsight.properties\"\n")
        .matcher(read(root.resolve("docker/medinsight-entrypoint.sh")));
    assertTrue(m.find(), "the entrypoint fills in the policy template");
    Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; conf=\"$1\"" + m.group(), "entrypoint", conf.toString())
        .redirectErrorStream(true).start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    Properties image = properties(read(conf.resolve("medinsight.properties")));
    Properties up = properties(new ZeppelinHome(root, conf.resolve("work")).policy());
    assertEquals(up.keySet(), image.keySet());
    assertEquals("/data", image.getProperty("drugs.data.dirs"));
    for (String k : new String[] {"drugs.roles.query", "drugs.roles.load", "drugs.roles.export"}) {
      assertEquals(up.getProperty(k), image.getProperty(k), k);
    }
    assertFalse(read(conf.resolve("medinsight.properties")).contains("{{"), "a placeholder left");
  }

  static Properties properties(String text) throws Exception {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  /** An interpreter whose heap is exhausted ends, rather than run on with a driver in an unknown state. */
  @Test
  void interpretersEndOnOutOfMemory(@TempDir Path work) throws Exception {
    String flag = "-XX:+ExitOnOutOfMemoryError";
    Matcher m = Pattern.compile("ENV ZEPPELIN_INTP_MEM=\"([^\"]*)\"").matcher(read(NoteBundleTest.root().resolve("docker/Dockerfile")));
    assertTrue(m.find() && m.group(1).contains(flag), "the image's interpreter options");
    String script = new ZeppelinHome(NoteBundleTest.root(), work).interpreterScript();
    assertTrue(script.contains(" " + flag + " "), "up's interpreter command line");
  }
}
