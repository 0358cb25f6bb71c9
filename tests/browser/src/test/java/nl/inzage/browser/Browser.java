package nl.inzage.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's Chromium driven by Playwright (no browser download), a fresh browser context (no
 * cookies) per user, a Keycloak login, screenshots under target/screenshots and an axe check.
 */
final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
    }

    /** A new browser context, signed in as this demo user (password = user name) through Keycloak's login page. */
    Page loggedIn(String user, String path) {
        BrowserContext context = chromium.newContext(new NewContextOptions().setLocale("nl-NL").setViewportSize(1200, 900));
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        page.navigate(Stack.GATEWAY + path);
        assertThat(page.url()).as("the page sends an anonymous visitor to Keycloak").startsWith(Stack.KEYCLOAK + "/realms/geboortezorg/");
        assertThat(page.url()).contains("code_challenge_method=S256").contains("client_id=viewer");
        page.fill("#username", user);
        page.fill("#password", user);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(Stack.GATEWAY + path));
        return page;
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    /** WCAG 2.1 A and AA rules of axe: no serious or critical violation on the page as it is now. */
    static void accessible(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze();
        List<Rule> bad = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        assertThat(bad).as(() -> "axe violations on " + page.url() + ":\n" + bad.stream()
                .map(rule -> rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
