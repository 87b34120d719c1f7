package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Java API: builder validation, describe, lifecycle, and the JUnit extension itself. */
class SandboxLifecycleTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    @Test
    void builderRejectsInvalidValuesNamingTheField() {
        assertThatThrownBy(() -> Sandbox.builder().scal(3).build()).hasMessageContaining("scal");
        assertThatThrownBy(() -> Sandbox.builder().multisign(0).build()).hasMessageContaining("multisign");
        assertThatThrownBy(() -> Sandbox.builder().port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> Sandbox.builder().latency(Duration.ofMillis(-1)).build()).hasMessageContaining("latency");
        assertThatThrownBy(() -> Sandbox.builder().tokenLifetime(Duration.ZERO).build()).hasMessageContaining("tokenLifetime");
        assertThatThrownBy(() -> Sandbox.builder().profile(null).build()).hasMessageContaining("profile");
    }

    @Test
    void describeJsonHasTheContractFieldsInOrder(Sandbox s) throws Exception {
        JsonNode j = Http.JSON.readTree(s.describeJson());
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("baseUrl", "cscUrl", "tokenUrl", "tsaUrl", "clientId", "clientSecret", "pin",
                "trustAnchor", "credentialIDs", "cscUrlV1", "issuer", "authorizeUrl", "parUrl", "revocationUrl", "profile",
                "clientKey", "stateDir");
        assertThat(s.describeJson()).doesNotContain("\n");
        assertThat(j.get("cscUrl").asText()).isEqualTo(s.baseUrl() + "/csc/v2");
        assertThat(j.get("baseUrl").asText()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
        assertThat(Path.of(j.get("trustAnchor").asText())).isAbsolute().exists();
        assertThat(j.get("credentialIDs")).extracting(JsonNode::asText)
                .containsExactly("rsa2048", "rsa3072", "ecp256", "ecp384", "revoked", "expired");
        assertThat(Files.readString(s.clientKeyPem())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(s.clientRsaKeyPem())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void extensionResetsFaultsAndStatsBeforeEachTest(Sandbox s) {
        // another test of this class may have switched faults on; each test starts clean
        assertThat(s.stats().snapshot()).isEmpty();
        s.faults().dropLastSignature(true);
        s.stats().request("/marker");
        assertThat(s).isSameAs(sandbox.get());
    }

    @Test
    void extensionResetsFaultsAndStatsBeforeEachTestAgain(Sandbox s) {
        assertThat(s.stats().snapshot()).isEmpty();
        s.faults().dropLastSignature(true);
        s.stats().request("/marker");
    }

    @Test
    void aStoppedSandboxNoLongerServesAndAStateDirIsReused(@TempDir Path dir) throws Exception {
        Sandbox.copyKeyMaterial(Path.of(sandbox.get().describe().get("stateDir").toString()), dir);
        Sandbox first = Sandbox.builder().stateDir(dir).profile(Profile.BANKID).build().start();
        URI info = URI.create(first.cscUrl() + "/info");
        String secret = first.clientSecret();
        assertThat(Http.get(info).status()).isEqualTo(200);
        assertThatThrownBy(first::cscV1Url).isInstanceOf(IllegalStateException.class);
        first.close();
        HttpClient client = HttpClient.newHttpClient();
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(info).GET().build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
        try (Sandbox second = Sandbox.builder().stateDir(dir).build().start()) {
            assertThat(second.clientSecret()).isEqualTo(secret);
            assertThat(second.pki().rootCertificate()).isEqualTo(sandbox.get().pki().rootCertificate());
        }
    }

    @Test
    void accessorsNeedAStartedSandbox() {
        Sandbox s = Sandbox.builder().build();
        assertThatThrownBy(s::baseUrl).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        assertThat(s.profile()).isEqualTo(Profile.STANDARD);
        assertThat(s.multisign()).isEqualTo(50);
    }
}
