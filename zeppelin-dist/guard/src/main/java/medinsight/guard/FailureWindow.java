package medinsight.guard;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per key (a user name, an address) within a sliding window: a key with
 * {@code max} failures inside the window waits until the oldest leaves it. Keys without a failure
 * inside the window are forgotten, so the table holds at most what the window has seen.
 */
final class FailureWindow {
  private final int max;
  private final long window;
  private final LongSupplier clock;
  private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();
  private long lastSweep;

  /** {@code window} in the clock's unit (nanoseconds for {@link System#nanoTime}). */
  FailureWindow(int max, long window, LongSupplier clock) {
    if (max < 1 || window < 1) {
      throw new IllegalArgumentException("a failure window needs max ≥ 1 and a window > 0");
    }
    this.max = max;
    this.window = window;
    this.clock = clock;
    this.lastSweep = clock.getAsLong();
  }

  /** How long {@code key} must wait before its next try (0: it may try now). */
  synchronized long waitFor(String key) {
    long now = clock.getAsLong();
    ArrayDeque<Long> times = pruned(key, now);
    if (times == null || times.size() < max) {
      return 0;
    }
    return Math.max(1, times.peekFirst() + window - now);
  }

  synchronized void failed(String key) {
    long now = clock.getAsLong();
    ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    times.addLast(now);
    while (times.size() > max) {
      times.removeFirst();
    }
    if (now - lastSweep > window) {
      sweep(now);
    }
  }

  /** A successful login: the user's earlier failures are forgotten. */
  synchronized void succeeded(String key) {
    failures.remove(key);
  }

  synchronized int keys() {
    return failures.size();
  }

  private ArrayDeque<Long> pruned(String key, long now) {
    ArrayDeque<Long> times = failures.get(key);
    if (times == null) {
      return null;
    }
    while (!times.isEmpty() && now - times.peekFirst() >= window) {
      times.removeFirst();
    }
    if (times.isEmpty()) {
      failures.remove(key);
      return null;
    }
    return times;
  }

  private void sweep(long now) {
    lastSweep = now;
    for (Iterator<Map.Entry<String, ArrayDeque<Long>>> it = failures.entrySet().iterator(); it.hasNext(); ) {
      ArrayDeque<Long> times = it.next().getValue();
      while (!times.isEmpty() && now - times.peekFirst() >= window) {
        times.removeFirst();
      }
      if (times.isEmpty()) {
        it.remove();
      }
    }
  }
}
