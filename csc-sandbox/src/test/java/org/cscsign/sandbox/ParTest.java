package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.CodeFlow.b64url;
import static org.cscsign.sandbox.Http.sha;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pushed authorization requests (RFC 9126) when the server offers them. */
class ParTest {
    static final MutableClock CLOCK = new MutableClock();

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN).clock(CLOCK));

    @AfterEach
    void resetClock() {
        CLOCK.reset();
    }

    static Http.Response push(Sandbox s, Map<String, String> params) {
        return Http.postForm(s.parUrl(), params, "Authorization", Http.basic(s));
    }

    static Map<String, String> byReference(Sandbox s, String requestUri) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", s.clientId());
        p.put("request_uri", requestUri);
        return p;
    }

    @Test
    void pushedRequestWithRarAndClientDataLeadsToAConsentPageAndATokenForItsHashes() throws Exception {
        Sandbox s = sandbox.get();
        byte[] h = sha("SHA-256", "doc".getBytes());
        String details = Http.JSON.writeValueAsString(List.of(Map.of("type", "credential", "credentialID", "ecp384",
                "numSignatures", "1", "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1",
                "documentDigests", List.of(Map.of("hash", b64url(h), "label", "offer.pdf")))));
        CodeFlow flow = new CodeFlow(s);
        Http.Response pushed = push(s, flow.base("authorization_details", details, "clientData", "{\"amr_hint\":\"eid\"}"));
        assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
        assertThat(pushed.header("Cache-Control")).isEqualTo("no-store");
        String requestUri = pushed.json().get("request_uri").asText();
        assertThat(requestUri).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(pushed.json().get("expires_in").asLong()).isEqualTo(60);
        Http.Response page = flow.authorize(byReference(s, requestUri));
        assertThat(CodeFlow.body(page)).contains("offer.pdf", "1 document");
        String code = CodeFlow.redirectParams(flow.consent(page, s.pin(), "approve"), CodeFlow.REDIRECT).get("code");
        Http.Response t = flow.exchange(code);
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        assertThat(t.json().at("/authorization_details/0/documentDigests/0/label").asText()).isEqualTo("offer.pdf");
        Stats.AuthorizeRequest seen = s.stats().authorizeRequests().get(0);
        assertThat(seen.par()).isTrue();
        assertThat(seen.rar()).isTrue();
        assertThat(seen.clientData()).isEqualTo("{\"amr_hint\":\"eid\"}");
        assertThat(seen.credentialId()).isEqualTo("ecp384");
        assertThat(seen.numSignatures()).isEqualTo(1);
        assertThat(s.stats().count("oauth:par")).isEqualTo(1);
        assertThat(s.stats().count("oauth:authorize:par")).isEqualTo(1);
        assertThat(s.stats().tokenRequests()).extracting(Stats.TokenRequest::endpoint).containsExactly("par", "token");
    }

    @Test
    void requestUriIsSingleUse() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        String requestUri = push(s, flow.base("scope", "service")).json().get("request_uri").asText();
        assertThat(flow.authorize(byReference(s, requestUri)).status()).isEqualTo(200);
        Http.Response again = flow.authorize(byReference(s, requestUri));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.header("Location")).isNull();
        assertThat(CodeFlow.body(again)).contains("invalid_request_uri");
    }

    @Test
    void requestUriExpires() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        String requestUri = push(s, flow.base("scope", "service")).json().get("request_uri").asText();
        CLOCK.advance(Duration.ofSeconds(61));
        Http.Response late = flow.authorize(byReference(s, requestUri));
        assertThat(late.status()).isEqualTo(400);
        assertThat(CodeFlow.body(late)).contains("invalid_request_uri", "expired");
        assertThat(s.stats().authorizeRequests()).extracting(Stats.AuthorizeRequest::outcome).containsExactly("invalid_request_uri");
    }

    @Test
    void pushedRequestIsCheckedAtOnceAndAnsweredInJson() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        Http.Response plain = push(s, flow.base("scope", "service", "code_challenge_method", "plain"));
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.error()).isEqualTo("invalid_request");
        Http.Response badRedirect = push(s, flow.base("scope", "service", "redirect_uri", "https://evil.example/cb"));
        assertThat(badRedirect.status()).isEqualTo(400);
        assertThat(badRedirect.error()).isEqualTo("invalid_request");
        Map<String, String> withUri = flow.base("scope", "service", "request_uri", "urn:ietf:params:oauth:request_uri:x");
        assertThat(push(s, withUri).error()).isEqualTo("invalid_request");
        Http.Response anonymous = Http.postForm(s.parUrl(), flow.base("scope", "service"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error()).isEqualTo("invalid_client");
        assertThat(s.stats().count("oauth:par")).isZero();
    }

    @Test
    void accountTokenIsCheckedWhenPushedAndItsAccountRecordedAtTheAuthorizationRequest() throws Exception {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        String token = AccountTokenTest.valid(s);
        String requestUri = push(s, flow.base("scope", "service", "account_token", token)).json().get("request_uri").asText();
        Http.Response replay = push(s, flow.base("scope", "service", "account_token", token));
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.error()).isEqualTo("invalid_request");
        assertThat(replay.json().get("error_description").asText()).contains("jti");
        assertThat(flow.authorize(byReference(s, requestUri)).status()).isEqualTo(200);
        Stats.AuthorizeRequest seen = s.stats().authorizeRequests().get(0);
        assertThat(seen.par()).isTrue();
        assertThat(seen.accountToken()).isTrue();
        assertThat(seen.accountId()).isEqualTo("account-4711");
    }

    @Test
    void clientIdOfTheAuthorizationRequestMustMatchThePushedOne() {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        String requestUri = push(s, flow.base("scope", "service")).json().get("request_uri").asText();
        Map<String, String> p = byReference(s, requestUri);
        p.put("client_id", "other");
        assertThat(flow.authorize(p).status()).isEqualTo(400);
    }

    @Test
    void metadataOffersParWithoutRequiringIt() {
        JsonNode m = Http.get(sandbox.get().metadataUrl()).json();
        assertThat(m.get("pushed_authorization_request_endpoint").asText()).isEqualTo(sandbox.get().parUrl().toString());
        assertThat(m.get("require_pushed_authorization_requests").asBoolean()).isFalse();
        assertThat(URI.create(m.get("issuer").asText())).isEqualTo(sandbox.get().issuerUrl());
    }
}
