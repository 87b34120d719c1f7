package org.cscsign.csc.auth;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** DPoP proofs (RFC 9449) and the primesign account_token have the claims the services check. */
class JwtTest {

    @Test
    void dpopProofCarriesPublicJwkHtmHtuWithoutQueryAthAndNonce() throws Exception {
        DpopKey key = DpopKey.generate();
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        String proof = key.proof("POST", URI.create("https://rs.example:8443/csc/v2/signatures/signHash?x=1#f"),
                "the-token", "n-1", now);
        SignedJWT jwt = SignedJWT.parse(proof);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("dpop+jwt");
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        ECKey jwk = (ECKey) jwt.getHeader().getJWK();
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(jwk))).isTrue();
        assertThat(jwk.computeThumbprint().toString()).isEqualTo(key.thumbprint());
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("htm")).isEqualTo("POST");
        assertThat(claims.getStringClaim("htu")).isEqualTo("https://rs.example:8443/csc/v2/signatures/signHash");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("n-1");
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(now);
        byte[] ath = MessageDigest.getInstance("SHA-256").digest("the-token".getBytes(StandardCharsets.US_ASCII));
        assertThat(claims.getStringClaim("ath")).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(ath));
        String second = key.proof("POST", URI.create("https://rs.example:8443/x"), null, null, now);
        assertThat(SignedJWT.parse(second).getJWTClaimsSet().getJWTID()).isNotEqualTo(claims.getJWTID());
        assertThat(SignedJWT.parse(second).getJWTClaimsSet().getClaim("ath")).isNull();
    }

    @Test
    void dpopSessionRemembersTheLatestNoncePerOrigin() throws Exception {
        DpopSession session = new DpopSession(DpopKey.generate(), java.time.Clock.systemUTC());
        URI as = URI.create("https://as.example/oauth2/token");
        URI rs = URI.create("https://rs.example:443/csc/v2/info");
        assertThat(session.rememberNonce(as, "a1")).isTrue();
        assertThat(session.rememberNonce(as, "a1")).isFalse();
        session.rememberNonce(rs, "r1");
        session.rememberNonce(URI.create("https://rs.example/other"), "r2");
        assertThat(session.nonce(as)).contains("a1");
        assertThat(session.nonce(rs)).contains("r2");
        assertThat(SignedJWT.parse(session.proof("GET", rs, null)).getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("r2");
    }

    @Test
    void accountTokenIsHs256WithTheHashOfTheClientSecret() throws Exception {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        String token = AccountToken.hs256("account-7", "cscsign", "client-1", "s3cret", now);
        SignedJWT jwt = SignedJWT.parse(token);
        byte[] key = MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(jwt.verify(new MACVerifier(key))).isTrue();
        var c = jwt.getJWTClaimsSet();
        assertThat(c.getSubject()).isEqualTo("account-7");
        assertThat(c.getIssuer()).isEqualTo("cscsign");
        assertThat(c.getStringClaim("azp")).isEqualTo("client-1");
        assertThat(c.getJWTID()).isNotBlank();
        assertThat(c.getIssueTime().toInstant()).isEqualTo(now);
        PlainJWT plain = PlainJWT.parse(AccountToken.unsigned("account-7", "cscsign", "client-1", now));
        assertThat(plain.getJWTClaimsSet().getSubject()).isEqualTo("account-7");
    }

    @Test
    void clientAuthenticationToStringHidesTheSecret() {
        assertThat(ClientAuthentication.clientSecretBasic("hidden-1").toString()).doesNotContain("hidden-1");
        assertThat(ClientAuthentication.clientSecretPost("hidden-2").toString()).doesNotContain("hidden-2");
    }
}
