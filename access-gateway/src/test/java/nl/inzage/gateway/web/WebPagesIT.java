package nl.inzage.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

/**
 * The web pages' login and their separation from the API, without a browser (tests/browser drives
 * them in Chromium against the real Keycloak).
 */
@QuarkusTest
@QuarkusTestResource(OidcWiremockTestResource.class)
class WebPagesIT {

    @Test
    void anAnonymousVisitorOfThePortalIsSentToTheLoginWithPkceAsTheViewerClient() {
        for (String page : new String[] {"/web/mijn-toestemmingen", "/web/viewer", "/web/viewer/clienten/999993653"}) {
            given().redirects().follow(false)
                    .when().get(page)
                    .then().statusCode(302)
                    .header("Location", containsString("/auth/realms/quarkus"))
                    .header("Location", containsString("response_type=code"))
                    .header("Location", containsString("client_id=viewer"))
                    .header("Location", containsString("code_challenge="))
                    .header("Location", containsString("code_challenge_method=S256"));
        }
    }

    @Test
    void theApiStaysABearerTokenApiWithoutRedirects() {
        given().redirects().follow(false).when().get("/viewer/patients/999993653").then().statusCode(401);
        given().redirects().follow(false).contentType("application/json").body("{}")
                .when().post("/access/v1/evaluation").then().statusCode(401);
    }

    @Test
    void theStartPageIsPublicDutchAndLinksBothPages() {
        given().when().get("/web").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"nl\">"))
                .body(containsString("href=\"/web/mijn-toestemmingen\""))
                .body(containsString("href=\"/web/viewer\""))
                .body(not(containsString("{")));
        given().when().get("/web/static/inzage.css").then().statusCode(200);
    }
}
