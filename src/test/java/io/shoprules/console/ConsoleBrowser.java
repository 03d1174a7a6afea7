package io.shoprules.console;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Debian's headless chromium for the console's browser tests, and the screenshots they save. */
final class ConsoleBrowser {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private ConsoleBrowser() {
    }

    /** Chromium and chromedriver from /usr/bin, or from -Dchromium.binary= and -Dchromedriver=. */
    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver", "/usr/bin/chromedriver")))
                .build();
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows as target/console-screenshots/{name}.png. */
    static void screenshot(WebDriver browser, String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Clicks what leads to a new page and waits until it is there: until then the old page is
     * complete and answers every look-up, with the old values.
     */
    static void clickThrough(WebDriver browser, org.openqa.selenium.WebElement element) {
        element.click();
        awaitNextPage(browser, element);
    }

    /**
     * Signs in with {@code key} on the sign-in page shown and waits for the page that answers: a
     * page opened before that answer arrives cancels it, and with it the session cookie.
     */
    static void signIn(WebDriver browser, String key) {
        org.openqa.selenium.WebElement field = browser.findElement(org.openqa.selenium.By.id("key"));
        field.clear();
        field.sendKeys(key);
        field.submit();
        awaitNextPage(browser, field);
    }

    /** Waits until {@code element}'s page is gone and the one after it has loaded. */
    private static void awaitNextPage(WebDriver browser, org.openqa.selenium.WebElement element) {
        org.openqa.selenium.support.ui.WebDriverWait patience =
                new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(90));
        patience.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(element));
        patience.until(b -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) b)
                .executeScript("return document.readyState")));
    }
}
