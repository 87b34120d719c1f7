package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.ToBeSigned;
import org.cscsign.csc.CscClient;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A revoked or expired certificate never yields a signature value. */
class RevocationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static CscClient client;
    private static CscSignatureToken token;

    @BeforeAll
    static void open() {
        Sandbox s = sandbox.get();
        client = TestSupport.standardConfig(s).returnValidationInfo(true).buildClient();
        token = CscSignatureToken.builder().client(client).authorizer(TestSupport.pinAuthorizer(s)).build();
    }

    @AfterAll
    static void close() {
        token.close();
        client.close();
    }

    private static long signHashCalls() {
        return sandbox.get().stats().count(sandbox.get().cscUrl().getPath() + "/signatures/signHash");
    }

    @Test
    void revokedCredentialIsRefusedBeforeAnyRemoteCall() {
        CscKeyEntry key = token.getKey("revoked");
        assertThatThrownBy(() -> token.sign(new ToBeSigned(new byte[]{1}), DigestAlgorithm.SHA256, key))
                .isInstanceOf(DSSException.class).hasMessageContaining("revoked");
        assertThat(signHashCalls()).isZero();
    }

    @Test
    void expiredCredentialIsRefusedBeforeAnyRemoteCall() {
        CscKeyEntry key = token.getKey("expired");
        // the fixture really is past its validity, and the refusal says so (the id "expired" alone proves nothing)
        assertThat(key.getCertificate().getNotAfter()).isBefore(new java.util.Date());
        assertThatThrownBy(() -> token.sign(new ToBeSigned(new byte[]{1}), DigestAlgorithm.SHA256, key))
                .isInstanceOfSatisfying(CredentialUnusableException.class, e -> assertThat(e.isRevoked()).isFalse())
                .hasMessageContaining("certificate as expired");
        assertThat(signHashCalls()).isZero();
    }

    @Test
    void credentialRevokedAfterListingIsRefusedFromTheOcspSignHashReturns() {
        CscKeyEntry key = token.getKey("ecp384");
        token.sign(new ToBeSigned(new byte[]{1}), DigestAlgorithm.SHA384, key);
        sandbox.get().faults().revoke("ecp384");
        assertThatThrownBy(() -> token.sign(new ToBeSigned(new byte[]{2}), DigestAlgorithm.SHA384, key))
                .isInstanceOf(DSSException.class).hasMessageContaining("is revoked since");
        assertThat(signHashCalls()).isEqualTo(2);
    }
}
