package medinsight.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code bin/medinsight install}: the plugin, notes, access policy and a Shiro template into a Zeppelin distribution. */
final class Installer {
  private final ZeppelinHome zh;
  private final Consumer<String> say;

  Installer(ZeppelinHome zh, Consumer<String> say) {
    this.zh = zh;
    this.say = say;
  }

  private void say(String s) {
    say.accept(s);
  }

  /**
   * Copies the plugin, the notes of a folder ({@code notes/}, or the English notes {@code
   * bin/medinsight notes --lang en DIR} writes) and a Shiro template into an existing Zeppelin
   * distribution.
   */
  void install(Path zeppelinHome, Path notes) throws Exception {
    if (!Files.isDirectory(notes)) {
      throw new Launcher.Failure("--notes " + notes + " is not a folder", 2);
    }
    Path zhome = zeppelinHome.toAbsolutePath().normalize();
    if (!Files.isDirectory(zhome.resolve("interpreter")) || !Files.isDirectory(zhome.resolve("conf"))) {
      throw new Launcher.Failure(zhome + " does not look like a Zeppelin home (no interpreter/ and conf/ folders)", 2);
    }
    Path target = zhome.resolve("interpreter/drugs");
    ZeppelinHome.sync(zh.plugin(), target);
    say("plugin copied to " + target);
    List<String> kept = new ArrayList<>();
    try {
      ZeppelinHome.copyNotes(notes, zhome.resolve("notebook"), kept);
    } catch (IOException e) {
      throw new Launcher.Failure(e.getMessage(), 2);
    }
    say("notes copied to " + zhome.resolve("notebook") + (kept.isEmpty() ? "" : " (kept existing: " + String.join(", ", kept) + ")"));
    Path policy = zhome.resolve("conf/medinsight.properties");
    if (!Files.exists(policy)) {
      Files.writeString(policy, ZeppelinHome.policy("written by bin/medinsight install; paths relative to the Zeppelin home, "
          + "see the README's Security section", "medinsight/data", "medinsight/exports", "medinsight/warehouse"), StandardCharsets.UTF_8);
      say("access policy written to " + policy + " (data, export and warehouse folders; roles)");
    } else {
      say("access policy " + policy + " kept as it is");
    }
    Path template = zhome.resolve("conf/shiro.ini.medinsight");
    Files.writeString(template, ZeppelinHome.shiroTemplate(), StandardCharsets.UTF_8);
    say("Shiro template written to " + template + (Files.exists(zhome.resolve("conf/shiro.ini"))
        ? " (your conf/shiro.ini is unchanged)" : " (copy it to conf/shiro.ini and set the passwords)"));
    say("restart Zeppelin to load the drugs interpreter: " + zhome.resolve("bin/zeppelin-daemon.sh") + " restart");
  }
}
