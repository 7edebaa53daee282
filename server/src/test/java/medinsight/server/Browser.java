package medinsight.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through its chromedriver, for tests that look at pages the
 * way a viewer's browser does: console messages, what the page drew, screenshots.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path profile;

  Browser() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError("the browser tests need Debian's chromium and chromium-driver "
          + "(apt-get install chromium chromium-driver; .ci/run installs them)");
    }
    profile = Files.createTempDirectory("medinsight-chromium");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    // no background connections: the machines this runs on have only loopback
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--hide-scrollbars", "--lang=zh-CN", "--window-size=1600,1000",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, o);
  }

  void open(String url) {
    driver.get(url);
  }

  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** The console's errors since the last call (Chromium logs refused scripts and failed loads as SEVERE). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).collect(Collectors.toList());
  }

  /** Alpha-covered pixels of each chart's canvas: 0 means the chart drew nothing. */
  @SuppressWarnings("unchecked")
  List<Long> chartPixels() {
    return (List<Long>) js("var out = [];"
        + "document.querySelectorAll('.chart').forEach(function (d) {"
        + "  var c = d.querySelector('canvas');"
        + "  if (!c || c.width === 0 || c.height === 0) { out.push(0); return; }"
        + "  var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        + "  for (var i = 3; i < px.length; i += 4) { if (px[i] > 0) { n++; } }"
        + "  out.push(n);"
        + "});"
        + "return out;");
  }

  /**
   * For each SVG inside an HTML result: its drawn area (width × height of its bounding box), element
   * count and the width of its viewBox (0 when it has none).
   */
  @SuppressWarnings("unchecked")
  List<List<Long>> svgs() {
    return (List<List<Long>>) js("var out = [];"
        + "document.querySelectorAll('.html svg, svg.medinsight').forEach(function (s) {"
        + "  if (s.parentElement && s.parentElement.closest('svg')) { return; }"
        + "  var b = s.getBoundingClientRect();"
        + "  var v = s.viewBox && s.viewBox.baseVal ? s.viewBox.baseVal.width : 0;"
        + "  out.push([Math.round(b.width * b.height), s.querySelectorAll('*').length, Math.round(v)]);"
        + "});"
        + "return out;");
  }

  /** A screenshot of the whole page (the window grows to the page's height first). */
  void screenshot(Path file) throws IOException {
    Number h = (Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
    driver.manage().window().setSize(new Dimension(1600, Math.min(12000, h.intValue() + 40)));
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new Dimension(1600, 1000));
  }

  /** A screenshot of the first element the XPath expression finds (scrolled into view first). */
  void screenshotOf(String xpath, Path file) throws IOException {
    org.openqa.selenium.WebElement e = driver.findElement(org.openqa.selenium.By.xpath(xpath));
    js("arguments[0].scrollIntoView({block: 'center'});", e);
    Files.createDirectories(file.getParent());
    Files.write(file, e.getScreenshotAs(OutputType.BYTES));
  }

  static Path screenshots() {
    return NoteBundleTest.root().resolve("server/target/screenshots");
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var s = Files.walk(profile)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
