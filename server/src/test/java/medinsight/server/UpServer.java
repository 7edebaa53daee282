package medinsight.server;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/medinsight up} typed on a free loopback port with a fresh work folder; the logins it printed. */
final class UpServer {
  final Path work;
  final int port;
  final String url;
  final Typed.Result up;
  final Map<String, String> logins = new LinkedHashMap<>();

  private UpServer(Path work, int port, Typed.Result up) {
    this.work = work;
    this.port = port;
    this.url = "http://127.0.0.1:" + port;
    this.up = up;
    Matcher m = Pattern.compile("(?m)^  (admin|analyst|viewer) / (\\S+)$").matcher(up.out);
    while (m.find()) {
      logins.put(m.group(1), m.group(2));
    }
  }

  /** Starts a server in {@code server/target/it/NAME}, emptied first. */
  static UpServer start(String name) throws Exception {
    Path work = Typed.ROOT.resolve("server/target/it/" + name);
    if (Files.exists(work)) {
      Typed.run("rm -rf '" + work + "'");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    return new UpServer(work, port, Typed.run("bin/medinsight up --port " + port + " --work '" + work + "'"));
  }

  void stop() throws Exception {
    Typed.run("bin/medinsight down --work '" + work + "'");
  }
}
