package medinsight.server;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The local server's processes: Zeppelin in a network namespace of its own with the socat bridge
 * that carries its web port out, started, waited for and stopped with everything it started.
 */
final class LocalServer {
  private final ZeppelinHome zh;
  private final Consumer<String> say;

  LocalServer(ZeppelinHome zh, Consumer<String> say) {
    this.zh = zh;
    this.say = say;
  }

  private void say(String s) {
    say.accept(s);
  }

  static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  private int port() throws IOException {
    return Integer.parseInt(Files.readString(zh.portFile()).trim());
  }

  static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public Optional<ProcessHandle> server() throws IOException {
    if (!Files.exists(zh.pidFile())) {
      return Optional.empty();
    }
    long pid = Long.parseLong(Files.readString(zh.pidFile()).trim());
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains("ZeppelinServer")).orElse(true));
  }

  /** True when this process runs as root (then no user namespace is needed for a network namespace). */
  static boolean root() {
    try {
      return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      return false;
    }
  }

  static void need(String program, String debianPackage) throws Launcher.Failure {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Paths.get(dir, program))) {
        return;
      }
    }
    throw new Launcher.Failure(program + " is needed to keep Zeppelin's ports off the network (Debian: apt-get install "
        + debianPackage + ")", 2);
  }

  /**
   * Starts the server in a network namespace of its own, where only loopback exists: Zeppelin's
   * Thrift servers (the server's interpreter-event port and every interpreter process's port)
   * listen on every interface of that namespace and have no authentication, so nothing outside
   * it can reach them. Only the web port is carried out, by socat over a unix socket, to
   * 127.0.0.1:PORT of this machine. Without root the namespace is a rootless user + network
   * namespace ({@code unshare -rn}).
   */
  Process start(int port) throws IOException, Launcher.Failure {
    need("unshare", "util-linux");
    need("ip", "iproute2");
    need("socat", "socat");
    Path sock = zh.bridgeSocket();
    Files.deleteIfExists(sock);
    List<String> bridge = List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
        "UNIX-CONNECT:" + sock);
    ProcessBuilder bb = new ProcessBuilder(bridge).directory(zh.home.toFile());
    bb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    bb.redirectOutput(ProcessBuilder.Redirect.appendTo(zh.home.resolve("logs/bridge.log").toFile()));
    bb.redirectErrorStream(true);
    Process b = bb.start();
    Files.writeString(zh.bridgePidFile(), String.valueOf(b.pid()));
    List<String> cmd = new ArrayList<>();
    cmd.add("unshare");
    cmd.add(root() ? "--net" : "--map-root-user");
    if (!root()) {
      cmd.add("--net");
    }
    cmd.add("--");
    cmd.add("bash");
    cmd.add("-c");
    // inside: loopback up; socat carries the unix socket to the web port; then the server itself
    cmd.add("set -e; umask 077; ip link set lo up; socat UNIX-LISTEN:\"$1\",fork,unlink-early TCP:127.0.0.1:\"$2\" & shift 2; exec \"$@\"");
    cmd.add("zeppelin-netns");
    cmd.add(sock.toString());
    cmd.add(String.valueOf(port));
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-Dfile.encoding=UTF-8");
    cmd.addAll(List.of(Launcher.OPENS.split(" ")));
    cmd.add("-Dlog4j.configuration=file:" + zh.home.resolve("conf/log4j.properties"));
    cmd.add("-Dzeppelin.log.file=" + zh.log());
    cmd.add("-cp");
    cmd.add(zh.home.resolve("conf") + File.pathSeparator + zh.home.resolve("lib") + File.separator + "*");
    cmd.add("org.apache.zeppelin.server.ZeppelinServer");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(zh.home.toFile());
    Map<String, String> env = pb.environment();
    env.put("ZEPPELIN_HOME", zh.home.toString());
    env.put("ZEPPELIN_CONF_DIR", zh.home.resolve("conf").toString());
    env.put("ZEPPELIN_LOG_DIR", zh.home.resolve("logs").toString());
    env.put("ZEPPELIN_PID_DIR", zh.home.resolve("run").toString());
    env.put("ZEPPELIN_IDENT_STRING", "medinsight");
    env.put("ZEPPELIN_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path outLog = zh.home.resolve("logs/zeppelin.out");
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(outLog.toFile()));
    pb.redirectErrorStream(true);
    return pb.start();
  }

  void waitUntilUp(Process p, int port) throws Exception {
    ZeppelinRest rest = new ZeppelinRest(url(port));
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) {
        throw new Launcher.Failure("Zeppelin stopped while starting (exit " + p.exitValue() + "). Last log lines:\n"
            + tail(zh.home.resolve("logs/zeppelin.out"), 15) + tail(zh.log(), 25), 4);
      }
      try {
        if (rest.get("/api/version").status == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new Launcher.Failure("Zeppelin did not answer on " + url(port) + " within 180 s. Last log lines:\n" + tail(zh.log(), 25), 4);
  }

  static String tail(Path f, int n) {
    try {
      if (!Files.exists(f)) {
        return "";
      }
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - n), lines.size()).stream()
          .map(l -> "  " + l).collect(Collectors.joining("\n")) + "\n";
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops the server and every process it started; checks that nothing listens afterwards. */
  public void down() throws Exception {
    Optional<ProcessHandle> s = server();
    if (s.isEmpty()) {
      say("Zeppelin is not running");
      Files.deleteIfExists(zh.pidFile());
      stopBridge();
      return;
    }
    int port = port();
    List<ProcessHandle> all = new ArrayList<>(s.get().descendants().collect(Collectors.toList()));
    say("stopping Zeppelin (pid " + s.get().pid() + ") and " + all.size() + " process(es) it started ...");
    s.get().destroy();
    try {
      s.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      say("Zeppelin did not stop within 30 s; killing it");
      s.get().destroyForcibly();
    }
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        h.destroy();
      }
    }
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
      Thread.sleep(200);
    }
    for (ProcessHandle h : all) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    Files.deleteIfExists(zh.pidFile());
    stopBridge();
    if (listening(port)) {
      throw new Launcher.Failure("something still listens on port " + port + " after stopping", 7);
    }
    say("stopped");
  }

  private void stopBridge() throws IOException, InterruptedException {
    if (!Files.exists(zh.bridgePidFile())) {
      return;
    }
    Optional<ProcessHandle> b = ProcessHandle.of(Long.parseLong(Files.readString(zh.bridgePidFile()).trim()))
        .filter(h -> h.info().commandLine().map(c -> c.contains("socat")).orElse(false));
    if (b.isPresent()) {
      b.get().destroy();
      try {
        b.get().onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        b.get().destroyForcibly();
      }
    }
    Files.deleteIfExists(zh.bridgePidFile());
    Files.deleteIfExists(zh.bridgeSocket());
  }
}
