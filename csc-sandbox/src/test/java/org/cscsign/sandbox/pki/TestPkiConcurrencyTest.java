package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedKeyMaterial.class)
class TestPkiConcurrencyTest {

    @Test
    void concurrentResponsesStayValidWhileCredentialsAreRevoked(SharedKeyMaterial.Keys keys, @TempDir Path dir)
            throws Exception {
        TestPki pki = keys.open(dir, SharedKeyMaterial.BASE);
        List<String> toRevoke = List.of("rsa2048", "rsa3072", "ecp256", "ecp384");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                if (n % 15 == 0) {
                    tasks.add(() -> {
                        pki.revoke(toRevoke.get(n / 15));
                        return true;
                    });
                } else if (n % 3 == 0) {
                    tasks.add(() -> new TimeStampToken(new CMSSignedData(
                            pki.timeStampToken(new byte[32], "2.16.840.1.101.3.4.2.1", null)))
                            .isSignatureValid(new JcaSimpleSignerInfoVerifierBuilder().build(pki.tsaCertificate())));
                } else {
                    X509Certificate leaf = pki.credentials().get(n % 6).certificate();
                    tasks.add(() -> new BasicOCSPResp(BasicOCSPResponse.getInstance(pki.ocspFor(leaf, true)))
                            .isSignatureValid(new JcaContentVerifierProviderBuilder()
                                    .build(pki.ocspResponderCertificate().getPublicKey())));
                }
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        for (String id : toRevoke) {
            assertThat(pki.status(id)).as(id).isEqualTo(CertificateStatus.REVOKED);
            BasicOCSPResp basic = new BasicOCSPResp(BasicOCSPResponse.getInstance(
                    pki.ocspFor(pki.credential(id).orElseThrow().certificate(), true)));
            assertThat(basic.getResponses()[0].getCertStatus()).as(id).isInstanceOf(RevokedStatus.class);
        }
        TestPki reopened = TestPki.open(dir, SharedKeyMaterial.BASE, java.time.Clock.systemUTC());
        for (String id : toRevoke) {
            assertThat(reopened.status(id)).as("persisted " + id).isEqualTo(CertificateStatus.REVOKED);
        }
    }
}
