package org.cscsign.token;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.cscsign.csc.CscClient;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DSS token against the STANDARD sandbox (CSC v2, SCAL 1, PIN) over real HTTP. */
class CscSignatureTokenStandardTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.multisign(4));

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

    @Test
    void getKeysReturnsEveryCredentialWithItsCompleteChain() {
        List<DSSPrivateKeyEntry> keys = token.getKeys();
        assertThat(keys).extracting(k -> ((CscKeyEntry) k).credentialId().value())
                .containsExactlyElementsOf(sandbox.get().credentialIds());
        for (DSSPrivateKeyEntry k : keys) {
            assertThat(k.getCertificateChain()).hasSize(3);
            assertThat(k.getCertificateChain()[2].getCertificate()).isEqualTo(sandbox.get().pki().rootCertificate());
            assertThat(k.getCertificateChain()[0].isSignedBy(k.getCertificateChain()[1])).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "rsa2048, RSA_SHA256, SHA256withRSA",
            "rsa2048, RSA_SHA384, SHA384withRSA",
            "rsa2048, RSA_SHA512, SHA512withRSA",
            "rsa3072, RSA_SHA256, SHA256withRSA",
            "rsa2048, RSA_SSA_PSS_SHA256_MGF1, PSS-SHA-256",
            "rsa3072, RSA_SSA_PSS_SHA384_MGF1, PSS-SHA-384",
            "rsa2048, RSA_SSA_PSS_SHA512_MGF1, PSS-SHA-512",
            "ecp256, ECDSA_SHA256, SHA256withECDSA",
            "ecp256, ECDSA_SHA512, SHA512withECDSA",
            "ecp384, ECDSA_SHA384, SHA384withECDSA",
            "ecp384, ECDSA_SHA256, SHA256withECDSA",
    })
    void signProducesAValueTheJdkVerifiesOverTheOriginalData(String credential, SignatureAlgorithm algorithm,
                                                               String jca) throws Exception {
        CscKeyEntry key = token.getKey(credential);
        byte[] data = ("document for " + credential + " " + algorithm).getBytes(StandardCharsets.UTF_8);
        SignatureValue value = token.sign(new ToBeSigned(data), algorithm, key);
        assertThat(value.getAlgorithm()).isEqualTo(algorithm);
        assertThat(TestSupport.jdkVerifies(jca, key.publicKey(), data, value.getValue())).isTrue();
    }

    @Test
    void plainEcdsaValueIsConvertedToRawRAndS() throws Exception {
        CscKeyEntry key = token.getKey("ecp256");
        byte[] data = "plain".getBytes(StandardCharsets.UTF_8);
        SignatureValue value = token.sign(new ToBeSigned(data), SignatureAlgorithm.PLAIN_ECDSA_SHA256, key);
        assertThat(value.getValue()).hasSize(64);
        assertThat(TestSupport.jdkVerifies("SHA256withECDSAinP1363Format", key.publicKey(), data, value.getValue())).isTrue();
    }

    @Test
    void signWithDigestAlgorithmUsesTheKeysAlgorithm() throws Exception {
        CscKeyEntry key = token.getKey("ecp384");
        byte[] data = "by digest algorithm".getBytes(StandardCharsets.UTF_8);
        SignatureValue value = token.sign(new ToBeSigned(data), DigestAlgorithm.SHA384, key);
        assertThat(value.getAlgorithm()).isEqualTo(SignatureAlgorithm.ECDSA_SHA384);
        assertThat(TestSupport.jdkVerifies("SHA384withECDSA", key.publicKey(), data, value.getValue())).isTrue();
    }

    @Test
    void signDigestAcceptsADigestInfoEncodedDigest() throws Exception {
        CscKeyEntry key = token.getKey("rsa2048");
        byte[] data = "digest info".getBytes(StandardCharsets.UTF_8);
        byte[] digestInfo = SignatureChecks.digestInfo(org.cscsign.csc.HashAlgorithm.SHA256, TestSupport.sha("SHA-256", data));
        SignatureValue value = token.signDigest(new Digest(DigestAlgorithm.SHA256, digestInfo), SignatureAlgorithm.RSA_SHA256, key);
        assertThat(TestSupport.jdkVerifies("SHA256withRSA", key.publicKey(), data, value.getValue())).isTrue();
    }

    @Test
    void batchLargerThanMultisignIsSplitIntoTheRightNumberOfCallsInOrder() throws Exception {
        CscKeyEntry key = token.getKey("rsa2048");
        assertThat(key.multisign()).isEqualTo(4);
        List<byte[]> data = new ArrayList<>();
        List<Digest> digests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            data.add(("document " + i).getBytes(StandardCharsets.UTF_8));
            digests.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", data.get(i))));
        }
        String path = sandbox.get().cscUrl().getPath() + "/signatures/signHash";
        long before = sandbox.get().stats().count(path);
        SignedBatch batch = token.signDigests(digests, SignatureAlgorithm.RSA_SHA256, key);
        assertThat(batch.signHashCalls()).isEqualTo(3);
        assertThat(sandbox.get().stats().count(path) - before).isEqualTo(3);
        assertThat(batch.signatureValues()).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(TestSupport.jdkVerifies("SHA256withRSA", key.publicKey(), data.get(i),
                    batch.signatureValues().get(i).getValue())).as("signature %d", i).isTrue();
        }
    }

    @Test
    void validationDataHoldsAParseableFullOcspResponseForTheLeaf() throws Exception {
        CscKeyEntry key = token.getKey("ecp256");
        SignedBatch batch = token.signDigests(List.of(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", new byte[]{1}))),
                SignatureAlgorithm.ECDSA_SHA256, key);
        assertThat(batch.validationData().ocspResponses()).hasSize(1);
        OCSPResp resp = new OCSPResp(OCSPResponse.getInstance(batch.validationData().ocspResponses().get(0)));
        assertThat(resp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertThat(basic.getResponses()[0].getCertID().getSerialNumber())
                .isEqualTo(key.getCertificate().getCertificate().getSerialNumber());
    }

    @Test
    void oneTokenSignsFromManyThreadsAtOnce() throws Exception {
        CscKeyEntry key = token.getKey("ecp256");
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        // every thread waits at the barrier, so all calls on the one token really overlap
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
        String signHash = sandbox.get().cscUrl().getPath() + "/signatures/signHash";
        long before = sandbox.get().stats().count(signHash);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                byte[] data = ("thread document " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    return TestSupport.jdkVerifies("SHA256withECDSA", key.publicKey(), data,
                            token.sign(new ToBeSigned(data), DigestAlgorithm.SHA256, key).getValue());
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sandbox.get().stats().count(signHash) - before).isEqualTo(threads);
    }

    @Test
    void ecAlgorithmOnAnRsaKeyIsRefusedBeforeAnyRemoteCall() {
        CscKeyEntry key = token.getKey("rsa2048");
        String path = sandbox.get().cscUrl().getPath() + "/signatures/signHash";
        long before = sandbox.get().stats().count(path);
        assertThatThrownBy(() -> token.sign(new ToBeSigned(new byte[]{1}), SignatureAlgorithm.ECDSA_SHA256, key))
                .isInstanceOf(DSSException.class).hasMessageContaining("does not fit credential rsa2048");
        assertThat(sandbox.get().stats().count(path)).isEqualTo(before);
    }
}
