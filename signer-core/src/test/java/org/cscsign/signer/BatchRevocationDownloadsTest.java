package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.Stats;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CA's and the TSA's revocation data and certificates are downloaded once per batch, not once per
 * document (counted at the sandbox), and again for the next batch (the cache lives only as long as a batch).
 */
class BatchRevocationDownloadsTest {

    private static final int DOCUMENTS = 20;

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.multisign(50));

    static CscSignatureToken token;

    @BeforeAll
    static void setUp() {
        token = Fixtures.cscToken(sandbox.get(), "rsa2048");
    }

    @AfterAll
    static void tearDown() {
        token.close();
    }

    private static List<DSSDocument> pdfs() {
        List<DSSDocument> docs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            docs.add(Fixtures.pdf("doc-" + i + ".pdf"));
        }
        return docs;
    }

    private static DocumentSigner signer() {
        return DocumentSigner.builder().token(token).credentialId("rsa2048").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).build();
    }

    /** OCSP requests over HTTP for certificates other than the leaf (i.e. the TSA's). */
    private static long otherOcsp(Stats stats) {
        return stats.count("/ocsp") - stats.ocspRequestsFor("rsa2048");
    }

    @Test
    void anLtBatchOfTwentyPdfsDownloadsEachRevocationItemOnce() {
        SigningResult result = signer().sign(pdfs(), SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(),
                ProgressListener.NONE);

        assertThat(result.documents()).hasSize(DOCUMENTS)
                .allSatisfy(d -> assertThat(d.signatureLevel()).isEqualTo("PAdES-BASELINE-LT"));
        Stats stats = sandbox.get().stats();
        assertThat(stats.count("/pki/root.crl")).as("the CA's CRL, %s", stats.snapshot()).isLessThanOrEqualTo(1);
        assertThat(stats.count("/pki/ca.crl")).as("the TSA's CRL, %s", stats.snapshot()).isLessThanOrEqualTo(1);
        assertThat(otherOcsp(stats)).as("OCSP for the TSA certificate, %s", stats.snapshot()).isLessThanOrEqualTo(1);
        assertThat(stats.count("/pki/ca.crt")).as("AIA, %s", stats.snapshot()).isLessThanOrEqualTo(1);
        assertThat(stats.count("/pki/root.crt")).as("AIA, %s", stats.snapshot()).isLessThanOrEqualTo(1);
        assertThat(stats.ocspRequestsFor("rsa2048")).as("the leaf's OCSP comes from signHash").isZero();
        // the CA's revocation data was needed and fetched (else the LT level above could not be reached)
        assertThat(stats.count("/pki/root.crl") + stats.count("/ocsp")).isPositive();
    }

    @Test
    void twoBatchesDownloadTwiceAsMuchAsOne() {
        SignatureOptions lt = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();
        // self-validation of LT outputs is offline anyway; leave it out to keep the test short
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).selfValidation(false).build();
        signer.sign(pdfs(), lt, ProgressListener.NONE);
        long oneBatch = revocationDownloads(sandbox.get().stats());

        signer.sign(pdfs(), lt, ProgressListener.NONE);

        assertThat(oneBatch).isPositive();
        assertThat(revocationDownloads(sandbox.get().stats())).as("%s", sandbox.get().stats().snapshot())
                .isEqualTo(2 * oneBatch);
    }

    private static long revocationDownloads(Stats stats) {
        return stats.count("/pki/root.crl") + stats.count("/pki/ca.crl") + stats.count("/ocsp")
                + stats.count("/pki/ca.crt") + stats.count("/pki/root.crt");
    }
}
