package medinsight.render.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Checks a chart's markup: well-formed XML, one svg element, and nothing that runs or loads. */
public final class SvgCheck {
  /** Zeppelin's default output limit per paragraph (zeppelin.interpreter.output.limit). */
  public static final int ZEPPELIN_OUTPUT_LIMIT = 102_400;

  private SvgCheck() {}

  public static Document check(String svg) throws Exception {
    assertTrue(svg.startsWith("<svg "), svg.substring(0, Math.min(80, svg.length())));
    assertTrue(svg.endsWith("</svg>"));
    // a line starting with % would start a new Zeppelin result inside the drawing
    assertFalse(svg.contains("\n%"), "a line starts with %");
    assertFalse(svg.toLowerCase(Locale.ROOT).contains("javascript:"));
    assertFalse(svg.contains("url("), "references by url()");
    assertTrue(svg.getBytes(StandardCharsets.UTF_8).length < ZEPPELIN_OUTPUT_LIMIT, "larger than Zeppelin's output limit");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    Document d = b.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    Element root = d.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
    assertEquals("100%", root.getAttribute("width"));
    assertTrue(root.getAttribute("viewBox").matches("0 0 [0-9.]+ [0-9.]+"), root.getAttribute("viewBox"));
    NodeList all = d.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      String name = e.getLocalName().toLowerCase(Locale.ROOT);
      assertFalse(List.of("script", "foreignobject", "iframe", "image", "use", "a", "style").contains(name), "element " + name);
      NamedNodeMap attrs = e.getAttributes();
      for (int j = 0; j < attrs.getLength(); j++) {
        Node a = attrs.item(j);
        String an = (a.getLocalName() == null ? a.getNodeName() : a.getLocalName()).toLowerCase(Locale.ROOT);
        assertFalse(an.startsWith("on"), "event handler " + an);
        assertFalse(an.equals("href") || an.equals("src") || an.equals("id"), "attribute " + an);
      }
    }
    return d;
  }

  /** Elements with the class, in document order. */
  public static List<Element> byClass(Document d, String cls) {
    List<Element> out = new ArrayList<>();
    NodeList all = d.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
        out.add(e);
      }
    }
    return out;
  }

  /** The text of an element's own title child, or null. */
  public static String title(Element e) {
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c instanceof Element && "title".equals(c.getLocalName())) {
        return c.getTextContent();
      }
    }
    return null;
  }

  /** The element's text without its title and without the line breaks between elements. */
  public static String text(Element e) {
    StringBuilder b = new StringBuilder();
    for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == Node.TEXT_NODE && !c.getNodeValue().isBlank()) {
        b.append(c.getNodeValue());
      } else if (c instanceof Element && !"title".equals(c.getLocalName())) {
        b.append(text((Element) c));
      }
    }
    return b.toString();
  }

  public static double num(Element e, String attr) {
    return Double.parseDouble(e.getAttribute(attr));
  }
}
