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
