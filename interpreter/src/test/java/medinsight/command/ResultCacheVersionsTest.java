package medinsight.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Each command line reads one version of the tables; a long command that started before a load
 * finishes on the older version. Its lookup and its result must not empty the cache of the
 * newer version, nor be kept under it.
 */
class ResultCacheVersionsTest {
  @Test
  void aCommandOnAnOlderVersionNeitherSeesNorClearsTheNewerResults() {
    ResultCache cache = new ResultCache(8);
    Invocation kpi = CommandParser.parse("kpi");
    Invocation levels = CommandParser.parse("levels");
    CommandOutput newer = CommandOutput.message("version 2");
    cache.put(2, kpi, newer);
    assertNull(cache.get(1, kpi), "a result of version 2 is not an answer for version 1");
    cache.put(1, levels, CommandOutput.message("version 1"));
    assertSame(newer, cache.get(2, kpi), "version 2's results survive a command on version 1");
    assertNull(cache.get(2, levels), "version 1's result is not kept");
    assertEquals(1, cache.size());
    cache.put(3, levels, CommandOutput.message("version 3"));
    assertNull(cache.get(3, kpi), "a newer version starts afresh");
    assertEquals(1, cache.size());
  }
}
