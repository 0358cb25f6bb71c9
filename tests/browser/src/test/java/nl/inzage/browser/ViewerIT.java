package nl.inzage.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The practitioners' viewer: BSN lookup, access request, role filtering, emergency access seen by the client. */
class ViewerIT {

    private static final List<String> KRAAMZORG_CATEGORIES = List.of("pregnancy", "delivery", "postpartum", "newborn", "care-plan");
    private static final List<String> HIDDEN_FOR_KRAAMZORG = List.of("lab-results", "ultrasound", "medical-history", "psychosocial",
            "medication");
    private static Browser browser;

    @BeforeAll
    static void start() {
        Stack.warmUp();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aBsnFailingTheElevenTestIsRefusedInThePageAndByTheServer() {
        Page page = browser.loggedIn("verloskundige", "/web/viewer");
        Browser.accessible(page);
        Browser.screenshot(page, "10-viewer-zoeken");
        page.fill("#bsn", "999993654");
        page.click("button:has-text('Zoeken')");
        assertThat(page.locator("#bsn-js-fout")).containsText("elfproef");
        assertThat(page).hasURL(Stack.GATEWAY + "/web/viewer");
        Browser.accessible(page);
        Browser.screenshot(page, "11-viewer-bsn-fout");
        // Without the page's script (a direct request), the server refuses it too.
        var response = page.navigate(Stack.GATEWAY + "/web/viewer/zoek?bsn=999993654");
        assertThat(response.status()).isEqualTo(400);
        assertThat(page.locator("#bsn-fout")).containsText("elfproef");
        assertThat(page.navigate(Stack.GATEWAY + "/web/viewer/clienten/123456789").status()).isEqualTo(400);
        page.context().close();
    }

    @Test
    void kraamverzorgendeAsksAccessWithAReasonAndSeesOnlyHerRolesCategories() {
        String bsn = Stack.freshBsn();
        Stack.registerClientConsents(bsn);
        Page page = browser.loggedIn("kraamverzorgende", "/web/viewer");
        page.fill("#bsn", bsn);
        page.click("button:has-text('Zoeken')");
        assertThat(page.locator("h1")).hasText("Cliënt met BSN " + bsn);
        Locator nest = page.locator("#bron-00000301");
        assertThat(nest).containsText("U ziet hier niets");
        assertThat(nest).containsText("uw organisatie heeft (nog) geen behandelrelatie met deze cliënt");
        Browser.accessible(page);
        Browser.screenshot(page, "12-viewer-geen-toegang");

        // The reason is required: the page does not send an empty one, and the server refuses it.
        nest.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Toegang vragen")).click();
        assertThat(nest.locator("textarea:invalid")).hasCount(1);
        assertThat(page.request().post(Stack.GATEWAY + "/web/viewer/clienten/" + bsn + "/toegang", RequestOptions.create()
                .setHeader("Origin", Stack.GATEWAY).setForm(FormData.create().set("reason", " ")).setMaxRedirects(0)).status())
                .isEqualTo(400);
        page.reload();
        assertThat(nest).containsText("geen behandelrelatie");
        nest.getByLabel("Reden om toegang te vragen").fill("intake kraamzorg, bevalling verwacht");
        nest.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Toegang vragen")).click();
        assertThat(page.locator("#melding")).containsText("Uw toegang is geregistreerd");
        for (String category : KRAAMZORG_CATEGORIES) {
            assertThat(page.locator("#categorie-" + category)).hasClass(java.util.regex.Pattern.compile(".*is-visible.*"));
        }
        for (String category : HIDDEN_FOR_KRAAMZORG) {
            Locator hidden = page.locator("#categorie-" + category);
            assertThat(hidden).hasClass(java.util.regex.Pattern.compile(".*is-hidden.*"));
            assertThat(hidden).containsText("Verborgen");
            assertThat(hidden).containsText("niet zichtbaar voor uw rol");
        }
        // Data of the permitted categories from the source systems, nothing of the others.
        assertThat(page.locator("#categorie-postpartum")).containsText("Kraambedbezoek dag 2");
        assertThat(page.locator("#categorie-pregnancy")).containsText("Graviditeit en pariteit");
        assertThat(page.locator("#categorie-newborn")).containsText("Geboortegewicht");
        assertThat(page.locator("main")).not().containsText("Hemoglobine");
        assertThat(page.locator("main")).not().containsText("Migraine");
        assertThat(page.locator("main")).not().containsText("Psychosociale anamnese");
        assertThat(page.locator("form.access-request")).hasCount(0);
        Browser.accessible(page);
        Browser.screenshot(page, "13-viewer-na-toegang-vragen");
        page.context().close();
    }

    @Test
    void emergencyAccessShowsTheWarningWithItsTimeLimitAndTheClientSeesItMarkedInHerLog() {
        String reason = "browsertest spoed " + UUID.randomUUID().toString().substring(0, 8);
        Page huisarts = browser.loggedIn("huisarts", "/web/viewer/clienten/" + Stack.DEMO_CLIENT);
        Locator emergency = huisarts.locator("section.emergency-box");
        assertThat(emergency).containsText("Alleen in een noodsituatie");
        // Without a reason nothing is granted: the page does not send it, and the server refuses it.
        emergency.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Noodtoegang gebruiken")).click();
        assertThat(emergency.locator("textarea:invalid")).hasCount(1);
        assertThat(huisarts.request().post(Stack.GATEWAY + "/web/viewer/clienten/" + Stack.DEMO_CLIENT + "/noodtoegang",
                RequestOptions.create().setHeader("Origin", Stack.GATEWAY).setForm(FormData.create().set("reason", ""))
                        .setMaxRedirects(0)).status()).isEqualTo(400);
        emergency.getByLabel("Reden voor noodtoegang (verplicht)").fill(reason);
        emergency.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Noodtoegang gebruiken")).click();
        Locator warning = huisarts.locator("#noodtoegang-actief");
        assertThat(warning).containsText("Noodtoegang actief tot");
        assertThat(warning).containsText("vervalt daarna vanzelf");
        assertThat(huisarts.locator("#categorie-pregnancy")).containsText("Graviditeit en pariteit");
        Browser.accessible(huisarts);
        Browser.screenshot(huisarts, "14-viewer-noodtoegang");
        huisarts.context().close();

        Page client = browser.loggedIn("client", "/web/mijn-toestemmingen");
        Locator row = client.locator("table.log tr.emergency", new Page.LocatorOptions().setHasText(reason));
        // audit-service reads the log from Kafka: give it a few seconds.
        for (int attempt = 0; attempt < 20 && row.count() == 0; attempt++) {
            client.waitForTimeout(1000);
            client.reload();
        }
        assertThat(row).hasCount(1);
        assertThat(row).containsText("Noodtoegang");
        assertThat(row).containsText("Huisarts");
        Browser.accessible(client);
        client.locator("#logboek").scrollIntoViewIfNeeded();
        Browser.screenshot(client, "15-logboek-met-noodtoegang");
        client.context().close();
    }
}
