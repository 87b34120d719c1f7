package org.cscsign.csc;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A SAD knows what it covers and refuses everything else. */
class SadTest {

    private static final CredentialId CRED = CredentialId.of("c1");
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final byte[] A = new byte[32];
    private static final byte[] B = filled(1);
    private static final byte[] C = filled(2);

    private static byte[] filled(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private static Sad sadFor(byte[]... hashes) {
        return new Sad("secret-sad", CRED, NOW.plusSeconds(300), hashes.length, List.of(hashes));
    }

    @Test
    void boundSadIsSpentOnItsOwnHashesInAnyOrder() {
        Sad sad = sadFor(A, B);
        sad.spend(CRED, List.of(B, A), NOW);
        assertThat(sad.remaining()).isZero();
    }

    @Test
    void boundSadRefusesAnotherHash() {
        Sad sad = sadFor(A, B);
        assertThatThrownBy(() -> sad.spend(CRED, List.of(A, C), NOW)).isInstanceOf(SadUsageException.class)
                .hasMessageContaining("hashes[1]").hasMessageNotContaining("secret-sad");
        assertThat(sad.remaining()).isEqualTo(2); // nothing spent by a refused call
    }

    @Test
    void boundSadRefusesAHashTwice() {
        Sad sad = new Sad("secret-sad", CRED, NOW.plusSeconds(300), 2, List.of(A, B));
        sad.spend(CRED, List.of(A), NOW);
        assertThatThrownBy(() -> sad.spend(CRED, List.of(A), NOW)).isInstanceOf(SadUsageException.class);
    }

    @Test
    void sadRefusesMoreSignaturesThanItHasLeft() {
        Sad sad = new Sad("secret-sad", CRED, NOW.plusSeconds(300), 2, List.of());
        sad.spend(CRED, List.of(A), NOW);
        assertThatThrownBy(() -> sad.spend(CRED, List.of(B, C), NOW)).isInstanceOf(SadUsageException.class)
                .hasMessageContaining("1 more signature");
    }

    @Test
    void expiredSadIsRefused() {
        Sad sad = sadFor(A);
        assertThatThrownBy(() -> sad.spend(CRED, List.of(A), NOW.plusSeconds(300))).isInstanceOf(SadUsageException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void sadOfAnotherCredentialIsRefused() {
        assertThatThrownBy(() -> sadFor(A).spend(CredentialId.of("c2"), List.of(A), NOW))
                .isInstanceOf(SadUsageException.class);
    }

    @Test
    void toStringHidesTheValue() {
        assertThat(sadFor(A).toString()).doesNotContain("secret-sad");
    }
}
