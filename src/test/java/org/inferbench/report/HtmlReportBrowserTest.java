package org.inferbench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.inferbench.results.Metric;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html opened from disk in headless Chromium: no console errors, every chart drawn and visible, a header
 * click sorts its table, and the page shows the figures that are in the results (roofline and energy included). It
 * leads with the answer: the question, the main plot and the findings come before the tables, in the document and
 * on the screen.
 */
final class HtmlReportBrowserTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String QUESTION = "Which model scales worst with prompt length?";
  /** Kept after the run, for a person to look at what the page leads with. */
  private static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");

  @TempDir
  Path dir;
  private ChromeDriver driver;
  private Report.Output out;

  @BeforeEach
  void open() throws Exception {
    assumeTrue(Files.isExecutable(CHROMEDRIVER), "no " + CHROMEDRIVER + ": install Debian's chromium-driver to run "
        + "the browser test");
    out = Report.build(Fixtures.fullSet("<script>window.pwned=1</script>"), List.of(), QUESTION,
        dir.resolve("report"), null);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    Path profile = Files.createDirectories(dir.resolve("profile"));
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.get(out.html().toUri().toString());
  }

  @AfterEach
  void close() {
    if (driver != null) driver.quit();
  }

  @Test
  void pageRendersSortsAndShowsTheResults() {
    List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertThat(severe).as("console errors").isEmpty();
    assertThat(((JavascriptExecutor) driver).executeScript("return window.pwned === undefined")).isEqualTo(true);

    List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart svg"));
    assertThat(charts).hasSize(out.model().plots().size()).hasSizeGreaterThanOrEqualTo(6);
    for (WebElement svg : charts) {
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", svg);
      assertThat(svg.isDisplayed()).isTrue();
      assertThat(svg.getRect().getWidth()).isGreaterThan(300);
      assertThat(svg.getRect().getHeight()).isGreaterThan(200);
      // drawn, not an empty frame: XChart's SVG draws axes, text and data as paths
      assertThat(svg.findElements(By.tagName("path")).size()).isGreaterThan(20);
    }
    assertThat(driver.findElement(By.id("plot-kv_cache")).getText()).contains("KV-cache on vs off");

    // the figures in the page are the ones in the results
    String body = driver.findElement(By.tagName("body")).getText();
    assertThat(body).contains("<script>window.pwned=1</script>", "tiny-gpt", "Test CPU A @ 3.0GHz",
        "memory reduction off vs on");
    double ttftP50 = out.model().set().currentOk().stream().filter(c -> c.model().equals("tiny-gpt")).findFirst()
        .orElseThrow().stats(Metric.TTFT).p50();
    assertThat(body).contains(Fmt.num(ttftP50));

    // the roofline and energy tables are on the page with every row, and the page says why the rest have none
    for (String id : List.of("roofline", "energy")) {
      WebElement t = driver.findElement(By.id("table-" + id));
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", t);
      assertThat(t.isDisplayed()).as(id).isTrue();
      assertThat(t.findElements(By.cssSelector("tbody tr"))).as(id).hasSize(out.model().table(id).rows().size())
          .isNotEmpty();
    }
    assertThat(driver.findElement(By.id("table-roofline")).getText()).contains("near its roof", "overhead-bound");
    assertThat(body).contains("nvidia-smi power.draw (unverified)", "no energy for 8 configuration(s): no RAPL access",
        "no roofline for engine calibration");

    // a click on the prompt header sorts the configurations table by prompt, numerically
    WebElement table = driver.findElement(By.id("table-configurations"));
    ReportTable model = out.model().table("configurations");
    int promptCol = model.headers().indexOf("prompt");
    WebElement header = table.findElements(By.cssSelector("thead th")).get(promptCol);
    header.click();
    List<Double> asc = column(table, promptCol);
    assertThat(asc).isSorted().hasSize(model.rows().size());
    assertThat(asc.get(0)).isEqualTo(model.rows().stream().map(r -> r.get(promptCol)).map(Cell::value)
        .min(Double::compare).orElseThrow());
    header.click();
    List<Double> desc = column(table, promptCol);
    assertThat(desc.reversed()).isSorted();
    assertThat(header.getAttribute("class")).contains("desc");
  }

  @Test
  void leadsWithTheQuestionThePlotAndTheFindings() throws Exception {
    WebElement question = driver.findElement(By.id("question"));
    WebElement mainPlot = driver.findElement(By.id("main-plot"));
    WebElement findings = driver.findElement(By.id("findings"));
    WebElement tables = driver.findElement(By.id("tables"));
    assertThat(question.getTagName()).isEqualTo("h1");
    assertThat(question.getText()).isEqualTo(QUESTION);
    assertThat(driver.findElements(By.tagName("h1"))).hasSize(1);
    assertThat(driver.getTitle()).isEqualTo(QUESTION);
    List<WebElement> lead = List.of(question, mainPlot, findings, tables);
    for (int i = 1; i < lead.size(); i++) {
      Object follows = ((JavascriptExecutor) driver).executeScript(
          "return (arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0",
          lead.get(i - 1), lead.get(i));
      assertThat(follows).as(lead.get(i).getAttribute("id") + " after " + lead.get(i - 1).getAttribute("id"))
          .isEqualTo(true);
      assertThat(lead.get(i).getRect().getY()).isGreaterThan(lead.get(i - 1).getRect().getY());
    }
    // the main plot is the headline latency against prompt length, drawn, and shown once
    WebElement figure = mainPlot.findElement(By.cssSelector("figure.chart"));
    assertThat(figure.getAttribute("id")).isEqualTo("plot-" + out.model().mainPlot().id()).startsWith("plot-latency_");
    assertThat(figure.findElement(By.tagName("svg")).isDisplayed()).isTrue();
    assertThat(driver.findElements(By.id(figure.getAttribute("id")))).hasSize(1);
    // the findings are the model's sentences, on screen above the first table
    List<WebElement> items = findings.findElements(By.tagName("li"));
    assertThat(items).isNotEmpty().extracting(WebElement::getText).containsExactlyElementsOf(out.model().findings().all());
    assertThat(findings.isDisplayed()).isTrue();

    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
  }

  /**
   * At a phone's width (390 × 844, touch) and a laptop's (1366 × 768) the page never scrolls sideways (wide tables
   * scroll inside their own box), the question, main plot and findings fit the screen's width, and the screenshot of
   * each is the viewport's width with the page drawn on it (kept in target/ for a person to look at).
   */
  @Test
  void readsOnAPhoneAndOnALaptop() throws Exception {
    record Screen(String name, int width, int height, boolean mobile) {}
    for (Screen screen : List.of(new Screen("phone", 390, 844, true), new Screen("laptop", 1366, 768, false))) {
      driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", screen.width(),
          "height", screen.height(), "deviceScaleFactor", 1, "mobile", screen.mobile()));
      driver.navigate().refresh();
      JavascriptExecutor js = (JavascriptExecutor) driver;
      long inner = ((Number) js.executeScript("return window.innerWidth")).longValue();
      long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
      assertThat(inner).as(screen.name()).isEqualTo(screen.width());
      assertThat(scroll).as(screen.name() + ": the page scrolls sideways").isLessThanOrEqualTo(inner);
      for (String id : List.of("question", "main-plot", "findings")) {
        WebElement e = driver.findElement(By.id(id));
        assertThat(e.isDisplayed()).as(screen.name() + " " + id).isTrue();
        assertThat(e.getRect().getX() + e.getRect().getWidth()).as(screen.name() + " " + id + " right edge")
            .isLessThanOrEqualTo(screen.width());
      }
      WebElement plot = driver.findElement(By.cssSelector("#main-plot svg"));
      assertThat(plot.getRect().getWidth()).as(screen.name() + ": main plot width")
          .isBetween(screen.width() / 2, screen.width());
      // the first table keeps its columns and scrolls inside its box where the screen is narrower than the table
      WebElement box = driver.findElement(By.cssSelector("#tables .scroll"));
      assertThat(box.getRect().getX() + box.getRect().getWidth()).isLessThanOrEqualTo(screen.width());

      Path shot = Path.of("target", "report-" + screen.name() + ".png");
      Files.createDirectories(shot.getParent());
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(shot.toFile());
      assertThat(image.getWidth()).as(screen.name() + " screenshot width").isEqualTo(screen.width());
      assertThat(image.getHeight()).as(screen.name() + " screenshot height").isEqualTo(screen.height());
      // drawn: the heading's text and the plot put dark pixels on the screen, the page is not blank
      long dark = 0;
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          int rgb = image.getRGB(x, y);
          if (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff) < 300) dark++;
        }
      }
      assertThat(dark * 4.0 / (image.getWidth() * image.getHeight())).as(screen.name() + " share of dark pixels")
          .isGreaterThan(0.005);
    }
  }

  private static List<Double> column(WebElement table, int col) {
    return table.findElements(By.cssSelector("tbody tr")).stream()
        .map(r -> Double.parseDouble(r.findElements(By.tagName("td")).get(col).getText())).toList();
  }

}
