package medinsight.access;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Who can change a note's text, as the Zeppelin server saved the note's permissions
 * ({@code notebook-authorization.json} in its configuration folder). A paragraph is run with the
 * rights of whoever runs it, but its text may be anyone's who can write the note: an analyst who
 * writes {@code load …} into a note the admin runs would load with the admin's rights. So a command
 * that needs more than a query runs only where everyone who can write the note holds that right.
 *
 * <p>Zeppelin 0.10's rule (its {@code AuthorizationService.isWriter}): the note's writers and its
 * owners may write it, and a list left empty lets everyone; the default owner
 * ({@code zeppelin.notebook.default.owner.username}) writes every note. A note the file does not
 * name has empty lists. The file is the server's own, written on every permission change; the
 * interpreter only reads it.
 */
public final class NoteWriters {
  static final String FILE = "notebook-authorization.json";

  /** True when anyone logged in can write the note. */
  public final boolean anyone;
  /** The users and roles that can write it (when not anyone). */
  public final Set<String> names;

  private NoteWriters(boolean anyone, Set<String> names) {
    this.anyone = anyone;
    this.names = Collections.unmodifiableSet(names);
  }

  /** The writers of note {@code noteId} in the Zeppelin home {@code home}; refuses when they cannot be told. */
  static NoteWriters of(Path home, String noteId) {
    if (noteId == null || noteId.isBlank()) {
      throw new AccessDenied("无法确定此段落所在的笔记，因此无法确认谁能编辑它。");
    }
    Map<String, String> site = site(home.resolve("conf").resolve("zeppelin-site.xml"));
    String dir = site.getOrDefault("zeppelin.config.fs.dir", "").trim();
    Path conf = home.resolve("conf");
    if (!dir.isEmpty()) {
      if (dir.contains("://") && !dir.startsWith("file:")) {
        throw new AccessDenied("笔记权限保存在 " + dir + "，解释器无法读取，因此无法确认谁能编辑此笔记。");
      }
      Path d = Path.of(dir.startsWith("file:") ? dir.substring(5) : dir);
      conf = d.isAbsolute() ? d : home.resolve(d);
    }
    Set<String> names = new TreeSet<>();
    String defaultOwner = site.getOrDefault("zeppelin.notebook.default.owner.username", "").trim();
    if (!defaultOwner.isEmpty()) {
      names.add(defaultOwner);
    }
    Path file = conf.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      // no note has permissions yet: every list is empty
      return new NoteWriters(true, names);
    }
    JsonObject note;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement all = JsonParser.parseReader(r).getAsJsonObject().get("authInfo");
      note = all == null || !all.isJsonObject() ? null : all.getAsJsonObject().getAsJsonObject(noteId);
    } catch (IOException | RuntimeException e) {
      throw new AccessDenied("无法读取笔记权限（" + file + "：" + e.getClass().getSimpleName() + "），因此无法确认谁能编辑此笔记。");
    }
    Set<String> owners = list(note, "owners");
    Set<String> writers = list(note, "writers");
    if (owners.isEmpty() || writers.isEmpty()) {
      return new NoteWriters(true, names);
    }
    names.addAll(owners);
    names.addAll(writers);
    return new NoteWriters(false, names);
  }

  private static Set<String> list(JsonObject note, String name) {
    Set<String> out = new TreeSet<>();
    if (note != null && note.has(name) && note.get(name).isJsonArray()) {
      for (JsonElement e : note.getAsJsonArray(name)) {
        if (e.isJsonPrimitive() && !e.getAsString().trim().isEmpty()) {
          out.add(e.getAsString().trim());
        }
      }
    }
    return out;
  }

  /** The properties of a zeppelin-site.xml (none when it is missing); read without DTDs or entities. */
  static Map<String, String> site(Path file) {
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      javax.xml.parsers.DocumentBuilder b = f.newDocumentBuilder();
      // errors become the exception below, not lines on the process's standard error
      b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      Document d = b.parse(in);
      NodeList props = d.getElementsByTagName("property");
      for (int i = 0; i < props.getLength(); i++) {
        Element p = (Element) props.item(i);
        NodeList n = p.getElementsByTagName("name");
        NodeList v = p.getElementsByTagName("value");
        if (n.getLength() > 0 && v.getLength() > 0) {
          out.put(n.item(0).getTextContent().trim(), v.item(0).getTextContent());
        }
      }
    } catch (IOException | ParserConfigurationException | SAXException | RuntimeException e) {
      throw new AccessDenied("无法读取 " + file + "（" + e.getClass().getSimpleName() + "），因此无法确认谁能编辑此笔记。");
    }
    return out;
  }
}
