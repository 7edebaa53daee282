package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's behaviour that needs no running server. */
class LauncherTest {
  @TempDir
  Path tmp;

  private Launcher launcher(Path work, ByteArrayOutputStream out) {
    return new Launcher(new ZeppelinHome(NoteBundleTest.root(), work), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  /**
   * The interpreter processes' logging configuration that up writes rolls its file over at the
   * cap and keeps {@link ZeppelinHome#LOG_BACKUPS} old ones: run by log4j 2 itself (with a cap of
   * 20 KB in place of 50 MB), 1 MB of log leaves the current file and four old ones, none over the
   * cap; PDFBox's warnings are not written.
   */
  @Test
  void theInterpretersLogRollsOverAtItsCap(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("interpreter-drugs.log");
    String config = ZeppelinHome.LOG4J2_INTERPRETER.replace("${sys:medinsight.log.file}", log.toString())
        .replace(ZeppelinHome.LOG_SIZE, "20KB");
    assertTrue(config.contains("20KB") && config.contains(log.toString()), config);
    org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory factory =
        new org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory();
    org.apache.logging.log4j.core.LoggerContext ctx = new org.apache.logging.log4j.core.LoggerContext("log-cap-test");
    try {
      org.apache.logging.log4j.core.config.Configuration c = factory.getConfiguration(ctx,
          new org.apache.logging.log4j.core.config.ConfigurationSource(new java.io.ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8))));
      ctx.start(c);
      org.apache.logging.log4j.Logger ours = ctx.getLogger("medinsight.zeppelin.DrugsInterpreter");
      org.apache.logging.log4j.Logger pdfbox = ctx.getLogger("org.apache.pdfbox.contentstream.PDFStreamEngine");
      String line = "x".repeat(100);
      for (int i = 0; i < 10_000; i++) {
        ours.info(line);
        pdfbox.warn("operator l has too few operands");
      }
    } finally {
      ctx.stop();
    }
    assertRolledOver(dir, "too few operands");
  }

  /**
   * The server's logging configuration (log4j 1, as reload4j runs it in the server's process)
   * rolls its file over at the cap and keeps {@link ZeppelinHome#LOG_BACKUPS} old ones: configured
   * in a logger hierarchy of its own, with a cap of 20 KB in place of 50 MB, 1 MB of log leaves the
   * current file and four old ones, none over the cap; no login answer is written.
   */
  @Test
  void theServersLogRollsOverAtItsCap(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("zeppelin.log");
    String config = ZeppelinHome.LOG4J.replace("${zeppelin.log.file}", log.toString()).replace(ZeppelinHome.LOG_SIZE, "20KB");
    assertTrue(config.contains("20KB") && config.contains(log.toString()), config);
    java.util.Properties p = new java.util.Properties();
    p.load(new java.io.StringReader(config));
    org.apache.log4j.Hierarchy h = new org.apache.log4j.Hierarchy(new org.apache.log4j.spi.RootLogger(org.apache.log4j.Level.DEBUG));
    new org.apache.log4j.PropertyConfigurator().doConfigure(p, h);
    try {
      org.apache.log4j.Logger server = h.getLogger("org.apache.zeppelin.server.ZeppelinServer");
      org.apache.log4j.Logger login = h.getLogger("org.apache.zeppelin.rest.LoginRestApi");
      String line = "x".repeat(100);
      for (int i = 0; i < 10_000; i++) {
        server.info(line);
        login.info("{\"ticket\":\"secret-ticket\"}");
      }
    } finally {
      h.shutdown();
    }
    assertRolledOver(dir, "secret-ticket");
  }

