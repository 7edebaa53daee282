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
      // what the console holds is the policy refusing them, nothing else
      List<String> errors = b.consoleErrors();
      assertTrue(errors.stream().allMatch(e -> e.contains("Content Security Policy")), errors.toString());
      assertTrue(errors.size() >= 1, "the refused script is reported: " + errors);
      b.screenshot(Browser.screenshots().resolve("published-fixture.png"));
    }
  }
}
