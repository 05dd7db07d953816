package dev.umhub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven by Selenium, against this umhub with fake HubSpot and
 * GA4. Screenshots of each page go to {@code target/console-screenshots/} (the main ones are in docs/console.md).
 * Without Chromium on the machine the test is skipped, unless {@code -Dumhub.it.browser.required=true} (CI).
 */
class ConsoleIT extends UmhubIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        boolean there = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!there && Boolean.getBoolean("umhub.it.browser.required")) {
            throw new AssertionError("chromium and chromium-driver are required (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(there, "no chromium here");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedIn() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/console/events");
        if ("signed-out".equals(state())) {
            signIn(Http.ADMIN_TOKEN);
            waitFor(By.cssSelector("#view h1"));
        }
    }

    @Test
    void theEventsListShowsAPostedWebhookAndItsDetailTheRuleAndBothDeliveries() {
        open("/console/events");
        waitFor(By.cssSelector("#view table, #view p.muted"));
        // posted while the list is open: it refreshes itself (live), no reload
        ObjectNode payment = Payloads.paidPayment();
        String id = http.webhook("payment_received", Payloads.bytes(payment)).json().path("id").asText();
        String email = payment.path("customer_user_email").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DELIVERED".equals(http.delivery(id, "hubspot").path("status").asText())
                && "DELIVERED".equals(http.delivery(id, "ga4").path("status").asText()));
        until(d -> d.findElement(By.xpath("//tr[td[contains(., '" + email + "')] and td[.='payment.received']]"))
                .getText().contains("delivered"));
        WebElement row = browser.findElement(By.xpath("//tr[td[contains(., '" + email + "')] and td[.='payment.received']]"));
        screenshot("events");

        row.findElement(By.cssSelector("a[href*='/console/events/']")).click();
        waitFor(By.xpath("//h2[.='Rules that fired']"));
        String page = text();
        assertThat(page).contains("Paying customers are kept in the CRM")
                .contains("Completed payments above zero are GA4 purchases");
        WebElement hubspot = browser.findElement(By.cssSelector("section[aria-label='Delivery to hubspot']"));
        WebElement ga4 = browser.findElement(By.cssSelector("section[aria-label='Delivery to ga4']"));
        assertThat(hubspot.getText()).contains("delivered").contains("upsert_contact");
        assertThat(ga4.getText()).contains("delivered").contains("purchase");
        screenshot("event-detail");
        browser.findElement(By.xpath("//button[.='Re-decide with the running rules']")).click();
        until(d -> d.findElement(By.cssSelector("#view p[role=status]")).getText()
                .contains("already planned: ga4, hubspot"));

        // the filters: by email, by status; a customer no event has shows nothing
        open("/console/events?customer=" + email + "&status=delivered");
        waitFor(By.xpath("//td[contains(., '" + email + "')]"));
        open("/console/events?customer=nobody-at-all@example.com");
        waitFor(By.xpath("//p[.='No event matches.']"));
    }

    @Test
    void aDeadLetterIsReplayedFromItsEventPageAndTurnsDelivered() {
        HUBSPOT.failAlways(400);
        String id = http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json().path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> "DEAD".equals(http.delivery(id, "hubspot").path("status").asText()));
        HUBSPOT.reset();

        open("/console/events/" + id);
        WebElement delivery = waitFor(By.cssSelector("section[aria-label='Delivery to hubspot']"));
        assertThat(delivery.getText()).contains("dead").contains("http_400");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", delivery);
        screenshot("event-dead-letter");
        delivery.findElement(By.xpath(".//button[.='Replay hubspot']")).click();
        until(d -> d.findElement(
                By.cssSelector("section[aria-label='Delivery to hubspot'] h3")).getText().contains("delivered"));
        assertThat(text()).contains("Replay of hubspot: replayed.");
        assertThat(http.delivery(id, "hubspot").path("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aBulkReplayShowsItsProgress() {
        HUBSPOT.failAlways(422);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json().path("id").asText());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream()
                .allMatch(e -> "DEAD".equals(http.delivery(e, "hubspot").path("status").asText())));
        HUBSPOT.reset();

        open("/console/dead-letters?destination=hubspot&errorClass=http_422");
        waitFor(By.xpath("//td[.='http_422']"));
        screenshot("dead-letters");
        browser.findElement(By.id("replay-all")).click();
        org.openqa.selenium.Alert confirm = until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("destination hubspot").contains("errorClass http_422");
        confirm.accept();
        WebElement progress = waitFor(By.cssSelector("progress"));
        until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("p[role=status]"), "Bulk replay done."));
        assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomProperty("max"));
        assertThat(text()).containsPattern("done: [1-9][0-9]* of [1-9][0-9]*");
        screenshot("dead-letters-replayed");
        await().atMost(Duration.ofSeconds(15)).until(() -> ids.stream()
                .allMatch(e -> "DELIVERED".equals(http.delivery(e, "hubspot").path("status").asText())));
    }

    @Test
    void markupInANameIsShownAsText() {
        ObjectNode payment = Payloads.paidPayment();
        String name = "<script>window.umhubInjected=1</script><img src=x onerror=window.umhubInjected=2>";
        payment.put("customer_name", name);
        String id = http.webhook("payment_received", Payloads.bytes(payment)).json().path("id").asText();
        await().atMost(Duration.ofSeconds(15)).until(() -> http.event(id).has("event"));

        open("/console/events/" + id);
        waitFor(By.xpath("//h2[.='Raw payload']"));
        assertThat(text()).contains(name);
        assertThat(browser.findElements(By.cssSelector("#view script, #view img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.umhubInjected === undefined")).isEqualTo(true);
    }

    @Test
    void withoutTheTokenThereIsALoginFormAndNoData() {
        String id = http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment())).json().path("id").asText();
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        open("/console/events/" + id);
        WebElement login = waitFor(By.id("login"));
        assertThat(login.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("view")).getText()).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(id.substring(0, 8) + "-").doesNotContain("payment.received");
        screenshot("login");

        // asked with a wrong token (a script, a proxy): 401 and the sign-in page, never data
        for (String path : List.of("/console", "/console/events/" + id)) {
            Http.Answer wrong = http.send(http.request(path).header("Authorization", "Bearer not-the-token").GET().build());
            assertThat(wrong.status()).as(path).isEqualTo(401);
            assertThat(wrong.contentType()).as(path).startsWith("text/html");
            assertThat(wrong.body()).as(path).contains("id=\"login-form\"").doesNotContain("payment.received");
        }

        signIn("not-the-token");
        until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("login-error"), "That token was refused."));
        assertThat(browser.findElement(By.id("view")).getText()).isEmpty();

        signIn(Http.ADMIN_TOKEN);
        waitFor(By.xpath("//h2[.='Raw payload']"));
    }

    @Test
    void anUnknownEventIsANotFoundPageAndBadFiltersAMessage() {
        open("/console/events/no-such-event");
        waitFor(By.xpath("//h1[.='Not found']"));
        assertThat(text()).contains("no event no-such-event");
        // asked with the token, the server itself answers 404
        assertThat(http.send(http.request("/console/events/no-such-event")
                .header("Authorization", "Bearer " + Http.ADMIN_TOKEN).GET().build()).status()).isEqualTo(404);

        open("/console/events?status=sideways");
        WebElement error = waitFor(By.cssSelector("#view p.error[role=alert]"));
        until(d -> !error.getText().isBlank());
        assertThat(error.getText()).contains("status takes one of");
        assertThat(text()).doesNotContain("Exception").doesNotContain("at dev.umhub");

        for (String bad : List.of("status=sideways", "from=yesterday", "before=abc", "limit=0",
                "from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "decision=failed&status=dead")) {
            Http.Answer refused = http.admin("GET", "/api/events?" + bad, null);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
        }

        open("/console/events?from=yesterday");
        WebElement fromError = waitFor(By.cssSelector("#view p.error[role=alert]"));
        until(d -> !fromError.getText().isBlank());
        assertThat(fromError.getText()).containsIgnoringCase("from");
    }

    @Test
    void destinationsRulesAndSourcesShowTheirState() {
        http.webhook("payment_received", Payloads.bytes(Payloads.paidPayment()));
        open("/console/destinations");
        WebElement hubspot = waitFor(By.cssSelector("section[aria-label='hubspot']"));
        assertThat(hubspot.getText()).contains("Rate limit").contains("In flight").contains("Backlog");
        assertThat(hubspot.findElements(By.cssSelector("svg.chart"))).hasSize(1);
        screenshot("destinations");

        open("/console/rules");
        waitFor(By.xpath("//h2[.='Evaluate a payload']"));
        assertThat(text()).contains("Paying customers are kept in the CRM").contains("integrations.drl");
        WebElement payload = browser.findElement(By.id("evaluate-payload"));
        payload.sendKeys(Payloads.paidPayment().toString());
        browser.findElement(By.xpath("//button[.='Evaluate']")).click();
        until(d -> d.findElement(By.xpath(
                "//form[.//button[.='Evaluate']]//dl")).getText().contains("hubspot"));
        screenshot("rules");

        open("/console/sources");
        WebElement webhooks = waitFor(By.cssSelector("section[aria-label='ultimate-multisite webhooks']"));
        assertThat(webhooks.getText()).contains("payment_received");
        screenshot("sources");

        browser.manage().window().setSize(new Dimension(390, 844));
        open("/console/events");
        waitFor(By.cssSelector("table"));
        screenshot("events-phone");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Once the page's script has looked: signed-in or signed-out. */
    private String state() {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            String state = d.findElement(By.tagName("body")).getDomAttribute("data-state");
            return state == null || state.isEmpty() ? null : state;
        });
    }

    private void signIn(String token) {
        WebElement field = waitFor(By.id("token"));
        field.clear();
        field.sendKeys(token, org.openqa.selenium.Keys.ENTER); // the keyboard, as well as the button, signs in
    }

    /** Waits for an element; when it never shows, the page as it was (screenshot and text) is kept for the report. */
    private WebElement waitFor(By what) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(what));
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "failed-" + System.currentTimeMillis();
            screenshot(name);
            throw new AssertionError("waited for " + what + " on " + browser.getCurrentUrl() + "; the page showed:\n"
                    + text() + "\n(screenshot " + SCREENSHOTS.resolve(name + ".png") + ")", e);
        }
    }

    /** Waits (20 s) for a condition over pages that re-render themselves: a replaced element is looked up again. */
    private <T> T until(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private String text() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
