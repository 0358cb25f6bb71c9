package nl.inzage.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input to the web pages under a real session (a Keycloak login in Chromium, then the session cookie on
 * requests the page's own forms would never send): every one refused with a 4xx page, never a 5xx, nothing
 * reflected unescaped, and nothing written. The API suites (HostileInputIT per module) send bearer tokens, which the
 * pages answer with the login redirect; this is the half they cannot reach.
 */
class WebHostileInputIT {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final List<String> BAD_TEXT = List.of("' OR '1'='1", "1; DROP TABLE consent;--", SCRIPT, "../../../etc/passwd",
            "%2e%2e%2f%2e%2e%2f", "\u0000", "\u202e00000101", "\uff10\uff10\uff10\uff10\uff10\uff11\uff10\uff11", "x".repeat(5000));
    private static Browser browser;

    @BeforeAll
    static void start() {
        Stack.warmUp();
        Stack.restoreDemoClientConsents();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theClientPortalRefusesEveryForgedChangeAndChangesNothing() {
        Page client = browser.loggedIn("client", "/web/mijn-toestemmingen");
        Locator wieg = client.locator("article.consent", new Page.LocatorOptions().setHas(client.locator("h3",
                new Page.LocatorOptions().setHasText("Verloskundigenpraktijk De Wieg"))));
        String id = wieg.getAttribute("id").substring("toestemming-".length());
        String version = wieg.locator("input[name=version]").first().getAttribute("value");

        Map<String, APIResponse> answers = new LinkedHashMap<>();
        for (String bad : BAD_TEXT) {
            answers.put("action " + shown(bad), change(client, id, form("action", bad, "version", version)));
            answers.put("version " + shown(bad), change(client, id, form("action", "withdraw", "version", bad)));
            answers.put("exclude-organization " + shown(bad), change(client, id, form("action", "exclude-organization", "value", bad, "version", version)));
            answers.put("exclude-type " + shown(bad), change(client, id, form("action", "exclude-type", "value", bad, "version", version)));
            answers.put("exclude-category " + shown(bad), change(client, id, form("action", "exclude-category", "value", bad, "version", version)));
            answers.put("allow index " + shown(bad), change(client, id, form("action", "allow", "index", bad, "version", version)));
            answers.put("id " + shown(bad), change(client, URLEncoder.encode(bad, StandardCharsets.UTF_8), form("action", "withdraw", "version", version)));
        }
        for (String index : List.of("-1", "99999", "2147483648", "1e3", "")) {
            answers.put("allow index " + index, change(client, id, form("action", "allow", "index", index, "version", version)));
        }
        answers.put("no action", change(client, id, form("version", version)));
        answers.put("no version", change(client, id, form("action", "withdraw")));
        answers.put("another client's consent", change(client, otherClientsConsent(), form("action", "withdraw", "version", "1")));
        answers.put("JSON instead of a form", client.request().post(Stack.GATEWAY + "/web/mijn-toestemmingen/" + id, RequestOptions.create()
                .setHeader("Origin", Stack.GATEWAY).setHeader("Content-Type", "application/json")
                .setData("{\"action\":\"withdraw\",\"version\":\"" + version + "\"}").setMaxRedirects(0)));
        answers.put("a 3 MB form", change(client, id, form("action", "withdraw", "version", version, "value", "x".repeat(3 * 1024 * 1024))));
        answers.put("a message to show that is not one", client.request().get(Stack.GATEWAY + "/web/mijn-toestemmingen?melding="
                + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8) + "&toestemming=" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8),
                RequestOptions.create().setMaxRedirects(0)));

        List<String> wrong = new ArrayList<>();
        answers.forEach((input, answer) -> {
            boolean pageWithMessage = input.startsWith("a message to show");
            boolean refused = answer.status() >= 400 && answer.status() < 500;
            if (!(pageWithMessage ? answer.status() == 200 : refused) || answer.text().contains(SCRIPT)) {
                wrong.add(input + ": " + answer.status());
            }
        });
        report("client portal", answers);
        assertThat(wrong).as("forged changes not refused with a 4xx (or a script reflected)").isEmpty();
        client.reload();
        Locator after = client.locator("#toestemming-" + id);
        assertThat(after.locator("input[name=version]").first().getAttribute("value")).as("the consent's version").isEqualTo(version);
        client.context().close();
    }

    @Test
    void theViewerRefusesEveryForgedLookupAndRequestAndWritesNoRelationship() {
        String bsn = Stack.freshBsn();
        Stack.registerClientConsents(bsn);
        Page viewer = browser.loggedIn("verloskundige", "/web/viewer");

        Map<String, APIResponse> answers = new LinkedHashMap<>();
        for (String bad : BAD_TEXT) {
            String encoded = URLEncoder.encode(bad, StandardCharsets.UTF_8);
            answers.put("lookup " + shown(bad), viewer.request().get(Stack.GATEWAY + "/web/viewer/zoek?bsn=" + encoded,
                    RequestOptions.create().setMaxRedirects(0)));
            answers.put("client page " + shown(bad), viewer.request().get(Stack.GATEWAY + "/web/viewer/clienten/" + encoded,
                    RequestOptions.create().setMaxRedirects(0)));
            answers.put("access request for " + shown(bad), post(viewer, "/web/viewer/clienten/" + encoded + "/toegang", form("reason", "zorg")));
            answers.put("emergency for " + shown(bad), post(viewer, "/web/viewer/clienten/" + encoded + "/noodtoegang", form("reason", "spoed")));
        }
        for (String reason : List.of("", "   ", "x".repeat(5000))) {
            answers.put("access request with reason " + shown(reason), post(viewer, "/web/viewer/clienten/" + bsn + "/toegang", form("reason", reason)));
            answers.put("emergency with reason " + shown(reason), post(viewer, "/web/viewer/clienten/" + bsn + "/noodtoegang", form("reason", reason)));
        }
        answers.put("access request without a reason", post(viewer, "/web/viewer/clienten/" + bsn + "/toegang", form()));
        answers.put("a BSN failing the 11-test", viewer.request().get(Stack.GATEWAY + "/web/viewer/clienten/" + bsn.substring(0, 8)
                + ((bsn.charAt(8) - '0' + 1) % 10), RequestOptions.create().setMaxRedirects(0)));

        List<String> wrong = new ArrayList<>();
        answers.forEach((input, answer) -> {
            if (answer.status() < 400 || answer.status() >= 500 || answer.text().contains(SCRIPT)) {
                wrong.add(input + ": " + answer.status());
            }
        });
        report("viewer", answers);
        assertThat(wrong).as("forged lookups and requests not refused with a 4xx (or a script reflected)").isEmpty();
        var relationships = Stack.send(HttpRequest.newBuilder(URI.create(Stack.RELATIONSHIP + "/relationships?patient=" + bsn))
                .header("Authorization", "Bearer " + Stack.sourceToken("00000101")).GET().build());
        assertThat(relationships.statusCode()).isEqualTo(200);
        assertThat(Stack.read(relationships.body())).as("relationships of the client at the verloskundige's organisation").isEmpty();
        viewer.context().close();
    }

    /** The status codes seen, for RELIABILITY.md. */
    private static void report(String pages, Map<String, APIResponse> answers) {
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        answers.values().forEach(answer -> statuses.merge(answer.status(), 1L, Long::sum));
        System.out.println("web hostile input, " + pages + ": " + answers.size() + " requests, status codes " + statuses);
    }

    private static APIResponse change(Page page, String id, FormData form) {
        return post(page, "/web/mijn-toestemmingen/" + id, form);
    }

    /** A form post as the page's own forms send it (same Origin, the session cookie), without following the redirect. */
    private static APIResponse post(Page page, String path, FormData form) {
        return page.request().post(Stack.GATEWAY + path, RequestOptions.create()
                .setHeader("Origin", Stack.GATEWAY).setForm(form).setMaxRedirects(0));
    }

    private static FormData form(String... pairs) {
        FormData form = FormData.create();
        for (int i = 0; i < pairs.length; i += 2) {
            form.set(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    /** A consent of another client (a fresh one), by id: the demo client's session must not reach it. */
    private static String otherClientsConsent() {
        String bsn = Stack.freshBsn();
        Stack.registerClientConsents(bsn);
        var found = Stack.send(HttpRequest.newBuilder(URI.create(Stack.CONSENT + "/fhir/Consent?patient:identifier="
                        + URLEncoder.encode(Stack.BSN_SYSTEM + "|" + bsn, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + Stack.sourceToken("00000101")).GET().build());
        return Stack.read(found.body()).path("entry").get(0).path("resource").path("id").asText();
    }

    private static String shown(String input) {
        String printable = input.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
        return printable.length() > 40 ? printable.substring(0, 40) + "… (" + input.length() + " chars)" : printable;
    }
}
