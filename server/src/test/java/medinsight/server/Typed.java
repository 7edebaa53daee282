package medinsight.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command line typed as a user types it: {@code bash -c LINE} in a folder, started from the
 * built tree with the machine's environment (plus what the line's user would have set), so it
 * runs on the classpaths the build wrote for {@code bin/medinsight}, never on this JVM's. Its
 * output (standard output and error, in order) is kept in {@code server/target/typed/}.
 */
final class Typed {
  static final Path ROOT = Paths.get(System.getProperty("medinsight.root", "..")).toAbsolutePath().normalize();
  /** Only a hung command reaches this: every command here ends by itself. */
  static final long HANG_MINUTES = 20;
  private static int count;

  /** What a command printed and how it ended. */
  static final class Result {
    final String line;
    final int code;
    final String out;

    Result(String line, int code, String out) {
      this.line = line;
      this.code = code;
      this.out = out;
    }

    @Override
    public String toString() {
      return "$ " + line + "\n(exit " + code + ")\n" + out;
    }
  }

  private Typed() {}

  static Result run(String line) throws IOException, InterruptedException {
    return run(ROOT, Map.of(), line);
  }

  /** Runs {@code line} in {@code dir} with standard input from /dev/null (no terminal). */
  static Result run(Path dir, Map<String, String> env, String line) throws IOException, InterruptedException {
    return start(dir, env, List.of("bash", "-c", line), line);
  }

  /** Runs {@code line} on a terminal of its own (util-linux {@code script}), as typed at a prompt. */
  static Result onTerminal(Path dir, String line) throws IOException, InterruptedException {
    return start(dir, Map.of(), List.of("script", "-qec", line, "/dev/null"), line);
  }

  private static synchronized Path log(String line) throws IOException {
    Path dir = ROOT.resolve("server/target/typed");
    if (count == 0 && Files.isDirectory(dir)) {
      try (var old = Files.list(dir)) {
        for (Path f : (Iterable<Path>) old::iterator) {
          Files.delete(f);
        }
      }
    }
    Files.createDirectories(dir);
    String name = line.replaceAll("[^A-Za-z0-9]+", "-");
    return dir.resolve(String.format("%03d-%s.log", ++count, name.length() > 60 ? name.substring(0, 60) : name));
  }

  private static Result start(Path dir, Map<String, String> env, List<String> cmd, String line)
      throws IOException, InterruptedException {
    Path log = log(line);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(log.toFile());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    if (!p.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("$ " + line + " did not end; its output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Result(line, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
