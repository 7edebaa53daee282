package medinsight.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Results of commands, kept per data version: the analyses are deterministic for a version of the
 * data, so a dashboard viewed again, by anyone, is answered without recomputing. A load makes a
 * new version (and clears the cache); the number of results kept is bounded (least recently used
 * goes first).
 */
public final class ResultCache {
  private final int capacity;
  private long version = -1;
  private final LinkedHashMap<String, CommandOutput> entries;

  public ResultCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CommandOutput> eldest) {
        return size() > ResultCache.this.capacity;
      }
    };
  }

  /** What the registry marks cacheable ({@link CommandSpec#cacheable()}); commands that act (load, export) never are. */
  public static boolean cacheable(Invocation inv) {
    return inv.command.cacheable();
  }

  public synchronized CommandOutput get(long dataVersion, Invocation inv) {
    if (capacity <= 0 || !cacheable(inv) || dataVersion < version) {
      // a command still reading an older version neither sees nor clears the newer results
      return null;
    }
    if (dataVersion != version) {
      entries.clear();
      version = dataVersion;
      return null;
    }
    return entries.get(inv.key());
  }

  public synchronized void put(long dataVersion, Invocation inv, CommandOutput out) {
    if (capacity <= 0 || !cacheable(inv) || dataVersion < version) {
      return;
    }
    if (dataVersion != version) {
      entries.clear();
      version = dataVersion;
    }
    entries.put(inv.key(), out);
  }

  public synchronized int size() {
    return entries.size();
  }
}
