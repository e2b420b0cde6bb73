package org.supportflow.analytics.support;

import io.restassured.response.Response;
import org.supportflow.analytics.summary.AnalyticsSummary;
import org.supportflow.contracts.json.EventJson;

import java.time.Instant;

import static io.restassured.RestAssured.given;

/** Reads the summary through the HTTP API (call from a test method annotated with @TestSecurity). */
public final class Summaries {

    private Summaries() {
    }

    public static AnalyticsSummary fetch(Instant from, Instant to) {
        return fetch(from.toString(), to.toString(), null);
    }

    public static AnalyticsSummary fetch(String from, String to, Integer top) {
        var request = given().queryParam("from", from).queryParam("to", to);
        if (top != null) {
            request = request.queryParam("top", top);
        }
        Response response = request.when().get("/api/v1/analytics/summary");
        if (response.statusCode() != 200) {
            throw new AssertionError("summary answered " + response.statusCode() + ": " + response.asString());
        }
        return EventJson.fromJson(response.asString(), AnalyticsSummary.class);
    }
}
