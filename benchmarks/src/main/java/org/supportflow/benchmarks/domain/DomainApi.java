package org.supportflow.benchmarks.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The NLU's domain admin API as an operator calls it: an admin token from Keycloak, then train and poll. */
final class DomainApi {

    private static final Set<String> FINISHED = Set.of("PASSED", "REFUSED", "FAILED", "PROMOTED");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String nlu;
    private final String tokenUrl;
    private final String user;
    private final String password;

    DomainApi(String nlu, String keycloak, String user, String password) {
        this.nlu = nlu.replaceAll("/+$", "");
        this.tokenUrl = keycloak.replaceAll("/+$", "") + "/realms/support/protocol/openid-connect/token";
        this.user = user;
        this.password = password;
    }

    /** Starts a training job for the bundle's files; returns the job id. */
    String train(Map<String, String> files) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(Map.of("files", files));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(nlu + "/api/v1/nlu/domains/jobs"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("training refused: HTTP " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("id").asText();
    }

    /** Polls the job until it has finished (or the deadline passes); returns its last view. */
    JsonNode await(String jobId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(nlu + "/api/v1/nlu/domains/jobs/" + jobId))
                    .header("Authorization", "Bearer " + token()).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("job " + jobId + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode job = json.readTree(response.body());
            if (FINISHED.contains(job.path("status").asText())) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("job " + jobId + " still " + job.path("status").asText() + " after " + timeout);
            }
            Thread.sleep(2_000);
        }
    }

    private String token() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=support-cli&username=" + encode(user) + "&password="
                + encode(password);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("no admin token from " + tokenUrl + ": HTTP " + response.statusCode());
        }
        return json.readTree(response.body()).path("access_token").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
