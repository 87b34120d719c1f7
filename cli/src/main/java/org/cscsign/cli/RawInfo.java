package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The CSC {@code info} response as the service sent it (POST, then GET on 405 as BankID allows).
 * Used by {@code info --json} and to find the default token endpoint ({@code oauth2} +
 * {@code /oauth2/token}).
 *
 * @param body the response body, unchanged
 * @param json the parsed body
 */
record RawInfo(String body, JsonNode json) {

    static RawInfo fetch(URI cscUrl) {
        URI endpoint = URI.create(ConnectionOptions.stripTrailingSlash(cscUrl) + "/info");
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http")) {
            throw CliException.usage("--csc-url must be an http(s) URL: " + cscUrl);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
                .build());
        if (response.statusCode() == 405) {
            response = send(http, HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build());
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            String error = body == null ? "" : body.path("error").asText("");
            String description = body == null ? "" : body.path("error_description").asText("");
            throw new CliException(ExitCode.REMOTE, "info failed: HTTP " + response.statusCode()
                    + (error.isEmpty() ? "" : " " + error) + (description.isEmpty() ? "" : ": " + description));
        }
        if (body == null || !body.isObject()) {
            throw new CliException(ExitCode.REMOTE, "info failed: the response is not a JSON object");
        }
        return new RawInfo(response.body(), body);
    }

    /** @return oauth2 (or oauth2Issuer) + "/oauth2/token", when the service names an OAuth2 base */
    Optional<URI> defaultTokenUrl() {
        String base = json.path("oauth2").asText("");
        if (base.isBlank()) {
            base = json.path("oauth2Issuer").asText("");
        }
        if (base.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(URI.create(ConnectionOptions.stripTrailingSlash(URI.create(base)) + "/oauth2/token"));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(ExitCode.REMOTE, "cannot reach " + request.uri() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : Errors.firstLine(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.REMOTE, "interrupted while calling " + request.uri(), e);
        }
    }
}
