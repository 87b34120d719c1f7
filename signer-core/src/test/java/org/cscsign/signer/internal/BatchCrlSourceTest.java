package org.cscsign.signer.internal;

import eu.europa.esig.dss.enumerations.CertificateStatus;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import org.cscsign.dss.DataLoaders;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch parses and verifies each CRL once, however many of its documents ask for it (concurrently), and each
 * answer is still about the certificate asked for: the sandbox's issuing-CA CRL lists the {@code revoked}
 * credential and not {@code rsa2048}.
 */
class BatchCrlSourceTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private final AtomicInteger asked = new AtomicInteger();
    private BatchCrlSource batch;
    private CertificateToken issuer;

    @BeforeEach
    void setUp() {
        sandbox.get().stats().reset();
        CRLSource online = DataLoaders.online().crlSource().orElseThrow();
        batch = new BatchCrlSource((certificate, issuerToken) -> {
            asked.incrementAndGet();
            return online.getRevocationToken(certificate, issuerToken);
        });
        issuer = new CertificateToken(sandbox.get().pki().issuingCaCertificate());
    }

    private static CertificateToken leaf(String credentialId) {
        // a new token each time, as every document of a batch brings its own copy of the certificate
        return new CertificateToken(sandbox.get().pki().credential(credentialId).orElseThrow().certificate());
    }

    @Test
    void twentyDocumentsAskingAtOnceCostOneDownloadAndOneCrlCheck() {
        List<CRLToken> tokens = IntStream.range(0, 20).parallel()
                .mapToObj(i -> batch.getRevocationToken(leaf("rsa2048"), issuer)).toList();

        assertThat(asked).as("CRLs parsed and verified").hasValue(1);
        assertThat(batch.crlChecks()).isEqualTo(1);
        assertThat(sandbox.get().stats().count("/pki/ca.crl")).isEqualTo(1);
        Set<CRLToken> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(tokens);
        assertThat(distinct).as("one token per request, each about its own copy of the certificate").hasSize(20);
        assertThat(tokens).doesNotContainNull()
                .allSatisfy(t -> {
                    assertThat(t.getStatus()).isEqualTo(CertificateStatus.GOOD);
                    assertThat(t.isSignatureIntact()).isTrue();
                    assertThat(t.isValid()).isTrue();
                    assertThat(t.getExternalOrigin()).isEqualTo(RevocationOrigin.EXTERNAL);
                    assertThat(t.getSourceURL()).endsWith("/pki/ca.crl");
                    assertThat(t.getCrlValidity()).isSameAs(tokens.get(0).getCrlValidity());
                });
    }

    @Test
    void theSharedCrlStillAnswersForEachCertificate() {
        CRLToken good = batch.getRevocationToken(leaf("rsa2048"), issuer);
        CRLToken revoked = batch.getRevocationToken(leaf("revoked"), issuer);

        assertThat(asked).hasValue(1);
        assertThat(good.getStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(revoked.getStatus()).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.getRevocationDate()).isNotNull();
        assertThat(revoked.getRelatedCertificate()).isEqualTo(leaf("revoked"));
    }

    @Test
    void aCrlOfAnotherIssuerIsCheckedOnItsOwn() {
        CertificateToken root = new CertificateToken(sandbox.get().pki().rootCertificate());

        CRLToken leafCrl = batch.getRevocationToken(leaf("rsa2048"), issuer);
        CRLToken caCrl = batch.getRevocationToken(issuer, root);
        batch.getRevocationToken(issuer, root);

        assertThat(asked).hasValue(2);
        assertThat(leafCrl.getSourceURL()).endsWith("/pki/ca.crl");
        assertThat(caCrl.getSourceURL()).endsWith("/pki/root.crl");
        assertThat(caCrl.getStatus()).isEqualTo(CertificateStatus.GOOD);
    }
}
