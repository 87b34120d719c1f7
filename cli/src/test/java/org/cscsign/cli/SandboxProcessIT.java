package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged {@code cscsign.jar} as a user would: a real process, a real port, a real signal. */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a hung child process must fail the build, not stall it
class SandboxProcessIT {

    @Test
    void sandboxPrintsOneJsonLineServesInfoAndStopsOnSigterm(@TempDir Path stateDir) throws Exception {
        Process process = sandbox(stateDir, "--port", "0");
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            assertThat(line).as("the ready line (stderr: %s)", stderr(stateDir)).isNotNull();
            JsonNode ready = new ObjectMapper().readTree(line);
            assertThat(ready.path("baseUrl").asText()).startsWith("http://127.0.0.1:");
            assertThat(ready.path("cscUrl").asText()).endsWith("/csc/v2");
            assertThat(Path.of(ready.path("trustAnchor").asText())).exists();
            assertThat(ready.path("credentialIDs")).isNotEmpty();

            HttpResponse<String> info = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ready.path("cscUrl").asText() + "/info"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(info.body()).path("methods")).isNotEmpty();

            CliRun cliInfo = CliRun.run("info", "--csc-url", ready.path("cscUrl").asText(), "--json");
            assertThat(cliInfo.exitCode()).as(cliInfo.err()).isEqualTo(0);
            assertThat(new ObjectMapper().readTree(cliInfo.out()).path("specs").asText()).isNotBlank();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("exit code after SIGTERM (stderr: %s)", stderr(stateDir)).isEqualTo(0);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void primesignProfileLineNamesTheIssuerTheAuthorizationEndpointsAndBothCscBases(@TempDir Path stateDir) throws Exception {
        Process process = sandbox(stateDir, "--profile", "primesign");
        try {
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(line).as("the ready line (stderr: %s)", stderr(stateDir)).isNotNull();
            JsonNode ready = new ObjectMapper().readTree(line);
            String base = ready.path("baseUrl").asText();
            assertThat(ready.path("profile").asText()).isEqualTo("primesign");
            assertThat(ready.path("cscUrl").asText()).isEqualTo(base + "/csc/v2");
            assertThat(ready.path("cscUrlV1").asText()).isEqualTo(base + "/csc/v1");
            assertThat(ready.path("issuer").asText()).isEqualTo(base + "/realms/sandbox");
            assertThat(ready.path("authorizeUrl").asText()).isEqualTo(base + "/realms/sandbox/protocol/openid-connect/auth");
            assertThat(ready.path("parUrl").asText()).isEqualTo(base + "/realms/sandbox/protocol/openid-connect/ext/par/request");
            assertThat(ready.path("clientId").asText()).isNotBlank();
            assertThat(ready.path("pin").asText()).isNotBlank();
            HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(ready.path("issuer").asText() + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper().readTree(metadata.body()).path("authorization_endpoint").asText())
                    .isEqualTo(ready.path("authorizeUrl").asText());
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(0);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Starts {@code cscsign sandbox} from the packaged jar with the state dir and the given options. */
    private static Process sandbox(Path stateDir, String... options) throws Exception {
        Path jar = Path.of("target", "cscsign.jar").toAbsolutePath();
        assertThat(jar).exists();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "sandbox"));
        command.addAll(java.util.List.of(options));
        command.addAll(java.util.List.of("--state-dir", stateDir.toString()));
        return new ProcessBuilder(command).redirectError(stateDir.resolve("stderr.txt").toFile()).start();
    }

    private static String stderr(Path dir) throws Exception {
        Path file = dir.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
