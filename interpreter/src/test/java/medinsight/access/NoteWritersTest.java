package medinsight.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command beyond a query runs only in a note that nobody without its right can write (the server's saved permissions). */
class NoteWritersTest {
  @TempDir
  Path home;

  private AccessPolicy deployment(String auth) throws Exception {
    Files.createDirectories(home.resolve("conf"));
    if (auth != null) {
      Files.writeString(home.resolve("conf/" + NoteWriters.FILE), auth, StandardCharsets.UTF_8);
    }
    return AccessPolicy.deployment(home);
  }

  private static final String AUTH = "{\"authInfo\": {"
      + "\"ADMINONLY\": {\"owners\": [\"admin\"], \"writers\": [\"admin\"], \"readers\": [], \"runners\": []},"
      + "\"SHARED\": {\"owners\": [\"admin\"], \"writers\": [\"admin\", \"analyst\"], \"readers\": [\"viewer\"], \"runners\": [\"dashboards\"]},"
      + "\"PUBLIC\": {\"owners\": [\"admin\"], \"writers\": [], \"readers\": [], \"runners\": []},"
      + "\"NOOWNER\": {\"owners\": [], \"writers\": [\"admin\"], \"readers\": [], \"runners\": []}}}";

  @Test
  void aLoadRunsWhereOnlyThoseWhoMayLoadCanWrite() throws Exception {
    AccessPolicy p = deployment(AUTH);
    assertDoesNotThrow(() -> p.requireWriters(AccessPolicy.Action.LOAD, "ADMINONLY"));
    AccessDenied shared = assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, "SHARED"));
    assertTrue(shared.getMessage().contains("analyst 也能编辑此笔记") && shared.getMessage().contains("加载数据"), shared.getMessage());
    assertTrue(!shared.getMessage().contains("\n"), "one line");
    // an empty list lets everyone, in Zeppelin's rule
    for (String everyone : new String[] {"PUBLIC", "NOOWNER", "NOT-IN-THE-FILE"}) {
      AccessDenied e = assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, everyone), everyone);
      assertTrue(e.getMessage().contains("每个登录用户都能编辑此笔记"), e.getMessage());
    }
    assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, null));
  }

  @Test
  void anExportRunsWhereEveryWriterMayExportAndAQueryAnywhere() throws Exception {
    AccessPolicy p = deployment(AUTH);
    assertDoesNotThrow(() -> p.requireWriters(AccessPolicy.Action.EXPORT, "SHARED"));
    assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.EXPORT, "PUBLIC"));
    assertDoesNotThrow(() -> p.requireWriters(AccessPolicy.Action.QUERY, "PUBLIC"));
  }

  @Test
  void withoutSavedPermissionsEveryoneCanWrite() throws Exception {
    AccessPolicy p = deployment(null);
    assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, "ADMINONLY"));
  }

  @Test
  void theDefaultOwnerWritesEveryNote() throws Exception {
    AccessPolicy p = deployment(AUTH);
    Files.writeString(home.resolve("conf/zeppelin-site.xml"), "<configuration><property><name>zeppelin.notebook.default.owner.username</name>"
        + "<value>ops</value></property></configuration>");
    AccessDenied e = assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, "ADMINONLY"));
    assertTrue(e.getMessage().contains("ops 也能编辑此笔记"), e.getMessage());
  }

  @Test
  void aSiteFileWithADoctypeOrAPermissionFileElsewhereIsNotGuessedAt() throws Exception {
    AccessPolicy p = deployment(AUTH);
    Files.writeString(home.resolve("conf/zeppelin-site.xml"), "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<configuration><property><name>zeppelin.notebook.default.owner.username</name><value>&x;</value></property></configuration>");
    assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, "ADMINONLY"));
    Files.writeString(home.resolve("conf/zeppelin-site.xml"), "<configuration><property><name>zeppelin.config.fs.dir</name>"
        + "<value>hdfs://nn:8020/zeppelin/conf</value></property></configuration>");
    AccessDenied e = assertThrows(AccessDenied.class, () -> p.requireWriters(AccessPolicy.Action.LOAD, "ADMINONLY"));
    assertTrue(e.getMessage().contains("hdfs://nn:8020"), e.getMessage());
  }

  @Test
  void inProcessThereAreNoNotes() {
    assertDoesNotThrow(() -> AccessPolicy.embedded(new Properties()).requireWriters(AccessPolicy.Action.LOAD, null));
  }
}
