package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.cms.CMSSignedData;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.CscServiceUnavailableException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A misbehaving service never gets a wrong signature into a document: each fault is a typed error. */
class FaultsTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static CscClient client;
    private static CscSignatureToken token;

    @BeforeAll
    static void open() {
        Sandbox s = sandbox.get();
        client = TestSupport.standardClient(s);
        token = CscSignatureToken.builder().client(client).authorizer(TestSupport.pinAuthorizer(s)).build();
    }

    @AfterAll
    static void close() {
        token.close();
        client.close();
    }

    private static List<Digest> digests(int n) throws Exception {
        List<Digest> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", new byte[]{(byte) i})));
        }
        return out;
    }

    private static String signHashPath() {
        return sandbox.get().cscUrl().getPath() + "/signatures/signHash";
    }

    @Test
    void signatureMadeWithAnotherKeyIsRejected() {
        sandbox.get().faults().signWithWrongKey(true);
        CscKeyEntry key = token.getKey("rsa2048");
        assertThatThrownBy(() -> token.signDigests(digests(2), SignatureAlgorithm.RSA_SHA256, key))
                .isInstanceOf(DSSException.class)
                .hasCauseInstanceOf(CscResponseException.class)
                .hasMessageContaining("does not verify");
    }

    @Test
    void ecdsaSignatureMadeWithAnotherKeyIsRejected() {
        sandbox.get().faults().signWithWrongKey(true);
        CscKeyEntry key = token.getKey("ecp256");
        assertThatThrownBy(() -> token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key))
                .isInstanceOf(DSSException.class).hasCauseInstanceOf(CscResponseException.class);
    }

    @Test
    void pssSignatureMadeWithAnotherKeyIsRejected() {
        sandbox.get().faults().signWithWrongKey(true);
        CscKeyEntry key = token.getKey("rsa3072");
        assertThatThrownBy(() -> token.signDigests(digests(1), SignatureAlgorithm.RSA_SSA_PSS_SHA256_MGF1, key))
                .isInstanceOf(DSSException.class).hasCauseInstanceOf(CscResponseException.class);
    }

    @Test
    void signHashRejectsFewerSignaturesThanHashes() {
        sandbox.get().faults().dropLastSignature(true);
        CscKeyEntry key = token.getKey("ecp384");
        assertThatThrownBy(() -> token.signDigests(digests(3), SignatureAlgorithm.ECDSA_SHA256, key))
                .isInstanceOf(DSSException.class)
                .hasCauseInstanceOf(CscResponseException.class)
                .hasMessageContaining("2 signatures for 3 hashes");
    }

    @Test
    void invalidBase64SignatureIsRejectedNamingTheField() {
        sandbox.get().faults().corruptSignatureBase64(true);
        CscKeyEntry key = token.getKey("rsa2048");
        assertThatThrownBy(() -> token.signDigests(digests(2), SignatureAlgorithm.RSA_SHA256, key))
                .isInstanceOf(DSSException.class)
                .hasCauseInstanceOf(CscResponseException.class)
                .hasMessageContaining("signatures[")
                .hasMessageContaining("Base64");
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRetriedAndSucceeds() throws Exception {
        Sandbox s = sandbox.get();
        s.faults().failEveryNthSignHash(1, 1);
        CscKeyEntry key = token.getKey("ecp256");
        // every call fails while the fault is on: with the default policy the error surfaces as 503, typed
        assertThatThrownBy(() -> token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key))
                .isInstanceOf(DSSException.class).hasCauseInstanceOf(CscServiceUnavailableException.class);
        assertThat(s.stats().count(signHashPath())).isEqualTo(3);

        s.faults().reset();
        s.stats().reset();
        s.faults().failEveryNthSignHash(2, 1);
        token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key); // 1st call: fine
        SignedBatch batch = token.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key); // 2nd: 503, retried
        assertThat(batch.signatureValues()).hasSize(1);
        assertThat(s.stats().count(signHashPath())).isEqualTo(3);
    }

    @Test
    void retryIsBoundedByTheTotalWait() {
        Sandbox s = sandbox.get();
        s.faults().failEveryNthSignHash(1, 5);
        try (CscClient impatient = TestSupport.standardConfig(s)
                .retryPolicy(new CscClientConfig.RetryPolicy(5, Duration.ofSeconds(2))).buildClient();
             CscSignatureToken t = CscSignatureToken.builder().client(impatient).authorizer(TestSupport.pinAuthorizer(s)).build()) {
            CscKeyEntry key = t.getKey("ecp256");
            assertThatThrownBy(() -> t.signDigests(digests(1), SignatureAlgorithm.ECDSA_SHA256, key))
                    .hasCauseInstanceOf(CscServiceUnavailableException.class);
            assertThat(s.stats().count(signHashPath())).isEqualTo(1);
        }
    }

    @Test
    void timestampReturnsATokenOverTheGivenDigest() throws Exception {
        byte[] digest = TestSupport.sha("SHA-256", new byte[]{42});
        byte[] der = client.timestamp(digest, HashAlgorithm.SHA256, BigInteger.valueOf(12345));
        TimeStampToken tst = new TimeStampToken(new CMSSignedData(der));
        assertThat(tst.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(tst.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(12345));
    }
}
