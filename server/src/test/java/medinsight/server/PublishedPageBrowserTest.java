package medinsight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A published page opened from its file in a real headless Chromium, with no network at all. */
class PublishedPageBrowserTest {
  static final String HOSTILE = PublisherTest.SVG
      + "<img src=\"x\" onerror=\"document.body.setAttribute('data-hostile', 'onerror')\">"
      + "<script>document.body.setAttribute('data-hostile', 'script');</script>";

  @Test
  void chartsDrawFromTheFileAndScriptsInNoteOutputDoNotRun(@TempDir Path out) throws Exception {
    Publisher p = new Publisher(ZoneId.of("Asia/Shanghai"), Instant.now());
    p.publish(List.of(PublisherTest.note("2MIOVERVW", "总览", HOSTILE), PublisherTest.note("2MICORE01", "核心属性", PublisherTest.SVG)), out);
    try (Browser b = new Browser()) {
      b.open(out.resolve("index.html").toUri().toString());
      assertEquals("1", b.js("return document.body.getAttribute('data-charts-drawn');"), "the page's own script ran");
      List<Long> pixels = b.chartPixels();
      assertEquals(1, pixels.size());
      assertTrue(pixels.get(0) > 5000, "the bar chart drew: " + pixels);
      List<List<Long>> svgs = b.svgs();
      assertEquals(1, svgs.size());
      assertTrue(svgs.get(0).get(0) > 1000 && svgs.get(0).get(1) >= 2, "the SVG result drew: " + svgs);
      assertNull(b.js("return document.body.getAttribute('data-hostile');"), "a script in a note's output ran");
      // the sanitiser left neither the script nor the handler in the page (the page's policy would
      // refuse them too): its scripts are its own three, and the console is empty
      assertEquals(List.of("chart-options", "", ""), b.js("return Array.prototype.map.call(document.scripts, function (s) { return s.id; });"));
      assertEquals(0L, b.js("return document.querySelectorAll('[onerror]').length;"));
      List<String> errors = b.consoleErrors();
      assertTrue(errors.isEmpty(), errors.toString());
      b.screenshot(Browser.screenshots().resolve("published-fixture.png"));
    }
  }

  /** Elements whose computed position is fixed, as "tag: text", and refresh instructions, in the open page. */
  @SuppressWarnings("unchecked")
  static List<String> fixedElements(Browser b) {
    return (List<String>) b.js("var out = [];"
        + "document.querySelectorAll('*').forEach(function (e) {"
        + "  if (getComputedStyle(e).position === 'fixed') { out.push(e.tagName + ': ' + e.textContent.slice(0, 40)); }"
        + "});"
        + "return out;");
  }

  static long metaRefreshes(Browser b) {
    return (Long) b.js("return document.querySelectorAll('meta[http-equiv=\"refresh\" i]').length;");
  }

  @Test
  void aDefacingParagraphIsHarmlessTextAndChartsStillDraw(@TempDir Path out) throws Exception {
    Publisher p = new Publisher(ZoneId.of("Asia/Shanghai"), Instant.now());
    p.publish(List.of(PublisherTest.note("2MICORE01", "核心属性", PublisherTest.DEFACEMENT + PublisherTest.PLUGIN_SVG)), out);
    try (Browser b = new Browser()) {
      String url = out.resolve("2MICORE01.html").toUri().toString();
      b.open(url);
      b.screenshot(Browser.screenshots().resolve("published-defacement-fixture.png"));
      assertEquals(List.of(), fixedElements(b), "an element is fixed over the page");
      assertEquals(0L, metaRefreshes(b), "a refresh instruction is in the page");
      assertEquals(url, b.driver.getCurrentUrl());
      String text = (String) b.js("return document.querySelector('main').innerText;");
      assertTrue(text.contains("本页已停止服务，请前往新地址"), "the paragraph's text is readable: " + text);
      // the chart keeps its viewBox and its own width (640 of the wider paragraph)
      assertEquals(List.of(640L, 120L), b.js("var s = document.querySelector('.html svg');"
          + "return [Math.round(s.getBoundingClientRect().width), Math.round(s.getBoundingClientRect().height)];"));
      assertEquals(640L, b.js("return Math.round(document.querySelector('.html svg').viewBox.baseVal.width);"));
    }
  }
}
