package org.cscsign.sandbox.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every time the PKI writes comes from the injected clock, never from the JVM's. */
@ExtendWith(SharedKeyMaterial.class)
class TestPkiClockTest {

    /** A fixed instant well away from today, so a stray use of the system clock cannot go unnoticed. */
    private static final Instant FIXED = Instant.now().plus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);

    private static SharedKeyMaterial.Keys keys;
    private static TestPki pki;

    @BeforeAll
    static void openPki(SharedKeyMaterial.Keys shared, @TempDir Path dir) {
        keys = shared;
        TestPki.copyKeyMaterial(keys.stateDir(), dir);
        pki = TestPki.open(dir, SharedKeyMaterial.BASE, Clock.fixed(FIXED, ZoneOffset.UTC));
    }

    @Test
    void certificatesAreValidAtTheClocksTimeAndExpiredEndedTheDayBefore() throws Exception {
        Date now = Date.from(FIXED);
        pki.credential("rsa2048").orElseThrow().certificate().checkValidity(now);
        pki.issuingCaCertificate().checkValidity(now);
        pki.tsaCertificate().checkValidity(now);
        X509Certificate expired = pki.credential("expired").orElseThrow().certificate();
        assertThat(expired.getNotAfter().toInstant()).isEqualTo(FIXED.minus(Duration.ofDays(1)));
        assertThat(pki.status("expired")).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(pki.status("rsa2048")).isEqualTo(CertificateStatus.VALID);
    }

    @Test
    void ocspTimesComeFromTheClock() throws Exception {
        BasicOCSPResp basic = new BasicOCSPResp(BasicOCSPResponse.getInstance(
                pki.ocspFor(pki.credential("ecp256").orElseThrow().certificate(), true)));

        assertThat(basic.getProducedAt().toInstant()).isEqualTo(FIXED);
        assertThat(basic.getResponses()[0].getThisUpdate().toInstant()).isEqualTo(FIXED);
        assertThat(basic.getResponses()[0].getNextUpdate().toInstant()).isEqualTo(FIXED.plus(Duration.ofDays(1)));
    }

    @Test
    void timeStampGenTimeComesFromTheClock() throws Exception {
        TimeStampToken token = new TimeStampToken(new CMSSignedData(
                pki.timeStampToken(new byte[32], "2.16.840.1.101.3.4.2.1", BigInteger.ONE)));

        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isEqualTo(FIXED);
    }

    @Test
    void crlTimesComeFromTheClock() throws Exception {
        var crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(pki.crl("ca")));

        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(FIXED);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(FIXED.plus(Duration.ofDays(1)));
        assertThat(crl.getRevokedCertificate(pki.credential("revoked").orElseThrow().certificate())
                .getRevocationDate().toInstant()).isEqualTo(FIXED);
    }

    @Test
    void reopeningAfterTheCertificatesExpiredReissuesThem(@TempDir Path dir) throws Exception {
        Instant start = FIXED;
        TestPki.copyKeyMaterial(keys.stateDir(), dir);
        TestPki first = TestPki.open(dir, SharedKeyMaterial.BASE, Clock.fixed(start, ZoneOffset.UTC));
        Instant muchLater = start.plus(Duration.ofDays(3 * 365));

        TestPki later = TestPki.open(dir, SharedKeyMaterial.BASE, Clock.fixed(muchLater, ZoneOffset.UTC));

        X509Certificate leaf = later.credential("rsa2048").orElseThrow().certificate();
        assertThat(leaf).isNotEqualTo(first.credential("rsa2048").orElseThrow().certificate());
        leaf.checkValidity(Date.from(muchLater));
        assertThat(later.status("rsa2048")).isEqualTo(CertificateStatus.VALID);
        assertThat(later.status("expired")).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(later.rootCertificate()).isEqualTo(first.rootCertificate());
    }
}
