package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two other PAR policies a client's PAR modes are tested against: PAR required, and no PAR at all. */
class ParPolicyTest {
    @RegisterExtension
    static SandboxExtension required = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN).par(ParPolicy.REQUIRED));

    @RegisterExtension
    static SandboxExtension absent = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN).par(ParPolicy.ABSENT));

    @Test
    void requiredParRefusesAnAuthorizationRequestInTheUrl() {
        Sandbox s = required.get();
        JsonNode m = Http.get(s.metadataUrl()).json();
        assertThat(m.get("require_pushed_authorization_requests").asBoolean()).isTrue();
        CodeFlow flow = new CodeFlow(s);
        Map<String, String> back = CodeFlow.redirectParams(flow.authorize(flow.base("scope", "service")), CodeFlow.REDIRECT);
        assertThat(back.get("error")).isEqualTo("invalid_request");
        assertThat(back.get("error_description")).contains("Pushed authorization requests are required");
        assertThat(back.get("state")).isEqualTo(flow.state);
        String requestUri = ParTest.push(s, flow.base("scope", "service")).json().get("request_uri").asText();
        String code = CodeFlow.redirectParams(flow.consent(flow.authorize(ParTest.byReference(s, requestUri)), s.pin(), "approve"),
                CodeFlow.REDIRECT).get("code");
        assertThat(flow.exchange(code).status()).isEqualTo(200);
    }

    @Test
    void absentParIsNotInTheMetadataAndItsPathIsNotFound() {
        Sandbox s = absent.get();
        JsonNode m = Http.get(s.metadataUrl()).json();
        assertThat(m.has("pushed_authorization_request_endpoint")).isFalse();
        assertThat(m.get("require_pushed_authorization_requests").asBoolean()).isFalse();
        assertThat(s.describe()).doesNotContainKey("parUrl");
        assertThatThrownBy(s::parUrl).isInstanceOf(IllegalStateException.class);
        CodeFlow flow = new CodeFlow(s);
        java.net.URI parPath = java.net.URI.create(s.issuerUrl() + "/protocol/openid-connect/ext/par/request");
        Http.Response r = Http.postForm(parPath, flow.base("scope", "service"), "Authorization", Http.basic(s));
        assertThat(r.status()).isEqualTo(404);
        Http.Response byReference = flow.authorize(ParTest.byReference(s, "urn:ietf:params:oauth:request_uri:abc"));
        assertThat(byReference.status()).isEqualTo(400);
        // without PAR the URL form works
        assertThat(flow.authorize(flow.base("scope", "service")).status()).isEqualTo(200);
    }
}
