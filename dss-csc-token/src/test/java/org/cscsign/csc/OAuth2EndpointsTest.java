package org.cscsign.csc;

import org.cscsign.csc.CscResponseException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuth2EndpointsTest {

    private static final URI ISSUER = URI.create("https://id.example.test/realms/qs");
    private static final URI SOURCE = URI.create("https://id.example.test/realms/qs/.well-known/openid-configuration");

    @Test
    void metadataIsLookedForInTheRfc8414AndOpenIdFormsInsertedAndAppended() {
        assertThat(OAuth2Endpoints.metadataUrls(ISSUER)).extracting(URI::toString).containsExactly(
                "https://id.example.test/.well-known/oauth-authorization-server/realms/qs",
                "https://id.example.test/realms/qs/.well-known/openid-configuration",
                "https://id.example.test/.well-known/openid-configuration/realms/qs",
                "https://id.example.test/realms/qs/.well-known/oauth-authorization-server");
    }

    @Test
    void issuerWithoutPathHasTwoCandidates() {
        assertThat(OAuth2Endpoints.metadataUrls(URI.create("https://as.example.test/"))).extracting(URI::toString)
                .containsExactly("https://as.example.test/.well-known/oauth-authorization-server",
                        "https://as.example.test/.well-known/openid-configuration");
    }

    @Test
    void keycloakStyleMetadataGivesItsNonCscEndpoints() {
        OAuth2Endpoints e = OAuth2Endpoints.fromMetadata("""
                {"issuer":"https://id.example.test/realms/qs",
                 "authorization_endpoint":"https://id.example.test/realms/qs/protocol/openid-connect/auth",
                 "token_endpoint":"https://id.example.test/realms/qs/protocol/openid-connect/token",
                 "pushed_authorization_request_endpoint":"https://id.example.test/realms/qs/protocol/openid-connect/ext/par/request",
                 "revocation_endpoint":"https://id.example.test/realms/qs/protocol/openid-connect/revoke",
                 "code_challenge_methods_supported":["plain","S256"],
                 "require_pushed_authorization_requests":false}""", ISSUER, SOURCE);
        assertThat(e.authorization().getPath()).isEqualTo("/realms/qs/protocol/openid-connect/auth");
        assertThat(e.token().getPath()).endsWith("/openid-connect/token");
        assertThat(e.par()).hasValueSatisfying(u -> assertThat(u.getPath()).endsWith("/par/request"));
        assertThat(e.revoke()).isPresent();
        assertThat(e.codeChallengeMethods()).contains("S256");
        assertThat(e.issuer()).isEqualTo(ISSUER);
    }

    @Test
    void metadataOfAnotherIssuerIsRefused() {
        assertThatThrownBy(() -> OAuth2Endpoints.fromMetadata("""
                {"issuer":"https://evil.example.test/realms/qs",
                 "authorization_endpoint":"https://evil.example.test/auth","token_endpoint":"https://evil.example.test/token"}""",
                ISSUER, SOURCE)).isInstanceOf(CscResponseException.class).hasMessageContaining("'issuer'");
    }

    @Test
    void metadataWithoutTokenEndpointNamesTheField() {
        assertThatThrownBy(() -> OAuth2Endpoints.fromMetadata("""
                {"issuer":"https://id.example.test/realms/qs","authorization_endpoint":"https://id.example.test/a"}""",
                ISSUER, SOURCE)).isInstanceOf(CscResponseException.class).hasMessageContaining("'token_endpoint'");
    }

    @Test
    void cscBaseGivesTheCscPathsAndParOnlyWhenListed() {
        OAuth2Endpoints with = OAuth2Endpoints.ofCscBase(URI.create("https://csc.example.test/csc/v2/"), true);
        assertThat(with.authorization()).hasToString("https://csc.example.test/csc/v2/oauth2/authorize");
        assertThat(with.token()).hasToString("https://csc.example.test/csc/v2/oauth2/token");
        assertThat(with.par()).hasValue(URI.create("https://csc.example.test/csc/v2/oauth2/pushed_authorize"));
        assertThat(with.revoke()).hasValue(URI.create("https://csc.example.test/csc/v2/oauth2/revoke"));
        assertThat(OAuth2Endpoints.ofCscBase(URI.create("https://csc.example.test/csc/v2"), false).par()).isEmpty();
    }
}
