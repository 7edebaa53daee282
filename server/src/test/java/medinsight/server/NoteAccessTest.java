package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may read a note by its permissions, as Zeppelin 0.10 decides it. */
class NoteAccessTest {
  static final Set<String> VIEWER = Set.of(ZeppelinHome.VIEWER);

  static JsonObject p(String readers, String writers, String runners, String owners) {
    return JsonParser.parseString("{\"readers\":[" + readers + "],\"writers\":[" + writers + "],\"runners\":[" + runners
        + "],\"owners\":[" + owners + "]}").getAsJsonObject();
  }

  @Test
  void theBundledPermissionsLetTheViewerRead() {
    assertTrue(NoteAccess.mayRead(p("\"admin\",\"analyst\",\"viewer\"", "\"admin\",\"analyst\"", "\"admin\",\"analyst\"", "\"admin\""),
        VIEWER));
  }

  @Test
  void aNoteKeptToTheAdminIsNotReadByTheViewer() {
    assertFalse(NoteAccess.mayRead(p("\"admin\"", "\"admin\"", "\"admin\"", "\"admin\""), VIEWER));
    assertFalse(NoteAccess.mayRead(p("\"admin\",\"analyst\"", "\"analyst\"", "\"analyst\"", "\"admin\""), VIEWER));
  }

  @Test
  void anyEmptyListOpensTheNoteToEveryone() {
    assertTrue(NoteAccess.mayRead(p("", "", "", ""), VIEWER));
    assertTrue(NoteAccess.mayRead(p("\"admin\"", "\"admin\"", "", "\"admin\""), VIEWER), "empty runners");
    assertTrue(NoteAccess.mayRead(p("\"admin\"", "", "\"admin\"", "\"admin\""), VIEWER), "empty writers");
    assertTrue(NoteAccess.mayRead(p("\"admin\"", "\"admin\"", "\"admin\"", ""), VIEWER), "empty owners");
    assertTrue(NoteAccess.mayRead(p("", "\"admin\"", "\"admin\"", "\"admin\""), VIEWER), "empty readers");
  }

  @Test
  void writersRunnersAndOwnersReadToo() {
    assertTrue(NoteAccess.mayRead(p("\"admin\"", "\"viewer\"", "\"admin\"", "\"admin\""), VIEWER));
    assertTrue(NoteAccess.mayRead(p("\"admin\"", "\"admin\"", "\"viewer\"", "\"admin\""), VIEWER));
    assertTrue(NoteAccess.mayRead(p("\"admin\"", "\"admin\"", "\"admin\"", "\"viewer\""), VIEWER));
  }

  @Test
  void noPermissionsAtAllIsAllListsEmpty() {
    assertTrue(NoteAccess.none(p("", "", "", "")));
    assertTrue(NoteAccess.none(JsonParser.parseString("{}").getAsJsonObject()));
    assertTrue(NoteAccess.none(p("\" \"", "", "", "")), "Zeppelin drops blank names");
    assertFalse(NoteAccess.none(p("", "", "", "\"admin\"")));
  }
}