  /** The current log and {@link ZeppelinHome#LOG_BACKUPS} old ones, none over the 20 KB cap, none holding {@code unwritten}. */
  private static void assertRolledOver(Path dir, String unwritten) throws Exception {
    java.util.List<Path> files;
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      files = s.sorted().collect(java.util.stream.Collectors.toList());
    }
    assertEquals(1 + ZeppelinHome.LOG_BACKUPS, files.size(), files.toString());
    for (Path f : files) {
      assertTrue(Files.size(f) <= 21 * 1024, f + ": " + Files.size(f));
      assertFalse(Files.readString(f).contains(unwritten), f + " holds " + unwritten);
    }
  }

  @Test
  void aTakenPortIsNamedAndNothingStarts() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Launcher l = launcher(tmp.resolve("work"), new ByteArrayOutputStream());
      Launcher.Failure f = assertThrows(Launcher.Failure.class, () -> l.up(s.getLocalPort(), false));
      assertTrue(f.getMessage().contains("port " + s.getLocalPort() + " on 127.0.0.1 is in use"), f.getMessage());
      assertTrue(f.getMessage().contains("--port"), f.getMessage());
      assertTrue(l.server().isEmpty());
    }
  }

  @Test
  void installIntoAnExistingZeppelinKeepsItsNotesAndShiroIni() throws Exception {
    Path z = tmp.resolve("zeppelin-0.12.1");
    Files.createDirectories(z.resolve("interpreter/spark"));
    Files.createDirectories(z.resolve("conf"));
    Files.createDirectories(z.resolve("notebook"));
    Files.writeString(z.resolve("conf/shiro.ini"), "[users]\nme = secret, admin\n");
    String mine = NoteBundle.notes().get(0).fileName();
    Files.writeString(z.resolve("notebook").resolve(mine), "{\"edited\": true}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    launcher(tmp.resolve("work"), out).install(z);
    assertTrue(Files.exists(z.resolve("interpreter/drugs/medinsight-interpreter.jar")));
    assertTrue(Files.exists(z.resolve("interpreter/drugs/interpreter-setting.json")));
    for (NoteBundle.Note n : NoteBundle.notes()) {
      assertTrue(Files.exists(z.resolve("notebook").resolve(n.fileName())), n.fileName());
    }
    assertEquals("{\"edited\": true}", Files.readString(z.resolve("notebook").resolve(mine)), "an existing note is kept");
    assertEquals("[users]\nme = secret, admin\n", Files.readString(z.resolve("conf/shiro.ini")));
    assertEquals(ZeppelinHome.shiroTemplate(), Files.readString(z.resolve("conf/shiro.ini.medinsight")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("kept existing: " + mine));
  }

  @Test
  void installOfNotesInAnotherLanguageKeepsOneNoteAnId() throws Exception {
    Path z = tmp.resolve("zeppelin");
    Files.createDirectories(z.resolve("interpreter"));
    Files.createDirectories(z.resolve("conf"));
    Path english = Files.createDirectories(tmp.resolve("notes-en"));
    NoteBundle.Note overview = NoteBundle.notes().get(0);
    Files.writeString(english.resolve("Overview_" + overview.id + ".zpln"), "{\"english\": true}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    launcher(tmp.resolve("work"), out).install(z, english);
    assertEquals("{\"english\": true}", Files.readString(z.resolve("notebook/Overview_" + overview.id + ".zpln")));
    // the bundle's notes afterwards: the overview's id is there already, under its English name
    launcher(tmp.resolve("work"), out).install(z);
    assertFalse(Files.exists(z.resolve("notebook").resolve(overview.fileName())), "two notes with one id");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("kept existing: Overview_" + overview.id + ".zpln"));
    for (NoteBundle.Note n : NoteBundle.notes().subList(1, NoteBundle.notes().size())) {
      assertTrue(Files.exists(z.resolve("notebook").resolve(n.fileName())), n.fileName());
    }
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Launcher.Failure f = assertThrows(Launcher.Failure.class, () -> launcher(tmp.resolve("work"), out).install(z, empty));
    assertTrue(f.getMessage().contains("holds no .zpln note"), f.getMessage());
  }

  @Test
  void installRefusesAFolderThatIsNotZeppelin() {
    Launcher l = launcher(tmp.resolve("work"), new ByteArrayOutputStream());
    Launcher.Failure f = assertThrows(Launcher.Failure.class, () -> l.install(tmp));
    assertTrue(f.getMessage().contains("does not look like a Zeppelin home"), f.getMessage());
  }

  @Test
  void downWhenNothingRunsSaysSo() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    launcher(tmp.resolve("work"), out).down();
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("not running"));
    assertFalse(Files.exists(tmp.resolve("work/zeppelin/run/zeppelin.pid")));
  }
}
