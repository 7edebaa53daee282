package medinsight.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the figures were taken on: cores, memory, OS, Java, and the load average, since figures
 * from a machine that other work keeps busy are not those of a quiet one.
 */
final class Machine {
  private Machine() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    String cpu = firstValue(Paths.get("/proc/cpuinfo"), "model name");
    if (cpu != null) {
      m.put("cpu", cpu);
    }
    String mem = firstValue(Paths.get("/proc/meminfo"), "MemTotal");
    if (mem != null && mem.endsWith("kB")) {
      long kb = Long.parseLong(mem.replace("kB", "").trim());
      m.put("memory_gib", Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0);
    }
    String os = osRelease();
    m.put("os", (os != null ? os + ", " : "") + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    m.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    return m;
  }

  /** The 1-minute load average, or -1 where the OS does not tell. */
  static double loadAverage() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return Math.round(l * 100) / 100.0;
  }

  private static String firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
          return line.substring(colon + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the field is left out
    }
    return null;
  }

  private static String osRelease() {
    try {
      List<String> lines = Files.readAllLines(Paths.get("/etc/os-release"), StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return null;
  }
}
