package medinsight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Peers are found by what a command line means (command, argument, options), not by its wording. No Spark. */
class PeerKeysTest {
  @Test
  void aCommandWrittenAnotherWayFindsItsPeer() {
    Map<String, Peers.Peer> peers = Peers.load();
    Peers.Peer generics = Peers.find(peers, "generics --top 20");
    assertNotNull(generics);
    assertEquals("generics --top 20", generics.command);
    // the default option spelled out, options in another order, another spelling of a number
    assertSame(generics, Peers.find(peers, "generics --by name --top 20"));
    assertSame(generics, Peers.find(peers, "generics --top=20 --by name"));
    assertSame(generics, Peers.find(peers, "generics"), "20 is --top's default");
    Peers.Peer positioning = Peers.find(peers, "manufacturers positioning --low 0.1 --high 0.3");
    assertNotNull(positioning);
    assertSame(positioning, Peers.find(peers, "manufacturers positioning --high 0.30 --top 20 --low 0.10"));
  }

  @Test
  void anotherMeaningHasNoPeer() {
    Map<String, Peers.Peer> peers = Peers.load();
    assertNull(Peers.find(peers, "generics --top 21"));
    assertNull(Peers.find(peers, "generics --by form --top 20"));
    assertNull(Peers.find(peers, "manufacturers positioning --low 0.1 --high 0.4"));
    assertNotEquals(Peers.key("forms --min 100"), Peers.key("forms --min 10"));
  }

  @Test
  void twoEntriesForOneCommandOrAnEntryThatIsNoCommandAreRefused() {
    String same = "-- command: generics --top 20\n-- n/a: one\n\n-- command: generics --by name\n-- n/a: two\n";
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> Peers.parse(same));
    assertTrue(twice.getMessage().contains("generics --by name"), twice.getMessage());
    IllegalStateException unknown = assertThrows(IllegalStateException.class,
        () -> Peers.parse("-- command: genrics --top 20\n-- n/a: typo\n"));
    assertTrue(unknown.getMessage().contains("genrics"), unknown.getMessage());
  }

  @Test
  void aRemovedEntryIsNamedAsMissing() {
    Map<String, Peers.Peer> peers = new LinkedHashMap<>(Peers.load());
    assertEquals(List.of(), Peers.missing(peers));
    peers.remove(Peers.key("manufacturers exclusive --by level"));
    assertEquals(List.of("manufacturers exclusive --by level"), Peers.missing(peers));
  }
}
