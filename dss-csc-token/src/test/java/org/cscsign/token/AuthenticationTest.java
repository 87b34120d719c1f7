package org.cscsign.token;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.cscsign.csc.AccessTokenSource;
import org.cscsign.csc.CredentialList;
import org.cscsign.csc.CscAuthenticationException;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.DpopKey;
import org.cscsign.csc.auth.KeyMaterial;
import org.cscsign.csc.auth.Login;
import org.cscsign.csc.auth.LoginSession;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.Stats;
import org.cscsign.sandbox.junit.SandboxExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OAuth2 client authentication variants, token caching and refresh, DPoP on a STANDARD service. */
class AuthenticationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static CscClient client(ClientAuthentication auth) {
        Sandbox s = sandbox.get();
        return CscClientConfig.builder().profile(CscProfile.STANDARD).baseUrl(s.cscUrl())
                .login(Login.clientCredentials(s.clientId(), auth)).buildClient();
    }

    private static void listsAllCredentials(CscClient client) {
        CredentialList list = client.listCredentials(ListRequest.idsOnly());
        assertThat(list.credentialIds()).extracting(Object::toString).containsExactlyElementsOf(sandbox.get().credentialIds());
    }

    /** How the sandbox saw the client authenticate at the token endpoint, one entry per token request. */
    private static List<String> tokenRequestAuthentications() {
        return sandbox.get().stats().tokenRequests().stream().filter(r -> r.endpoint().equals("token"))
                .map(Stats.TokenRequest::clientAuthentication).toList();
    }

    @Test
    void clientSecretBasicIsSentInTheAuthorizationHeader() {
        try (CscClient c = client(ClientAuthentication.clientSecretBasic(sandbox.get().clientSecret()))) {
            listsAllCredentials(c);
        }
        assertThat(tokenRequestAuthentications()).containsExactly("client_secret_basic");
    }

    @Test
    void clientSecretPostIsSentInTheForm() {
        try (CscClient c = client(ClientAuthentication.clientSecretPost(sandbox.get().clientSecret()))) {
            listsAllCredentials(c);
        }
        assertThat(tokenRequestAuthentications()).containsExactly("client_secret_post");
    }

    @Test
    void aGivenDpopKeyIsTheKeyTheTokenIsBoundTo() {
        Sandbox s = sandbox.get();
        DpopKey given = DpopKey.generate();
        try (CscClient c = CscClientConfig.builder().baseUrl(s.cscUrl())
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()))
                        .withDpopKey(given)).buildClient()) {
            listsAllCredentials(c);
        }
        assertThat(s.stats().tokenRequests()).filteredOn(r -> r.endpoint().equals("token"))
                .extracting(Stats.TokenRequest::dpopJkt).containsExactly(given.thumbprint());
    }

    @Test
    void privateKeyJwtWithEs256PemKeyIsAccepted() {
        try (CscClient c = client(ClientAuthentication.privateKeyJwt(sandbox.get().clientKeyPem()))) {
            listsAllCredentials(c);
        }
    }

    @Test
    void privateKeyJwtWithRs256PemKeyIsAccepted() {
        try (CscClient c = client(ClientAuthentication.privateKeyJwt(sandbox.get().clientRsaKeyPem()))) {
            listsAllCredentials(c);
        }
    }

    @Test
    void privateKeyJwtWithKeyFromPkcs12IsAccepted(@TempDir Path dir) throws Exception {
        KeyPair keys = KeyMaterial.readPkcs8Pem(sandbox.get().clientRsaKeyPem());
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name("CN=client"), BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=client"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "changeit".toCharArray();
        ks.setKeyEntry("client", keys.getPrivate(), password, new X509Certificate[]{cert});
        Path p12 = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            ks.store(out, password);
        }
        try (CscClient c = client(ClientAuthentication.privateKeyJwt(p12, password, null))) {
            listsAllCredentials(c);
        }
    }

    @Test
    void wrongClientSecretIsAnAuthenticationErrorWithoutTheSecret() {
        try (CscClient c = client(ClientAuthentication.clientSecretBasic("not-the-secret-42"))) {
            assertThatThrownBy(() -> c.listCredentials(ListRequest.idsOnly()))
                    .isInstanceOfSatisfying(CscAuthenticationException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.error()).contains("invalid_client");
                        assertThat(e.method()).isEqualTo("oauth2/token");
                        assertThat(e.getMessage()).doesNotContain("not-the-secret-42");
                    });
        }
    }

    @Test
    void tokenIsFetchedOnceAndReusedAcrossManyCalls() {
        Sandbox s = sandbox.get();
        long before = s.stats().count("/oauth2/token");
        try (CscClient c = client(ClientAuthentication.clientSecretPost(s.clientSecret()))) {
            for (int i = 0; i < 6; i++) {
                listsAllCredentials(c);
            }
        }
        assertThat(s.stats().count("/oauth2/token") - before).isEqualTo(1);
    }

    @Test
    void rejectedTokenIsDroppedAndReplacedOnceThenTheCallSucceeds() {
        Sandbox s = sandbox.get();
        try (CscClient c = client(ClientAuthentication.clientSecretBasic(s.clientSecret()))) {
            listsAllCredentials(c);
            s.expireAllTokens();
            listsAllCredentials(c);
            assertThat(LoginSession.of(c).tokensFetched()).isEqualTo(2);
        }
    }

    @Test
    void fixedTokenThatExpiredIsNotRetriedAndGivesAnAuthenticationError() {
        Sandbox s = sandbox.get();
        String value;
        try (CscClient c = client(ClientAuthentication.clientSecretBasic(s.clientSecret()))) {
            value = c.accessTokenSource().token().value();
        }
        try (CscClient fixed = CscClientConfig.builder().baseUrl(s.cscUrl())
                .login(ctx -> AccessTokenSource.fixed(value, "Bearer")).buildClient()) {
            listsAllCredentials(fixed);
            s.expireAllTokens();
            long before = s.stats().count(s.cscUrl().getPath() + "/credentials/list");
            assertThatThrownBy(() -> fixed.listCredentials(ListRequest.idsOnly()))
                    .isInstanceOfSatisfying(CscAuthenticationException.class, e -> {
                        assertThat(e.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).doesNotContain(value);
                    });
            assertThat(s.stats().count(s.cscUrl().getPath() + "/credentials/list") - before).isEqualTo(1);
        }
    }

    @Test
    void dpopOnAStandardServiceGivesADpopBoundTokenThatWorks() {
        Sandbox s = sandbox.get();
        try (CscClient c = CscClientConfig.builder().baseUrl(s.cscUrl()).dpop(true)
                .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()))).buildClient()) {
            listsAllCredentials(c);
            assertThat(c.accessTokenSource().token().dpopBound()).isTrue();
            assertThat(LoginSession.of(c).dpopKey()).isPresent();
        }
    }

    @Test
    void closingTheClientLeavesAnInjectedHttpClientUsable() {
        Sandbox s = sandbox.get();
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        try {
            CscClient c = CscClientConfig.builder().baseUrl(s.cscUrl()).httpClient(shared)
                    .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()))).buildClient();
            listsAllCredentials(c);
            c.close();
            assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
            try (CscClient again = CscClientConfig.builder().baseUrl(s.cscUrl()).httpClient(shared)
                    .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretBasic(s.clientSecret()))).buildClient()) {
                listsAllCredentials(again);
            }
        } finally {
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }

    @Test
    void tokenUrlIsDerivedFromInfo() {
        Sandbox s = sandbox.get();
        try (CscClient c = client(ClientAuthentication.clientSecretBasic(s.clientSecret()))) {
            listsAllCredentials(c);
            assertThat(c.info().oauth2BaseUri()).isPresent();
        }
        assertThat(s.stats().count("/oauth2/token")).isEqualTo(1);
    }
}
