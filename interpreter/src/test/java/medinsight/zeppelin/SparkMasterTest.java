package medinsight.zeppelin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import medinsight.access.AccessPolicy;
import org.apache.zeppelin.interpreter.InterpreterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark masters the plugin starts with: local and standalone; any other is refused in one line. */
class SparkMasterTest {
  static Properties master(String m) {
    Properties p = new Properties();
    p.setProperty("spark.master", m);
    return p;
  }

  @Test
  void localAndStandaloneAreTheMastersSupported() {
    for (String m : new String[] {"local", "local[2]", "local[*]", "spark://master:7077"}) {
      assertEquals(m, DrugsEngine.sparkConf(master(m)).get("spark.master"));
    }
  }

  @Test
  void yarnIsRefusedWithOneLineNamingWhatIsSupported() {
    for (String m : new String[] {"yarn", "k8s://https://host:443", "mesos://host:5050"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrugsEngine.sparkConf(master(m)));
      assertTrue(e.getMessage().contains("“" + m + "”") && e.getMessage().contains("local[*]")
          && e.getMessage().contains("spark://"), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
    // the interpreter does not start, and says why, before any Spark session exists
    Properties p = master("yarn");
    DrugsInterpreter intp = new DrugsInterpreter(p, AccessPolicy.embedded(p));
    InterpreterException e = assertThrows(InterpreterException.class, intp::open);
    assertTrue(e.getMessage().startsWith("配置错误：spark.master 不支持“yarn”"), e.getMessage());
  }

  @Test
  void yarnFromTheDeploymentsFileIsRefusedToo(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf").resolve(AccessPolicy.FILE), "drugs.warehouse = none\nspark.master = yarn\n");
    AccessPolicy policy = AccessPolicy.deployment(home);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrugsEngine.sparkConf(new Properties(), policy));
    assertTrue(e.getMessage().contains("“yarn”"), e.getMessage());
  }
}
