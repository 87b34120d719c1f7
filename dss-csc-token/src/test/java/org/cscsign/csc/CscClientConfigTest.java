package org.cscsign.csc;

import org.cscsign.csc.auth.AuthorizationCodeSettings;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.Login;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration is validated in build(), naming the field; secrets stay out of toString. */
class CscClientConfigTest {

    @ParameterizedTest(name = "{0} -> v{1}")
    @CsvSource({
            "http://127.0.0.1:1/csc/v2, 2",
            "http://127.0.0.1:1/csc/v2/, 2",
            "https://api.preprod.esign-stoetest.cloud/v0/b2b/csc/v2, 2",
            "http://127.0.0.1:1/csc/v1, 1",
            "http://127.0.0.1:1/csc/v1///, 1",
    })
    void apiVersionIsInferredFromTheBaseUrl(String url, int version) {
        CscClientConfig c = CscClientConfig.builder().baseUrl(url).build();
        assertThat(c.apiVersion()).isEqualTo(version == 1 ? CscApiVersion.V1 : CscApiVersion.V2);
        assertThat(c.baseUrl().toString()).doesNotEndWith("/");
    }

    @Test
    void explicitApiVersionWins() {
        assertThat(CscClientConfig.builder().baseUrl("http://h/api").apiVersion(CscApiVersion.V1).build().apiVersion())
                .isEqualTo(CscApiVersion.V1);
    }

    @Test
    void missingOrWrongFieldsAreNamed() {
        assertThatThrownBy(() -> CscClientConfig.builder().build()).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> CscClientConfig.builder().baseUrl("ftp://h/csc/v2").build()).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> CscClientConfig.builder().baseUrl("http://h/csc/v2?x=1").build()).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> CscClientConfig.builder().baseUrl("http://h/csc/v2").readTimeout(Duration.ZERO).build())
                .hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> Login.clientCredentials("c", null)).hasMessageContaining("clientAuthentication");
        assertThatThrownBy(() -> Login.clientCredentials(" ", ClientAuthentication.clientSecretBasic("s")))
                .hasMessageContaining("clientId");
        assertThatThrownBy(() -> Login.token(" ")).hasMessageContaining("accessToken");
        assertThatThrownBy(() -> new CscClientConfig.RetryPolicy(0, Duration.ZERO)).hasMessageContaining("maxAttempts");
    }

    @Test
    void toStringShowsNoSecret() {
        CscClientConfig c = CscClientConfig.builder().baseUrl("http://h/csc/v2")
                .login(Login.clientCredentials("client-1", ClientAuthentication.clientSecretPost("very-secret-value"))).build();
        assertThat(c.toString()).contains("client-1").doesNotContain("very-secret-value");
        CscClientConfig t = CscClientConfig.builder().baseUrl("http://h/csc/v2").login(Login.token("token-value-123")).build();
        assertThat(t.toString()).doesNotContain("token-value-123");
    }

    @Test
    void unreachableServiceIsATransportErrorAfterBoundedRetries() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (CscClient c = CscClientConfig.builder().baseUrl("http://127.0.0.1:" + port + "/csc/v2")
                .retryPolicy(new CscClientConfig.RetryPolicy(2, Duration.ofSeconds(2))).buildClient()) {
            assertThatThrownBy(c::info).isInstanceOfSatisfying(CscTransportException.class, e -> {
                assertThat(e.method()).isEqualTo("info");
                assertThat(e.httpStatus()).isZero();
            });
        }
    }

    @Test
    void withoutAuthenticationConfiguredTheClientCallsWithoutLogin() {
        try (CscClient c = CscClientConfig.builder().baseUrl("http://127.0.0.1:9/csc/v2")
                .retryPolicy(CscClientConfig.RetryPolicy.NONE).buildClient()) {
            assertThat(c.config().unauthenticated()).isTrue();
            assertThat(c.accessTokenSource()).isNull();
            // the call goes out (and fails at the closed port) instead of stopping for want of a login
            assertThatThrownBy(() -> c.listCredentials(ListRequest.idsOnly())).isInstanceOf(CscTransportException.class);
        }
    }

    @Test
    void basicLoginIsOneWayOfAuthenticationAndNeedsAPassword() {
        assertThatThrownBy(() -> Login.basic("u", null)).hasMessageContaining("basicLogin");
        assertThatThrownBy(() -> Login.basic("u", "p".toCharArray()).withCodeSettings(AuthorizationCodeSettings.DEFAULT))
                .hasMessageContaining("client id");
        CscClientConfig config = CscClientConfig.builder().baseUrl("http://127.0.0.1:9/csc/v1")
                .login(Login.basic("u", "secret-pw".toCharArray())).build();
        assertThat(config.unauthenticated()).isFalse();
        assertThat(config.toString()).contains("auth/login(u)").doesNotContain("secret-pw");
    }

    @Test
    void signHashRequestChecksHashLengths() {
        assertThatThrownBy(() -> new SignHashRequest(CredentialId.of("c"), java.util.List.of(new byte[31]),
                HashAlgorithm.SHA256, "1.2.840.113549.1.1.1", null, null)).hasMessageContaining("hashes[0]");
        assertThat(HashAlgorithm.parse("sha-384")).isEqualTo(HashAlgorithm.SHA384);
        assertThat(HashAlgorithm.parse("2.16.840.1.101.3.4.2.3")).isEqualTo(HashAlgorithm.SHA512);
    }
}
