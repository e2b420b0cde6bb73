package org.supportflow.analytics.support;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Reads samples from the Prometheus text exposition on {@code /q/metrics}. */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+).*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private PrometheusText(String text) {
        this.text = text;
    }

    public static PrometheusText scrape() {
        return new PrometheusText(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    public String text() {
        return text;
    }

    /** The value of the sample with this name and (at least) these labels, 0 when there is none. */
    public double value(String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            wanted.put(labelPairs[i], labelPairs[i + 1]);
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            if (labels.entrySet().containsAll(wanted.entrySet())) {
                return Double.parseDouble(sample.group(3));
            }
        }
        return 0;
    }

    /** Whether a sample of this metric name is exposed at all. */
    public boolean has(String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(text).find();
    }
}
