package medinsight.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's first command on a fresh clone, timed: {@code git clone} of this checkout into a
 * new folder, then {@code bin/medinsight up} there (its build included, with the Maven repository
 * as this machine has it) until "ready", then {@code down}. Usage: {@code UpTime [--runs N] [--check]};
 * writes {@code target/bench/up.md}.
 */
public final class UpTime {
  private UpTime() {}

  public static void main(String[] args) throws Exception {
    int runs = 1;
    boolean check = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--runs") && i + 1 < args.length) {
        runs = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--check")) {
        check = true;
      } else {
        System.err.println("bench --up: unknown option " + args[i] + " (usage: bench --up [--runs N] [--check])");
        System.exit(2);
      }
    }
    Path root = Paths.get(System.getProperty("medinsight.root", "..")).toAbsolutePath().normalize();
    if (check) {
      System.out.println("bench --up: " + runs + " run(s) of up on a fresh clone of " + root + " (--check: nothing was run)");
      return;
    }
    Path out = root.resolve("bench/target/bench");
    Files.createDirectories(out);
    StringBuilder md = new StringBuilder("# bin/medinsight up on a fresh clone\n\n")
        .append(ZonedDateTime.now().withNano(0)).append(", ").append(Machine.describe()).append("\n\n")
        .append("| run | clone → ready (s) | of which the build (s) | server up (s) | notes run (s) | paragraphs |\n|---:|---:|---:|---:|---:|---:|\n");
    for (int r = 1; r <= runs; r++) {
      Path dir = Files.createTempDirectory("medinsight-clone");
      try {
        run(root, List.of("git", "clone", "-q", "--no-hardlinks", root.toString(), dir.resolve("m").toString()), null);
        Path clone = dir.resolve("m");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
          port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        String up = run(clone, List.of("bin/medinsight", "up", "--port", String.valueOf(port)), dir.resolve("up.log"));
        double total = (System.nanoTime() - t0) / 1e9;
        run(clone, List.of("bin/medinsight", "down"), null);
        double serverUp = seconds(up, "Zeppelin is up \\(([0-9.]+) s\\)");
        double ready = seconds(up, "ready in ([0-9.]+) s");
        double notes = 0;
        int paragraphs = 0;
        Matcher m = Pattern.compile("ran .*: (\\d+)/\\d+ paragraphs finished \\(([0-9.]+) s\\)").matcher(up);
        while (m.find()) {
          paragraphs += Integer.parseInt(m.group(1));
          notes += Double.parseDouble(m.group(2));
        }
        md.append(String.format("| %d | %.1f | %.1f | %.1f | %.1f | %d |%n", r, total, total - ready, serverUp, notes, paragraphs));
        System.out.printf("run %d: %.1f s from the command to ready (build %.1f s, server %.1f s, %d paragraphs in %.1f s)%n",
            r, total, total - ready, serverUp, paragraphs, notes);
      } finally {
        run(root, List.of("rm", "-rf", dir.toString()), null);
      }
    }
    Files.writeString(out.resolve("up.md"), md.toString(), StandardCharsets.UTF_8);
    System.out.println("report: " + out.resolve("up.md"));
  }

  private static double seconds(String out, String regex) {
    Matcher m = Pattern.compile(regex).matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("up did not print /" + regex + "/:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /** Runs a command to its end; its output, or an exception naming it when it failed. */
  private static String run(Path dir, List<String> cmd, Path log) throws IOException, InterruptedException {
    Path f = log != null ? log : Files.createTempFile("medinsight-uptime", ".log");
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(f.toFile());
    pb.redirectErrorStream(true);
    int code = pb.start().waitFor();
    String text = Files.readString(f, StandardCharsets.UTF_8);
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + code + "):\n" + text);
    }
    return text;
  }
}
