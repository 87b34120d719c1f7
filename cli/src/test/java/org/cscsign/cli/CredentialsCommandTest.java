package org.cscsign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialsCommandTest {

    @RegisterExtension
    static SandboxExtension standard = SandboxExtension.standard();

    @RegisterExtension
    static SandboxExtension bankid = SandboxExtension.bankid();

    static Map<String, String> secretOf(Sandbox sandbox) {
        return Map.of("CSC_CLIENT_SECRET", sandbox.clientSecret());
    }

    @Test
    void jsonListsEveryCredentialWithKeyAndLeafFirstChain() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secretOf(sandbox), "credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        JsonNode credentials = Json.mapper().readTree(run.out()).path("credentials");
        assertThat(credentials).extracting(c -> c.path("id").asText()).containsAll(sandbox.credentialIds());
        JsonNode rsa = find(credentials, "rsa2048");
        assertThat(rsa.path("keyAlgorithm").asText()).isEqualTo("RSA");
        assertThat(rsa.path("keyLength").asInt()).isEqualTo(2048);
        JsonNode ec = find(credentials, "ecp256");
        assertThat(ec.path("keyAlgorithm").asText()).isEqualTo("EC");
        assertThat(ec.path("curve").asText()).isEqualTo("P-256");
        X509Certificate leaf = certificate(rsa.path("certificates").get(0).asText());
        X509Certificate issuer = certificate(rsa.path("certificates").get(1).asText());
        leaf.verify(issuer.getPublicKey());
        assertThat(rsa.path("subject").asText()).isEqualTo(leaf.getSubjectX500Principal().getName());
        assertThat(rsa.path("issuer").asText()).isEqualTo(issuer.getSubjectX500Principal().getName());
        assertThat(rsa.path("validTo").asText()).isNotBlank();
        assertThat(find(credentials, "revoked").path("status").asText()).isEqualTo("revoked");
    }

    @Test
    void tableShowsIdKeySubjectAndStatus() {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(secretOf(sandbox), "credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.out()).contains("ID").contains("rsa2048").contains("RSA 2048").contains("EC P-384")
                .contains("revoked");
    }

    @Test
    void bankidProfileUsesDpopAndListsCredentials() throws Exception {
        Sandbox sandbox = bankid.get();

        CliRun run = CliRun.run(secretOf(sandbox), "credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--profile", "bankid", "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(Json.mapper().readTree(run.out()).path("credentials")).isNotEmpty();
    }

    @Test
    void privateKeyJwtNeedsNoSecret() throws Exception {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run("credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--client-key", sandbox.clientKeyPem().toString(), "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(Json.mapper().readTree(run.out()).path("credentials")).isNotEmpty();
    }

    @Test
    void bankidWithAGivenDpopKeyAndProfileInferredFromTheUrl() throws Exception {
        Sandbox sandbox = bankid.get();

        CliRun run = CliRun.run(secretOf(sandbox), "credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId(), "--dpop-key", sandbox.clientKeyPem().toString(), "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(Json.mapper().readTree(run.out()).path("credentials")).isNotEmpty();
    }

    @Test
    void aDpopKeyWithoutALoginIsAUsageErrorAndNothingIsCalled() {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run("credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--dpop-key", sandbox.clientKeyPem().toString());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).startsWith("cscsign: error: ").contains("--dpop-key").doesNotContain("\tat ");
        assertThat(sandbox.stats().count(sandbox.cscUrl().getPath() + "/credentials/list")).isZero();
    }

    @Test
    void missingClientSecretIsAUsageError() {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run("credentials", "--csc-url", sandbox.cscUrl().toString(),
                "--client-id", sandbox.clientId());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cscsign: error: ").contains("CSC_CLIENT_SECRET").doesNotContain("\tat ");
    }

    @Test
    void wrongClientSecretIsARemoteError() {
        Sandbox sandbox = standard.get();

        CliRun run = CliRun.run(Map.of("CSC_CLIENT_SECRET", "not-the-secret"), "credentials",
                "--csc-url", sandbox.cscUrl().toString(), "--client-id", sandbox.clientId());

        assertThat(run.exitCode()).as(run.all()).isEqualTo(3);
        assertThat(run.err()).startsWith("cscsign: error: ").doesNotContain("\tat ").doesNotContain("not-the-secret");
    }

    @Test
    void configFileAndSecretFileWorkAndSecretsNeverAppearEvenVerbose(@TempDir Path dir) throws Exception {
        Sandbox sandbox = standard.get();
        Path secret = Files.writeString(dir.resolve("secret"), sandbox.clientSecret() + "\n");
        Path config = Files.writeString(dir.resolve("cscsign.properties"),
                "csc-url=" + sandbox.cscUrl() + "\nclient-id=" + sandbox.clientId() + "\n");

        CliRun run = CliRun.run("credentials", "--config", config.toString(), "--client-secret-file", secret.toString(),
                "--verbose", "--json");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(0);
        assertThat(run.all()).doesNotContain(sandbox.clientSecret());
    }

    @Test
    void unreadableConfigIsAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.run("credentials", "--config", dir.resolve("missing.properties").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--config").doesNotContain("\tat ");
    }

    private static JsonNode find(JsonNode credentials, String id) {
        for (JsonNode c : credentials) {
            if (c.path("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no credential " + id + " in " + credentials);
    }

    static X509Certificate certificate(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }
}
