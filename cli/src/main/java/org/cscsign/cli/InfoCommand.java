package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cscsign info}: the CSC {@code info} method. It needs no token, and {@code --json} must show
 * the response exactly as the service sent it, so this command makes the one HTTP call itself
 * (POST, and GET when the service answers 405, as BankID allows both).
 */
@Command(name = "info",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "Ask a CSC service what it is and what it offers (the CSC 'info' method, no authentication): "
                        + "name, specification version, authentication types, OAuth2 base, methods and "
                        + "signature algorithms.",
                "--json prints the info response exactly as received.",
        })
final class InfoCommand extends BaseCommand {

    @Option(names = "--csc-url", paramLabel = "URL", required = true,
            description = "Base URL of the CSC API, ending before the method name, e.g. http://127.0.0.1:8080/csc/v2.")
    URI cscUrl;

    @Option(names = "--json", description = "Print the info response as received, instead of a summary.")
    boolean json;

    @Override
    int execute() throws Exception {
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
        if (json) {
            out().println(response.body().strip());
            return ExitCode.OK;
        }
        printSummary(body);
        return ExitCode.OK;
    }

    private void printSummary(JsonNode info) {
        Table table = new Table("FIELD", "VALUE");
        table.row("name", text(info, "name"));
        table.row("specs", text(info, "specs"));
        table.row("region", text(info, "region"));
        table.row("description", text(info, "description"));
        table.row("authType", join(info.path("authType")));
        String oauth2 = text(info, "oauth2");
        if (oauth2 == null) {
            oauth2 = text(info, "oauth2Issuer");
        }
        table.row("oauth2", oauth2);
        if (oauth2 != null) {
            table.row("token endpoint (default)", ConnectionOptions.stripTrailingSlash(URI.create(oauth2)) + "/oauth2/token");
        }
        table.row("methods", join(info.path("methods")));
        table.row("signAlgorithms", join(info.path("signAlgorithms").path("algos")));
        if (info.has("asynchronousOperationMode")) {
            table.row("asynchronousOperationMode", info.path("asynchronousOperationMode").asText());
        }
        if (info.has("validationInfo")) {
            table.row("validationInfo", info.path("validationInfo").asText());
        }
        table.print(out());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String join(JsonNode array) {
        if (!array.isArray() || array.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
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
