package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standard profile serves the same authorization server at its CSC {@code oauth2} base; here it also
 * requires DPoP, so every token of the code flow is bound to the client's key.
 */
class StandardAuthorizationServerTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.dpopRequired(true));

    private static Http.Response exchange(Sandbox s, CodeFlow flow, String code, String... dpop) {
        return Http.postForm(s.tokenUrl(), Http.form("grant_type", "authorization_code", "code", code,
                "code_verifier", flow.verifier, "redirect_uri", CodeFlow.REDIRECT, "client_id", s.clientId(),
                "client_secret", s.clientSecret()), dpop);
    }

    @Test
    void endpointsLiveAtTheCscOauth2BaseAndTheMetadataSaysSo() {
        Sandbox s = sandbox.get();
        assertThat(s.authorizeUrl()).isEqualTo(URI.create(s.baseUrl() + "/oauth2/authorize"));
        assertThat(s.parUrl()).isEqualTo(URI.create(s.baseUrl() + "/oauth2/pushed_authorize"));
        assertThat(s.revocationUrl()).isEqualTo(URI.create(s.baseUrl() + "/oauth2/revoke"));
        JsonNode m = Http.get(URI.create(s.baseUrl() + "/.well-known/oauth-authorization-server")).json();
        assertThat(m.get("issuer").asText()).isEqualTo(s.baseUrl().toString());
        assertThat(m.get("token_endpoint").asText()).isEqualTo(s.baseUrl() + "/oauth2/token");
        JsonNode info = Http.get(URI.create(s.cscUrl() + "/info")).json();
        assertThat(info.get("oauth2").asText()).isEqualTo(s.baseUrl().toString());
    }

    @Test
    void codeExchangeWithoutADpopProofIsRefusedWhenDpopIsRequired() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        String code = flow.approve(flow.base("scope", "service"));
        Http.Response r = exchange(s, flow, code);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_dpop_proof");
        // the refused request did not spend the code
        Http.DpopKey key = new Http.DpopKey();
        Http.Response ok = exchange(s, flow, code, "DPoP", key.proof("POST", s.tokenUrl(), null, null));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("token_type").asText()).isEqualTo("DPoP");
        Http.Response refresh = Http.postForm(s.tokenUrl(), Http.form("grant_type", "refresh_token",
                "refresh_token", ok.json().get("refresh_token").asText()), "Authorization", Http.basic(s),
                "DPoP", new Http.DpopKey().proof("POST", s.tokenUrl(), null, null));
        assertThat(refresh.error()).as("a refresh with another key").isEqualTo("invalid_grant");
        assertThat(s.stats().tokenRequests()).extracting(Stats.TokenRequest::outcome)
                .containsExactly("invalid_dpop_proof", "ok", "invalid_grant");
    }

    @Test
    void credentialScopeWithoutHashesAtScalOneAllowsItsCountOnAnyHashes() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        String code = flow.approve(flow.base("scope", "credential", "credentialID", "ecp256", "numSignatures", "2"));
        Http.DpopKey key = new Http.DpopKey();
        Http.Response t = exchange(s, flow, code, "DPoP", key.proof("POST", s.tokenUrl(), null, null));
        String token = t.json().get("access_token").asText();
        URI sign = URI.create(s.cscUrl() + "/signatures/signHash");
        var body = obj("credentialID", "ecp256", "hashes", List.of(b64(sha("SHA-256", new byte[] {1})), b64(sha("SHA-256", new byte[] {2}))),
                "signAlgo", "1.2.840.10045.4.3.2");
        assertThat(postJson(sign, "DPoP " + token, body, "DPoP", key.proof("POST", sign, token, null)).status()).isEqualTo(200);
        Http.Response third = postJson(sign, "DPoP " + token, body, "DPoP", key.proof("POST", sign, token, null));
        assertThat(third.status()).isEqualTo(400);
        assertThat(third.json().get("error_description").asText()).contains("exhausted");
    }
}
