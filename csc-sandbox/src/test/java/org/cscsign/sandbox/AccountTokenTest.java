package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** primesign's account_token: HS256 keyed with SHA-256 of the client secret, iat window, jti replay, azp, sub. */
class AccountTokenTest {
    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.primesign();

    @RegisterExtension
    static SandboxExtension lenient = SandboxExtension.create(b -> b.profile(Profile.PRIMESIGN).allowUnsignedAccountTokens(true));

    static JWTClaimsSet claims(Sandbox s, String azp, Date iat, String jti) {
        return new JWTClaimsSet.Builder().issueTime(iat).jwtID(jti).subject("account-4711").issuer("cscsign tests")
                .claim("azp", azp).build();
    }

    static String hs256(byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    static byte[] key(Sandbox s) {
        return Http.sha("SHA-256", s.clientSecret().getBytes(StandardCharsets.UTF_8));
    }

    static String valid(Sandbox s) throws Exception {
        return hs256(key(s), claims(s, s.clientId(), new Date(), UUID.randomUUID().toString()));
    }

    private static Map<String, String> refused(Sandbox s, String accountToken) {
        CodeFlow flow = new CodeFlow(s);
        return CodeFlow.redirectParams(flow.authorize(flow.base("scope", "service", "account_token", accountToken)), CodeFlow.REDIRECT);
    }

    @Test
    void validAccountTokenIsAcceptedAndItsAccountRecordedAndShown() throws Exception {
        Sandbox s = sandbox.get();
        CodeFlow flow = new CodeFlow(s);
        Http.Response page = flow.authorize(flow.base("scope", "service", "account_token", valid(s)));
        assertThat(CodeFlow.body(page)).contains("account-4711");
        Stats.AuthorizeRequest seen = s.stats().authorizeRequests().get(0);
        assertThat(seen.accountToken()).isTrue();
        assertThat(seen.accountId()).isEqualTo("account-4711");
        assertThat(CodeFlow.redirectParams(flow.consent(page, s.pin(), "approve"), CodeFlow.REDIRECT)).containsKey("code");
    }

    @Test
    void tokenSignedWithAnotherKeyIsRefused() throws Exception {
        Sandbox s = sandbox.get();
        byte[] wrong = Http.sha("SHA-256", "another secret".getBytes(StandardCharsets.UTF_8));
        Map<String, String> back = refused(s, hs256(wrong, claims(s, s.clientId(), new Date(), UUID.randomUUID().toString())));
        assertThat(back.get("error")).isEqualTo("invalid_request");
        assertThat(back.get("error_description")).contains("account_token").contains("signature");
        // keyed with the raw secret instead of its SHA-256: refused too
        byte[] raw = java.util.Arrays.copyOf(s.clientSecret().getBytes(StandardCharsets.UTF_8), 32);
        assertThat(refused(s, hs256(raw, claims(s, s.clientId(), new Date(), UUID.randomUUID().toString()))).get("error"))
                .isEqualTo("invalid_request");
    }

    @Test
    void oldIatIsRefused() throws Exception {
        Sandbox s = sandbox.get();
        Date old = new Date(System.currentTimeMillis() - 10 * 60_000);
        Map<String, String> back = refused(s, hs256(key(s), claims(s, s.clientId(), old, UUID.randomUUID().toString())));
        assertThat(back.get("error_description")).contains("iat");
    }

    @Test
    void replayedJtiIsRefused() throws Exception {
        Sandbox s = sandbox.get();
        String token = valid(s);
        CodeFlow flow = new CodeFlow(s);
        assertThat(flow.authorize(flow.base("scope", "service", "account_token", token)).status()).isEqualTo(200);
        Map<String, String> back = refused(s, token);
        assertThat(back.get("error_description")).contains("jti");
    }

    @Test
    void wrongAzpIsRefused() throws Exception {
        Sandbox s = sandbox.get();
        Map<String, String> back = refused(s, hs256(key(s), claims(s, "another-client", new Date(), UUID.randomUUID().toString())));
        assertThat(back.get("error_description")).contains("azp");
    }

    @Test
    void unsignedTokenIsRefusedUnlessAllowed() {
        Sandbox s = sandbox.get();
        String none = new PlainJWT(claims(s, s.clientId(), new Date(), UUID.randomUUID().toString())).serialize();
        assertThat(refused(s, none).get("error_description")).contains("alg none");
        Sandbox l = lenient.get();
        String accepted = new PlainJWT(claims(l, l.clientId(), new Date(), UUID.randomUUID().toString())).serialize();
        CodeFlow flow = new CodeFlow(l);
        assertThat(flow.authorize(flow.base("scope", "service", "account_token", accepted)).status()).isEqualTo(200);
        assertThat(l.stats().authorizeRequests().get(0).accountId()).isEqualTo("account-4711");
    }

    /** Claims of the wrong JSON type, signed correctly by hand (nimbus would refuse to build them). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"iat\":\"yesterday\",\"jti\":\"a\",\"sub\":\"x\",\"azp\":\"cscsign-sandbox-client\"}",
            "{\"iat\":NOW,\"jti\":\"b\",\"sub\":\"x\",\"azp\":[\"cscsign-sandbox-client\"]}",
            "{\"iat\":NOW,\"jti\":\"c\",\"sub\":42,\"azp\":\"cscsign-sandbox-client\"}",
            "{\"iat\":NOW,\"jti\":7,\"sub\":\"x\",\"azp\":\"cscsign-sandbox-client\"}",
            "{\"iat\":NOW,\"sub\":\"x\",\"azp\":\"cscsign-sandbox-client\"}",
            "[1,2]",
    })
    void claimsOfTheWrongTypeAreRefusedAsInvalidRequest(String payload) throws Exception {
        Sandbox s = sandbox.get();
        String json = payload.replace("NOW", Long.toString(System.currentTimeMillis() / 1000));
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key(s), "HmacSHA256"));
        String token = input + "." + url.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        assertThat(refused(s, token).get("error")).isEqualTo("invalid_request");
    }

    @Test
    void garbageIsRefusedWithoutEchoingIt() {
        Map<String, String> back = refused(sandbox.get(), "not.a.jwt-secret-value");
        assertThat(back.get("error")).isEqualTo("invalid_request");
        assertThat(back.get("error_description")).doesNotContain("secret-value");
    }
}
