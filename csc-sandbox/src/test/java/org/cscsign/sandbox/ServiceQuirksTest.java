package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link ServiceQuirks} switches over real HTTP, read with a plain JDK client. */
class ServiceQuirksTest {
    static final String SHA256 = "2.16.840.1.101.3.4.2.1";

    @RegisterExtension
    static SandboxExtension open = SandboxExtension.create(b -> b.scal(2).quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.NONE).implicitAuthorization(true).maxPageSize(4).refuseCertInfo(501)
            .asynchronousSigning(true).asynchronousAuthorization(true).pendingPolls(1).reportCertStatus(false).build()));

    @RegisterExtension
    static SandboxExtension basic = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.BASIC).build()));

    private static URI v2(Sandbox s, String method) {
        return URI.create(s.cscUrl() + "/" + method);
    }

    private static URI v1(Sandbox s, String method) {
        return URI.create(s.cscV1Url() + "/" + method);
    }

    @Test
    void withoutLoginInfoSaysExternalAndAnyAuthorizationHeaderIsRefused() {
        Sandbox s = open.get();
        JsonNode info = postJson(v2(s, "info"), null, "{}").json();
        assertThat(info.path("authType").get(0).asText()).isEqualTo("external");
        assertThat(info.has("oauth2")).isFalse();
        assertThat(info.path("asynchronousOperationMode").asBoolean()).isTrue();
        assertThat(postJson(v2(s, "credentials/list"), null, "{}").status()).isEqualTo(200);
        assertThat(postJson(v2(s, "credentials/list"), "Bearer x", "{}").status()).isEqualTo(401);
    }

    @Test
    void pagesHonourMaxResultsBelowThePageSizeAndEndWithoutAToken() {
        Sandbox s = open.get();
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode body = token == null ? obj("maxResults", 3) : obj("maxResults", 3, "pageToken", token);
            JsonNode page = postJson(v2(s, "credentials/list"), null, body).json();
            page.path("credentialIDs").forEach(n -> ids.add(n.asText()));
            assertThat(page.path("credentialIDs").size()).isLessThanOrEqualTo(3);
            token = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
            pages++;
        } while (token != null);
        assertThat(ids).containsExactlyElementsOf(s.credentialIds());
        assertThat(pages).isEqualTo((s.credentialIds().size() + 2) / 3);
    }

    @Test
    void v1ListRefusesV2Fields() {
        Sandbox s = open.get();
        Http.Response r = postJson(v1(s, "credentials/list"), null, obj("credentialInfo", true));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error_description").asText()).contains("credentialInfo");
    }

    @Test
    void certInfoIsRefusedWith501AndCertStatusIsNotReported() {
        Sandbox s = open.get();
        assertThat(postJson(v2(s, "credentials/info"), null, obj("credentialID", "rsa2048", "certInfo", true)).status())
                .isEqualTo(501);
        JsonNode info = postJson(v2(s, "credentials/info"), null, obj("credentialID", "rsa2048", "authInfo", true)).json();
        assertThat(info.path("cert").has("status")).isFalse();
        assertThat(info.path("auth").path("mode").asText()).isEqualTo("implicit");
        JsonNode v1 = postJson(v1(s, "credentials/info"), null, obj("credentialID", "rsa2048")).json();
        assertThat(v1.path("authMode").asText()).isEqualTo("implicit");
    }

    @Test
    void implicitAuthorizationIsAsynchronousAndASignHashInModeAIsCollectedByPolling() {
        Sandbox s = open.get();
        byte[] digest = sha("SHA-256", "quirks".getBytes(StandardCharsets.UTF_8));
        Http.Response started = postJson(v2(s, "credentials/authorize"), null, obj("credentialID", "rsa2048",
                "numSignatures", 1, "hashes", List.of(b64(digest)), "hashAlgorithmOID", SHA256));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String handle = started.json().get("handle").asText();
        assertThat(postJson(v2(s, "credentials/authorizeCheck"), null, obj("handle", handle)).status()).isEqualTo(202);
        Http.Response ready = postJson(v2(s, "credentials/authorizeCheck"), null, obj("handle", handle));
        assertThat(ready.status()).isEqualTo(200);
        String sad = ready.json().get("SAD").asText();
        assertThat(postJson(v2(s, "credentials/authorize"), null, obj("credentialID", "rsa2048", "numSignatures", 1,
                "hashes", List.of(b64(digest)), "hashAlgorithmOID", SHA256, "authData",
                List.of(java.util.Map.of("id", "PIN", "value", "123456")))).status()).isEqualTo(400);

        Http.Response sign = postJson(v2(s, "signatures/signHash"), null, obj("credentialID", "rsa2048", "SAD", sad,
                "hashes", List.of(b64(digest)), "hashAlgorithmOID", SHA256, "signAlgo", "1.2.840.113549.1.1.11",
                "operationMode", "A"));
        assertThat(sign.status()).as(sign.toString()).isEqualTo(202);
        String id = sign.json().get("responseID").asText();
        Http.Response pending = postJson(v2(s, "signatures/signPolling"), null, obj("responseID", id));
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.json().path("error").asText()).isEqualTo("accepted_request");
        Http.Response done = postJson(v2(s, "signatures/signPolling"), null, obj("responseID", id));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("signatures")).hasSize(1);
        assertThat(postJson(v2(s, "signatures/signPolling"), null, obj("responseID", id)).status()).isEqualTo(400);
    }

    @Test
    void basicLoginGivesABearerTokenThatRevokeEnds() {
        Sandbox s = basic.get();
        String basicAuth = "Basic " + Base64.getEncoder().encodeToString((s.username() + ":" + s.password())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(postJson(v1(s, "auth/login"), "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(
                StandardCharsets.UTF_8)), "{}").status()).isEqualTo(401);
        Http.Response login = postJson(v1(s, "auth/login"), basicAuth, "{}");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String token = login.json().get("access_token").asText();
        assertThat(postJson(v1(s, "credentials/list"), "Bearer " + token, "{}").status()).isEqualTo(200);
        assertThat(postJson(v1(s, "auth/revoke"), "Bearer " + token, obj("token", token)).status()).isEqualTo(204);
        assertThat(postJson(v1(s, "credentials/list"), "Bearer " + token, "{}").status()).isEqualTo(401);
        assertThat(postJson(v1(s, "info"), null, "{}").json().path("authType").get(0).asText()).isEqualTo("basic");
    }

    @Test
    void quirksAreValidated() {
        assertThatThrownBy(() -> ServiceQuirks.builder().refuseCertInfo(404).build()).hasMessageContaining("refuseCertInfo");
        assertThatThrownBy(() -> Sandbox.builder().profile(Profile.BANKID)
                .quirks(ServiceQuirks.builder().login(ServiceQuirks.Login.NONE).build()).build())
                .hasMessageContaining("STANDARD");
    }
}
