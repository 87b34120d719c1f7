package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cscsign.sandbox.Http.b64;
import static org.cscsign.sandbox.Http.csc;
import static org.cscsign.sandbox.Http.obj;
import static org.cscsign.sandbox.Http.postJson;
import static org.cscsign.sandbox.Http.sha;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SCAL 2: PIN and OTP, SADs bound to the exact hashes, small multisign, SAD expiry with a movable clock. */
class Scal2Test {
    /** A clock the test can move forward; instance state, owned by this test class's sandbox. */
    static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static final MovableClock CLOCK = new MovableClock();

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.scal(2).multisign(3).clock(CLOCK));

    private static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    private static final String H1 = b64(sha("SHA-256", new byte[] {1}));
    private static final String H2 = b64(sha("SHA-256", new byte[] {2}));
    private static final String H3 = b64(sha("SHA-256", new byte[] {3}));

    private static String otp(Sandbox s, String token, String credentialId) {
        Http.Response sent = postJson(csc(s, "credentials/sendOTP"), token, obj("credentialID", credentialId));
        assertThat(sent.status()).isEqualTo(204);
        String otp = s.lastOtp(credentialId).orElseThrow();
        assertThat(Http.get(URI.create(s.baseUrl() + "/sandbox/otp/" + credentialId)).json().get("otp").asText()).isEqualTo(otp);
        return otp;
    }

    private static Http.Response authorize(Sandbox s, String token, List<String> hashes, String pin, String otp) {
        return postJson(csc(s, "credentials/authorize"), token, obj("credentialID", "ecp256", "numSignatures", hashes.size(),
                "hashes", hashes, "hashAlgorithmOID", SHA256,
                "authData", List.of(Map.of("id", "PIN", "value", pin), Map.of("id", "OTP", "value", otp))));
    }

    private static Http.Response sign(Sandbox s, String token, String sad, List<String> hashes) {
        return postJson(csc(s, "signatures/signHash"), token, obj("credentialID", "ecp256", "SAD", sad, "hashes", hashes,
                "hashAlgorithmOID", SHA256, "signAlgo", "1.2.840.10045.4.3.2"));
    }

    @Test
    void infoAnnouncesPinAndOtp() {
        Sandbox s = sandbox.get();
        var j = postJson(csc(s, "credentials/info"), Http.bearer(s), obj("credentialID", "ecp256", "authInfo", true)).json();
        assertThat(j.get("SCAL").asText()).isEqualTo("2");
        assertThat(j.at("/auth/expression").asText()).isEqualTo("PIN AND OTP");
        assertThat(j.at("/auth/objects/1/id").asText()).isEqualTo("OTP");
        assertThat(j.get("multisign").asInt()).isEqualTo(3);
    }

    @Test
    void sadSignsOnlyTheHashesItWasAuthorizedFor() {
        Sandbox s = sandbox.get();
        String t = Http.bearer(s);
        Http.Response auth = authorize(s, t, List.of(H1, H2), s.pin(), otp(s, t, "ecp256"));
        assertThat(auth.status()).as(auth.toString()).isEqualTo(200);
        String sad = auth.json().get("SAD").asText();
        Http.Response foreign = sign(s, t, sad, List.of(H3));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.error()).isEqualTo("invalid_request");
        assertThat(sign(s, t, sad, List.of(H2, H1)).status()).isEqualTo(200);
        Http.Response usedUp = sign(s, t, sad, List.of(H1));
        assertThat(usedUp.status()).isEqualTo(400);
        assertThat(usedUp.json().get("error_description").asText()).contains("exhausted");
    }

    @Test
    void authorizeNeedsHashesAndTheOtp() {
        Sandbox s = sandbox.get();
        String t = Http.bearer(s);
        Http.Response noHashes = postJson(csc(s, "credentials/authorize"), t, obj("credentialID", "ecp256", "numSignatures", 1,
                "authData", List.of(Map.of("id", "PIN", "value", s.pin()))));
        assertThat(noHashes.status()).isEqualTo(400);
        assertThat(noHashes.error()).isEqualTo("invalid_request");
        String otp = otp(s, t, "ecp256");
        String wrongOtp = otp.equals("000000") ? "000001" : "000000";
        assertThat(authorize(s, t, List.of(H1), s.pin(), wrongOtp).error()).isEqualTo("invalid_otp");
        assertThat(authorize(s, t, List.of(H1), "999999", otp).error()).isEqualTo("invalid_pin");
        assertThat(authorize(s, t, List.of(H1), s.pin(), otp).status()).isEqualTo(200);
        // the OTP is single use
        assertThat(authorize(s, t, List.of(H1), s.pin(), otp).error()).isEqualTo("invalid_otp");
    }

    @Test
    void moreHashesThanMultisignAreRefused() {
        Sandbox s = sandbox.get();
        String t = Http.bearer(s);
        Http.Response r = authorize(s, t, List.of(H1, H2, H3, b64(sha("SHA-256", new byte[] {4}))), s.pin(), otp(s, t, "ecp256"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_request");
    }

    @Test
    void expiredSadIsRefused() {
        Sandbox s = sandbox.get();
        String t = Http.bearer(s);
        String sad = authorize(s, t, List.of(H1), s.pin(), otp(s, t, "ecp256")).json().get("SAD").asText();
        CLOCK.advance(Duration.ofMinutes(6));
        Http.Response r = sign(s, t, sad, List.of(H1));
        // the 5-minute access token has expired too
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.error()).isEqualTo("invalid_token");
        // with a fresh token, the SAD itself is refused as expired
        Http.Response withFreshToken = sign(s, Http.bearer(s), sad, List.of(H1));
        assertThat(withFreshToken.status()).isEqualTo(400);
        assertThat(withFreshToken.json().get("error_description").asText()).contains("expired");
    }
}
