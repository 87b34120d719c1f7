package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.CodeFlow.b64url;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The primesign profile: CSC v1 and v2, the issuer found through metadata, and the code flow's happy paths. */
class PrimesignProfileTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.primesign();

    static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";

    private static String serviceToken(Sandbox s) {
        CodeFlow flow = new CodeFlow(s);
        return "Bearer " + flow.token(flow.base("scope", "service")).get("access_token").asText();
    }

    @Test
    void infoNamesTheIssuerWhoseMetadataLeadsToNonCscPaths() {
        Sandbox s = sandbox.get();
        for (URI base : List.of(s.cscUrl(), s.cscV1Url())) {
            JsonNode info = Http.get(URI.create(base + "/info")).json();
            assertThat(info.get("authType")).extracting(JsonNode::asText).contains("oauth2code");
            assertThat(info.has("oauth2")).isFalse();
            assertThat(info.get("oauth2Issuer").asText()).isEqualTo(s.baseUrl() + "/realms/sandbox");
            assertThat(info.get("methods")).extracting(JsonNode::asText)
                    .containsExactly("info", "credentials/list", "credentials/info", "signatures/signHash");
        }
        String issuer = s.issuerUrl().toString();
        JsonNode oidc = Http.get(URI.create(issuer + "/.well-known/openid-configuration")).json();
        JsonNode rfc8414 = Http.get(URI.create(s.baseUrl() + "/.well-known/oauth-authorization-server/realms/sandbox")).json();
        assertThat(rfc8414).isEqualTo(oidc);
        assertThat(oidc.get("issuer").asText()).isEqualTo(issuer);
        assertThat(oidc.get("authorization_endpoint").asText()).isEqualTo(issuer + "/protocol/openid-connect/auth");
        assertThat(oidc.get("token_endpoint").asText()).isEqualTo(issuer + "/protocol/openid-connect/token");
        assertThat(oidc.get("pushed_authorization_request_endpoint").asText()).isEqualTo(issuer + "/protocol/openid-connect/ext/par/request");
        assertThat(oidc.get("revocation_endpoint").asText()).isEqualTo(issuer + "/protocol/openid-connect/revoke");
        assertThat(oidc.get("code_challenge_methods_supported")).extracting(JsonNode::asText).containsExactly("S256");
        assertThat(oidc.get("require_pushed_authorization_requests").asBoolean()).isFalse();
        // nothing at the CSC oauth2 paths: a client must discover the realm
        assertThat(Http.get(URI.create(s.baseUrl() + "/oauth2/authorize")).status()).isEqualTo(404);
        assertThat(Http.postForm(URI.create(s.baseUrl() + "/oauth2/token"), Http.form("grant_type", "client_credentials")).status())
                .isEqualTo(404);
    }

    @Test
    void credentialsReportOauth2codeInV2AndV1() {
        Sandbox s = sandbox.get();
        String token = serviceToken(s);
        JsonNode v2 = postJson(URI.create(s.cscUrl() + "/credentials/info"), token, obj("credentialID", "ecp256")).json();
        assertThat(v2.at("/auth/mode").asText()).isEqualTo("oauth2code");
        assertThat(v2.get("SCAL").asText()).isEqualTo("2");
        JsonNode v1 = postJson(URI.create(s.cscV1Url() + "/credentials/info"), token, obj("credentialID", "ecp256")).json();
        assertThat(v1.get("authMode").asText()).isEqualTo("oauth2code");
        JsonNode list = postJson(URI.create(s.cscUrl() + "/credentials/list"), token, "{}").json();
        assertThat(list.get("credentialIDs")).extracting(JsonNode::asText).contains("rsa2048", "ecp256");
        // no explicit authorization at this service
        assertThat(postJson(URI.create(s.cscUrl() + "/credentials/authorize"), token, obj("credentialID", "ecp256",
                "numSignatures", 1)).status()).isEqualTo(404);
    }

    @Test
    void serviceScopeCodeGivesARefreshableTokenAndRecordsTheClientAuthentication() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        JsonNode t = flow.token(flow.base("scope", "service"));
        assertThat(t.get("scope").asText()).isEqualTo("service");
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.has("credentialID")).isFalse();
        String refresh = t.get("refresh_token").asText();
        Http.Response r = Http.postForm(s.tokenUrl(), Http.form("grant_type", "refresh_token", "refresh_token", refresh,
                "client_id", s.clientId(), "client_secret", s.clientSecret()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String fresh = "Bearer " + r.json().get("access_token").asText();
        assertThat(postJson(URI.create(s.cscUrl() + "/credentials/list"), fresh, "{}").status()).isEqualTo(200);
        assertThat(s.stats().tokenRequests()).extracting(Stats.TokenRequest::grantType, Stats.TokenRequest::clientAuthentication)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("authorization_code", "client_secret_basic"),
                        org.assertj.core.groups.Tuple.tuple("refresh_token", "client_secret_post"));
        assertThat(s.stats().count("oauth:codes:issued")).isEqualTo(1);
        assertThat(s.stats().count("oauth:codes:redeemed")).isEqualTo(1);
    }

    @Test
    void credentialScopeTokenSignsExactlyItsHashesAsSadInV2() throws Exception {
        Sandbox s = sandbox.get();
        byte[] h1 = sha("SHA-256", new byte[] {1});
        byte[] h2 = sha("SHA-256", new byte[] {2});
        CodeFlow flow = new CodeFlow(s);
        JsonNode t = flow.token(flow.base("scope", "credential", "credentialID", "ecp256", "numSignatures", "2",
                "hashes", b64url(h1) + "," + b64url(h2), "hashAlgorithmOID", SHA256));
        assertThat(t.get("credentialID").asText()).isEqualTo("ecp256");
        assertThat(t.get("scope").asText()).isEqualTo("credential");
        assertThat(t.has("refresh_token")).isFalse();
        String sad = t.get("access_token").asText();
        Http.Response signed = postJson(URI.create(s.cscUrl() + "/signatures/signHash"), serviceToken(s), obj("credentialID", "ecp256",
                "SAD", sad, "hashes", List.of(b64(h1), b64(h2)), "hashAlgorithmOID", SHA256, "signAlgo", ECDSA_SHA256));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(s.pki().credential("ecp256").orElseThrow().certificate());
        verify.update(new byte[] {2});
        assertThat(verify.verify(java.util.Base64.getDecoder().decode(signed.json().at("/signatures/1").asText()))).isTrue();
        assertThat(s.stats().signHashPerSad()).containsExactly(Map.entry("sad-1", 1L));
        assertThat(s.stats().count("signHash:sad:token-as-sad")).isEqualTo(1);
    }

    @Test
    void credentialScopeTokenAsBearerSignsOverV1WithHash() {
        Sandbox s = sandbox.get();
        byte[] h = sha("SHA-256", new byte[] {7});
        CodeFlow flow = new CodeFlow(s);
        // v1 names the hashes "hash" and may omit the algorithm
        JsonNode t = flow.token(flow.base("scope", "credential", "credentialID", "rsa2048", "numSignatures", "1", "hash", b64url(h)));
        String bearer = "Bearer " + t.get("access_token").asText();
        Http.Response signed = postJson(URI.create(s.cscV1Url() + "/signatures/signHash"), bearer, obj("credentialID", "rsa2048",
                "hash", List.of(b64(h)), "hashAlgo", SHA256, "signAlgo", "1.2.840.113549.1.1.11"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(s.stats().count("signHash:sad:bearer")).isEqualTo(1);
    }

    @Test
    void richAuthorizationRequestShowsLabelsAndIsEchoedInTheTokenResponse() throws Exception {
        Sandbox s = sandbox.get();
        byte[] h1 = sha("SHA-256", "a".getBytes());
        byte[] h2 = sha("SHA-256", "b".getBytes());
        String details = Http.JSON.writeValueAsString(List.of(Map.of("type", "credential", "credentialID", "rsa3072",
                "hashAlgorithmOID", SHA256, "documentDigests", List.of(Map.of("hash", b64url(h1), "label", "contract <1>.pdf"),
                        Map.of("hash", b64(h2), "label", "annex.pdf")))));
        CodeFlow flow = new CodeFlow(s);
        Map<String, String> params = flow.base("authorization_details", details, "lang", "de-AT");
        Http.Response page = flow.authorize(params);
        String html = CodeFlow.body(page);
        assertThat(html).contains("contract &lt;1&gt;.pdf", "annex.pdf", "2 Dokumente", "Freigeben", "id=\"pin\"",
                "id=\"approve\"", "id=\"deny\"", "<html lang=\"de-AT\">");
        assertThat(html).contains(s.pki().credential("rsa3072").orElseThrow().certificate().getSubjectX500Principal()
                .getName(javax.security.auth.x500.X500Principal.RFC2253).replace("\"", "&quot;"));
        assertThat(html).contains("<strong>Sandbox Signer RSA-3072</strong>");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        String code = CodeFlow.redirectParams(flow.consent(page, s.pin(), "approve"), CodeFlow.REDIRECT).get("code");
        Http.Response t = flow.exchange(code);
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        assertThat(t.json().get("authorization_details").get(0).get("credentialID").asText()).isEqualTo("rsa3072");
        assertThat(t.json().get("credentialID").asText()).isEqualTo("rsa3072");
        Http.Response signed = postJson(URI.create(s.cscUrl() + "/signatures/signHash"), serviceToken(s), obj("credentialID", "rsa3072",
                "SAD", t.json().get("access_token").asText(), "hashes", List.of(b64(h2), b64(h1)), "hashAlgorithmOID", SHA256,
                "signAlgo", "1.2.840.113549.1.1.11"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        Stats.AuthorizeRequest seen = s.stats().authorizeRequests().get(0);
        assertThat(seen.rar()).isTrue();
        assertThat(seen.par()).isFalse();
        assertThat(seen.lang()).isEqualTo("de-AT");
        assertThat(seen.numSignatures()).isEqualTo(2);
        assertThat(seen.outcome()).isEqualTo("consent");
    }

    @Test
    void sandboxCanPlayTheSignersBrowserForTestsWithoutOne() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        URI request = URI.create(s.authorizeUrl() + "?" + CodeFlow.query(flow.base("scope", "service")));
        URI approved = s.approveInBrowser(request);
        assertThat(approved.toString()).startsWith(CodeFlow.REDIRECT + "?code=").contains("state=" + flow.state);
        URI denied = s.denyInBrowser(URI.create(s.authorizeUrl() + "?" + CodeFlow.query(flow.base("scope", "service"))));
        assertThat(denied.getRawQuery()).contains("error=access_denied").doesNotContain("code=");
        URI refused = s.approveInBrowser(URI.create(s.authorizeUrl() + "?"
                + CodeFlow.query(flow.base("scope", "service", "code_challenge_method", "plain"))));
        assertThat(refused.getRawQuery()).contains("error=invalid_request");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.approveInBrowser(URI.create(s.authorizeUrl() + "?"
                + CodeFlow.query(flow.base("scope", "service", "client_id", "nobody")))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unknown client_id");
        assertThat(s.stats().count("oauth:consent:approved")).isEqualTo(1);
        assertThat(s.stats().count("oauth:consent:denied")).isEqualTo(1);
    }

    @Test
    void describeNamesTheIssuerAndBothCscBases() {
        Sandbox s = sandbox.get();
        Map<String, Object> d = s.describe();
        assertThat(d).containsEntry("cscUrl", s.baseUrl() + "/csc/v2").containsEntry("cscUrlV1", s.baseUrl() + "/csc/v1")
                .containsEntry("issuer", s.baseUrl() + "/realms/sandbox")
                .containsEntry("authorizeUrl", s.baseUrl() + "/realms/sandbox/protocol/openid-connect/auth")
                .containsEntry("parUrl", s.baseUrl() + "/realms/sandbox/protocol/openid-connect/ext/par/request")
                .containsEntry("tokenUrl", s.baseUrl() + "/realms/sandbox/protocol/openid-connect/token")
                .containsEntry("profile", "primesign")
                .containsKeys("clientId", "clientSecret", "pin", "trustAnchor", "credentialIDs");
    }
}
