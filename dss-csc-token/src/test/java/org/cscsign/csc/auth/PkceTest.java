package org.cscsign.csc.auth;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PkceTest {

    @Test
    void challengeIsTheRfc7636AppendixBValue() {
        assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void generatedVerifiersAreFreshLongEnoughAndMatchTheirChallenge() {
        SecureRandom random = new SecureRandom();
        Pkce a = Pkce.generate(random);
        Pkce b = Pkce.generate(random);
        assertThat(a.verifier()).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(b.verifier());
        assertThat(a.challenge()).isEqualTo(Pkce.challengeOf(a.verifier()));
        assertThat(a.toString()).doesNotContain(a.verifier());
    }

    @Test
    void tooShortVerifierIsRefused() {
        assertThatThrownBy(() -> Pkce.challengeOf("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
