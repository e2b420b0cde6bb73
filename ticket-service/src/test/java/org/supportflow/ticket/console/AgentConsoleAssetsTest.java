package org.supportflow.ticket.console;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The console's page, scripts and sign-in settings are served without a token (the page signs in itself). */
@QuarkusTest
class AgentConsoleAssetsTest {

    @Test
    void theConfigTellsWhereToSignInWithoutASecret() {
        given().when().get("/agent/config.json")
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body("oidcUrl", equalTo("http://127.0.0.1:8180/realms/support"))
                .body("clientId", equalTo("support-console"))
                .body(not(containsString("secret")));
    }

    @Test
    void thePageAndItsModulesAreServedFromTheService() {
        given().when().get("/agent/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy",
                        containsString("connect-src 'self' http://127.0.0.1:8180/realms/support/"))
                .body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"))
                .body(not(containsString("http://")))
                .body(not(containsString("https://")));
        given().when().get("/agent/js/main.js").then().statusCode(200)
                .contentType(containsString("javascript"));
        // The sign-in, API and DOM modules are platform-web's, shared with the operator dashboard.
        given().when().get("/shared/js/auth.js").then().statusCode(200)
                .contentType(containsString("javascript"))
                .body(containsString("S256"));
        given().when().get("/agent/js/main.js").then().statusCode(200)
                .body(containsString("from '/shared/js/session.js'"))
                .body(containsString("basePath: '/agent/'"));
        given().when().get("/agent/console.css").then().statusCode(200);
    }

    @Test
    void noScriptWritesHtmlFromStrings() {
        for (String module : new String[]{"agent/js/main", "shared/js/auth", "shared/js/api", "shared/js/session",
                "agent/js/live", "agent/js/i18n", "shared/js/dom", "agent/js/inbox", "agent/js/ticket",
                "agent/js/drafts", "agent/js/countdown"}) {
            given().when().get("/" + module + ".js")
                    .then().statusCode(200)
                    .body(not(containsString("innerHTML")))
                    .body(not(containsString("insertAdjacentHTML")))
                    .body(not(containsString("document.write")));
        }
    }
}
