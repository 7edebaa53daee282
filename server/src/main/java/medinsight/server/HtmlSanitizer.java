package medinsight.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allow-list that a note's HTML result ({@code %md}, {@code %html}, the plugin's SVG charts)
 * passes before it is written into a published page (jsoup's {@link Cleaner}). Whatever is not
 * listed is dropped; the text inside a dropped element stays as text, so the page stays readable.
 *
 * <ul>
 *   <li>Text markup: headings, paragraphs, lists, tables, emphasis, code, quotes, rules, line
 *       breaks, {@code span} and {@code div}, with {@code class} and {@code title}; no {@code id},
 *       so nothing in a result can stand in for the page's own elements.</li>
 *   <li>Links only to {@code http:} and {@code https:}, always with {@code rel="noopener noreferrer"}.</li>
 *   <li>Images only as {@code data:image/png}, {@code jpeg}, {@code gif} or {@code svg+xml} (an SVG
 *       shown by {@code <img>} runs nothing; the page's policy loads images from {@code data:} only).</li>
 *   <li>SVG: exactly the elements and attributes that the plugin's charts write
 *       ({@code medinsight.render.svg}).</li>
 *   <li>Never: {@code style} elements and attributes (no fixed overlays over the page),
 *       {@code meta} (no refresh to elsewhere), {@code script} and event handlers, forms and their
 *       fields, {@code iframe}, {@code object}, {@code embed}, {@code base}, {@code link}.</li>
 * </ul>
 */
public final class HtmlSanitizer {
  private static final Pattern IMAGE = Pattern.compile("(?i)data:image/(png|jpeg|gif|svg\\+xml)[;,].*", Pattern.DOTALL);
  private static final Pattern VIEW_BOX = Pattern.compile(
      "\\s*(-?[0-9.]+)[\\s,]+(-?[0-9.]+)[\\s,]+([0-9]+(?:\\.[0-9]+)?)[\\s,]+([0-9]+(?:\\.[0-9]+)?)\\s*");

  private static final Safelist SAFELIST = safelist();
  /** What a link may not hold: drawings, images and blocks, which can make it cover the page. */
  private static final String NOT_LINK_TEXT = "svg, img, div, p, table, ul, ol, dl, pre, blockquote, h1, h2, h3, h4, h5, h6, hr, br";

  private HtmlSanitizer() {
  }

  static Safelist safelist() {
    Safelist s = Safelist.none()
        .addTags("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "br", "hr", "blockquote", "pre", "code", "kbd",
            "em", "strong", "b", "i", "s", "del", "sub", "sup", "small",
            "ul", "ol", "li", "dl", "dt", "dd",
            "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
            "a", "img")
        .addAttributes(":all", "class", "title")
        .addAttributes("a", "href")
        .addProtocols("a", "href", "http", "https")
        .addEnforcedAttribute("a", "rel", "noopener noreferrer")
        .addAttributes("img", "src", "alt")
        .addProtocols("img", "src", "data")
        .addAttributes("ol", "start")
        .addAttributes("th", "colspan", "rowspan", "align")
        .addAttributes("td", "colspan", "rowspan", "align");
    // the plugin's charts (medinsight.render.svg): these elements with these attributes, no more
    s.addTags("svg", "g", "rect", "line", "circle", "path", "polygon", "text", "title")
        .addAttributes("svg", "xmlns", "viewBox", "width", "font-family", "font-size", "fill", "role", "aria-label")
        .addAttributes("g", "font-size", "fill", "fill-opacity", "stroke-width", "text-anchor", "stroke-linecap",
            "pointer-events")
        .addAttributes("rect", "x", "y", "width", "height", "rx", "fill", "stroke", "stroke-width")
        .addAttributes("line", "x1", "y1", "x2", "y2", "stroke", "stroke-width")
        .addAttributes("circle", "cx", "cy", "r", "fill", "stroke", "stroke-width")
        .addAttributes("path", "d", "stroke", "stroke-width", "stroke-opacity")
        .addAttributes("polygon", "points", "fill", "stroke")
        .addAttributes("text", "x", "y", "font-size", "font-weight", "fill", "text-anchor", "transform", "pointer-events");
    return s;
  }

  /** The allowed part of an HTML fragment, as HTML. */
  public static String clean(String html) {
    Document dirty = Jsoup.parseBodyFragment(html);
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    for (Element img : clean.select("img")) {
      if (!IMAGE.matcher(img.attr("src")).matches()) {
        img.remove(); // no source left that the page may show
      }
    }
    for (Element a : clean.select("a")) {
      if (!a.select(NOT_LINK_TEXT).isEmpty()) {
        a.unwrap(); // a link is words: a drawing or a block inside one is a click-trap as large as it is
      }
    }
    for (Element svg : clean.select("svg")) {
      ownWidth(svg);
    }
    clean.outputSettings().prettyPrint(false).charset("UTF-8");
    return clean.body().html();
  }

  /**
   * A chart is as wide as the paragraph up to its own width, which the plugin writes as a style
   * ({@code max-width}) that is not allowed here: the width attribute takes the drawing's own width
   * from its viewBox, and the page's style sheet limits it to the paragraph.
   */
  private static void ownWidth(Element svg) {
    if (!"100%".equals(svg.attr("width")) || svg.parents().stream().anyMatch(p -> "svg".equals(p.normalName()))) {
      return;
    }
    Matcher m = VIEW_BOX.matcher(svg.attr("viewBox"));
    if (m.matches()) {
      svg.attr("width", m.group(3));
    }
  }
}
