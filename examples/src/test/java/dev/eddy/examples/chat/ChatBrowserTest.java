package dev.eddy.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat in a real browser: two headless Chromium sessions (separate profiles, so separate
 * cookies) pick nicknames through the form, one posts a message full of HTML, the other sees it
 * as text under the sender's nickname; a reload gets the cache; an empty message shows the
 * server's error.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver} at fixed paths, so Selenium
 * Manager never looks for (or downloads) a driver. Without them the test is skipped, unless the
 * environment variable {@code CI} is set: then it fails, since CI installs them ({@code .ci/run}).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ChatBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(30);
  static final List<String> CHROMIUM_ARGS = List.of("--headless=new", "--no-sandbox",
      "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

  @TempDir
  Path profiles;

  private ChatServer server;
  private final List<WebDriver> browsers = new ArrayList<>();

  @BeforeAll
  static void browserInstalled() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String needs = "needs " + CHROMIUM + " and " + CHROMEDRIVER
        + " (Debian: apt-get install chromium chromium-driver)";
    if (System.getenv("CI") != null) {
      assertTrue(installed, "CI is set, so the browser test must run, but it " + needs);
    } else {
      assumeTrue(installed, "browser test skipped: it " + needs + "; with CI set it fails");
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = ChatServer.start(0);
  }

  @AfterEach
  void stop() {
    try {
      for (WebDriver browser : browsers) {
        try {
          browser.quit();
        } catch (RuntimeException e) {
          System.err.println("Could not quit " + browser + ": " + e);
        }
      }
    } finally {
      server.close();
    }
  }

  @Test
  void twoBrowsersChatAndSeeEachOthersMessagesAsText() {
    WebDriver alice = browser("alice");
    WebDriver bob = browser("bob");
    join(alice, "alice");
    String bobsNick = "bob <i>&amp;</i> \"co\"";
    join(bob, bobsNick);

    String html = "<img src=x onerror=\"document.title='pwned'\"> & <b>hi</b> ✓";
    say(alice, html);
    awaitMessage(bob, "alice", html);
    awaitMessage(alice, "alice", html);
    assertTrue(bob.findElements(By.cssSelector("#inbox img, #inbox b")).isEmpty(),
        "the message was shown as text, not as HTML");
    assertEquals("Eddy chat", bob.getTitle());

    say(bob, "hello alice");
    awaitMessage(alice, bobsNick, "hello alice");

    bob.navigate().refresh();
    awaitOpen(bob);
    awaitMessage(bob, "alice", html);
    awaitMessage(bob, bobsNick, "hello alice");
    assertEquals(2, bob.findElements(By.cssSelector("#inbox .message")).size(),
        "the cache, once");

    say(alice, "   ");
    wait(alice).until(ExpectedConditions.textToBe(By.id("error"), "message is empty"));

    assertEquals("alice", alice.findElement(By.id("me")).getText(), "cookies are per browser");
    assertEquals(bobsNick, bob.findElement(By.id("me")).getText());
  }

  private WebDriver browser(String name) {
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(CHROMIUM_ARGS);
    options.addArguments("--user-data-dir=" + profiles.resolve(name));
    WebDriver browser = new ChromeDriver(service, options);
    browsers.add(browser);
    return browser;
  }

  private static WebDriverWait wait(WebDriver browser) {
    return new WebDriverWait(browser, WAIT);
  }

  /** Opens the page, sends the nickname form, waits for the socket to open. */
  private void join(WebDriver browser, String nick) {
    browser.get(server.url());
    WebElement field = browser.findElement(By.id("nick"));
    field.clear();
    field.sendKeys(nick);
    browser.findElement(By.id("setnick")).click();
    awaitOpen(browser);
    assertEquals(nick, browser.findElement(By.id("me")).getText(), "the page escapes the nick");
  }

  private static void awaitOpen(WebDriver browser) {
    wait(browser).until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "open"));
  }

  private static void say(WebDriver browser, String text) {
    browser.findElement(By.id("message")).sendKeys(text);
    browser.findElement(By.id("post")).click();
  }

  /** Waits until the inbox shows {@code body} under {@code nick}, both as text. */
  private static WebElement awaitMessage(WebDriver browser, String nick, String body) {
    return wait(browser).withMessage("a message \"" + body + "\" from \"" + nick + "\"")
        .until(b -> b.findElements(By.cssSelector("#inbox .message")).stream()
            .filter(row -> nick.equals(row.findElement(By.className("nick")).getText())
                && body.equals(row.findElement(By.className("body")).getText()))
            .findFirst().orElse(null));
  }
}
