package nl.inzage.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's portal: her consents, a withdrawal that holds at once for a practitioner, and giving it again. */
class ClientPortalIT {

    private static Browser browser;

    @BeforeAll
    static void start() {
        Stack.restoreDemoClientConsents();
        Stack.warmUp();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        // Leave the demo client as ./dev up loaded her, whatever happened above.
        Stack.restoreDemoClientConsents();
    }

    @Test
    void clientWithdrawsAConsentAndTheVerloskundigeNoLongerSeesThatOrganisationsData() {
        Page client = browser.loggedIn("client", "/web/mijn-toestemmingen");
        assertThat(client.locator("h1")).hasText("Mijn toestemmingen");
        assertThat(client.locator("html")).hasAttribute("lang", "nl");
        Locator wieg = consentOf(client, "Verloskundigenpraktijk De Wieg");
        Locator hospital = consentOf(client, "Ziekenhuis Rivierenland");
        assertThat(wieg.locator("[data-status]")).hasText("Toestemming gegeven");
        // What she agreed to and how she was informed (seed 000's checklist), and her exclusion at the hospital.
        assertThat(wieg).containsText("Verloskundigenpraktijk");
        assertThat(wieg).containsText("door");
        assertThat(hospital).containsText("Niet delen met het hele netwerk: psychosociale gegevens");
        assertThat(client.locator("#uitleg-titel")).isVisible();
        Browser.accessible(client);
        Browser.screenshot(client, "01-mijn-toestemmingen");

        // The verloskundige sees De Wieg's data before ...
        Page verloskundige = browser.loggedIn("verloskundige", "/web/viewer");
        verloskundige.fill("#bsn", Stack.DEMO_CLIENT);
        verloskundige.click("button:has-text('Zoeken')");
        assertThat(verloskundige.locator("#bron-00000101")).containsText("U ziet: Zwangerschap");
        assertThat(verloskundige.locator("#categorie-pregnancy")).containsText("Graviditeit en pariteit");

        wieg.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Toestemming intrekken voor Verloskundigenpraktijk De Wieg"))
                .click();
        assertThat(client.locator("#melding")).containsText("Uw toestemming voor Verloskundigenpraktijk De Wieg is ingetrokken");
        assertThat(consentOf(client, "Verloskundigenpraktijk De Wieg").locator("[data-status]")).hasText("Ingetrokken");
        Browser.accessible(client);
        Browser.screenshot(client, "02-toestemming-ingetrokken");

        // ... and not after: the page confirmed only once the gateway decides on the withdrawal.
        verloskundige.reload();
        assertThat(verloskundige.locator("#bron-00000101")).containsText("U ziet hier niets");
        assertThat(verloskundige.locator("#bron-00000101")).containsText("de cliënt heeft haar toestemming ingetrokken");
        assertThat(verloskundige.locator("#bron-00000201")).containsText("U ziet:");
        Browser.accessible(verloskundige);
        Browser.screenshot(verloskundige, "03-viewer-na-intrekking");

        consentOf(client, "Verloskundigenpraktijk De Wieg")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Opnieuw toestemming geven aan Verloskundigenpraktijk De Wieg"))
                .click();
        assertThat(client.locator("#melding")).containsText("opnieuw toestemming gegeven");
        assertThat(consentOf(client, "Verloskundigenpraktijk De Wieg").locator("[data-status]")).hasText("Toestemming gegeven");
        verloskundige.reload();
        assertThat(verloskundige.locator("#bron-00000101")).containsText("U ziet: Zwangerschap");
        verloskundige.context().close();
        client.context().close();
    }

    @Test
    void clientExcludesAnOrganisationTypeAndAllowsItAgain() {
        Page client = browser.loggedIn("client", "/web/mijn-toestemmingen");
        Locator kraamzorg = consentOf(client, "Kraamzorg Het Nest");
        kraamzorg.locator("summary").click();
        kraamzorg.getByLabel("Dit soort organisatie mag mijn gegevens niet inzien").selectOption("Z3");
        kraamzorg.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Soort organisatie uitsluiten")).click();
        assertThat(client.locator("#melding")).containsText("Uw uitzondering is vastgelegd bij Kraamzorg Het Nest");
        Locator rule = consentOf(client, "Kraamzorg Het Nest").locator(".rules li", new Locator.LocatorOptions()
                .setHasText("Niet delen met organisaties van het type huisartspraktijk"));
        assertThat(rule).hasCount(1);
        Browser.screenshot(client, "04-soort-organisatie-uitgesloten");
        rule.getByRole(AriaRole.BUTTON).click();
        assertThat(client.locator("#melding")).containsText("De uitzondering is opgeheven");
        assertThat(consentOf(client, "Kraamzorg Het Nest").locator(".rules li", new Locator.LocatorOptions()
                .setHasText("huisartspraktijk"))).hasCount(0);
        client.context().close();
    }

    @Test
    void aFormPostFromAnotherSiteIsRefusedAndChangesNothing() {
        Page client = browser.loggedIn("client", "/web/mijn-toestemmingen");
        Locator wieg = consentOf(client, "Verloskundigenpraktijk De Wieg");
        String id = wieg.getAttribute("id").substring("toestemming-".length());
        String version = wieg.locator("input[name=version]").first().getAttribute("value");
        // The session cookie goes along (same browser context); only the Origin is another site's.
        var response = client.request().post(Stack.GATEWAY + "/web/mijn-toestemmingen/" + id,
                com.microsoft.playwright.options.RequestOptions.create()
                        .setHeader("Origin", "https://kwaadwillend.example")
                        .setForm(com.microsoft.playwright.options.FormData.create().set("action", "withdraw").set("version", version))
                        .setMaxRedirects(0));
        org.assertj.core.api.Assertions.assertThat(response.status()).isEqualTo(403);
        client.reload();
        assertThat(consentOf(client, "Verloskundigenpraktijk De Wieg").locator("[data-status]")).hasText("Toestemming gegeven");
        client.context().close();
    }

    private static Locator consentOf(Page page, String organization) {
        return page.locator("article.consent", new Page.LocatorOptions().setHas(page.locator("h3", new Page.LocatorOptions()
                .setHasText(organization))));
    }
}
