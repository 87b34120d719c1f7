package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.TestSigner.Kind;
import org.cscsign.validator.TestSigner.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trust settings, revocation, detached content, offline mode and validation policies.
 */
class TrustAndRevocationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static TestSigner rsa;
    private static DSSDocument padesB;
    private static DSSDocument padesLt;
    private static DSSDocument cadesDetached;
    private static DSSDocument revokedPadesB;
    private static DSSDocument expiredPadesB;

    @BeforeAll
    static void signFixtures() {
        Sandbox sb = sandbox.get();
        rsa = new TestSigner(sb, "rsa2048");
        padesB = rsa.sign(Kind.PADES, Level.B, Documents.pdf());
        padesLt = rsa.sign(Kind.PADES, Level.LT, Documents.pdf());
        cadesDetached = rsa.sign(Kind.CADES_DETACHED, Level.B, Documents.text());
        try (TestSigner revoked = new TestSigner(sb, "revoked").relaxed()) {
            revokedPadesB = revoked.sign(Kind.PADES, Level.B, Documents.pdf());
        }
        try (TestSigner expired = new TestSigner(sb, "expired").relaxed()) {
            expiredPadesB = expired.sign(Kind.PADES, Level.B, Documents.pdf());
        }
    }

    @AfterAll
    static void close() {
        rsa.close();
    }

    private static DocumentValidator.Builder trusting() {
        return DocumentValidator.builder().trustAnchor(sandbox.get().pki().rootCertificate());
    }

    private static long networkRequests(Sandbox sb) {
        return sb.stats().snapshot().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void signatureWhoseRootIsNotTrustedIsIndeterminateNoCertificateChainFound() {
        ValidationResult result = DocumentValidator.builder().online(false).build().validate(padesLt, List.of());

        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(summary.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(result.allPassed()).isFalse();
    }

    @Test
    void ltSignaturePassesOfflineFromItsEmbeddedRevocationData() {
        ValidationResult result = trusting().online(false).build().validate(padesLt, List.of());

        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
    }

    @Test
    void signatureByRevokedCredentialIsNotPassedAndSaysRevoked() {
        ValidationResult result = trusting().build().validate(revokedPadesB, List.of());

        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
        assertThat(summary.subIndication()).isNotNull();
        assertThat(summary.subIndication().name()).contains("REVOKED");
    }

    @Test
    void signatureByExpiredCredentialIsNotPassed() {
        ValidationResult result = trusting().build().validate(expiredPadesB, List.of());

        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
        assertThat(summary.errors()).isNotEmpty();
    }

    @Test
    void validationTimeIsTheTimeTheSignatureIsJudgedAt() {
        Instant beforeTheLeafExisted = rsa.certificate().getNotBefore().toInstant().minus(1, ChronoUnit.DAYS);

        ValidationResult result = trusting().online(false).validationTime(beforeTheLeafExisted).build()
                .validate(padesLt, List.of());

        assertThat(result.reports().getSimpleReport().getValidationTime().toInstant()).isEqualTo(beforeTheLeafExisted);
        assertThat(result.allPassed()).isFalse();
    }

    @Test
    void validatorIsSafeToShareBetweenThreads() throws Exception {
        DocumentValidator shared = trusting().online(false).build();
        List<DSSDocument> documents = List.of(padesLt, cadesDetached, padesLt, cadesDetached);
        List<String> expected = new ArrayList<>();
        for (DSSDocument document : documents) {
            expected.add(outcome(shared.validate(document, detachedFor(document))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ValidationResult>> results = new ArrayList<>();
            for (DSSDocument document : documents) {
                results.add(pool.submit(() -> shared.validate(document, detachedFor(document))));
            }
            List<String> actual = new ArrayList<>();
            for (Future<ValidationResult> result : results) {
                actual.add(outcome(result.get()));
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expected.get(0)).isEqualTo("TOTAL_PASSED/null");
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<DSSDocument> detachedFor(DSSDocument document) {
        return document == cadesDetached ? List.of(Documents.text()) : List.of();
    }

    private static String outcome(ValidationResult result) {
        SignatureSummary summary = result.signatures().get(0);
        return summary.indication() + "/" + summary.subIndication();
    }

    @Test
    void detachedCadesPassesWithItsContent() {
        ValidationResult result = trusting().build().validate(cadesDetached, List.of(Documents.text()));

        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
    }

    @Test
    void detachedCadesWithoutItsContentIsIndeterminateSignedDataNotFound() {
        ValidationResult result = trusting().build().validate(cadesDetached, List.of());

        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(summary.subIndication()).isEqualTo(SubIndication.SIGNED_DATA_NOT_FOUND);
    }

    @Test
    void onlineValidationFetchesRevocationFromTheSandbox() {
        Sandbox sb = sandbox.get();

        ValidationResult result = trusting().build().validate(padesB, List.of());

        // the counterpart of the offline test: proves the counter sees DSS's requests
        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
        assertThat(sb.stats().count("/ocsp")).isPositive();
    }

    @Test
    void offlineValidationMakesNoNetworkCall() {
        Sandbox sb = sandbox.get();

        ValidationResult result = trusting().online(false).build().validate(padesB, List.of());

        assertThat(sb.stats().count("/ocsp")).isZero();
        assertThat(networkRequests(sb)).isZero();
        // a B-level signature carries no revocation data: offline it cannot be confirmed
        assertThat(result.allPassed()).isFalse();
        assertThat(result.signatures().get(0).indication()).isEqualTo(Indication.INDETERMINATE);
    }

    @Test
    void customPolicyIsHonoured(@TempDir Path dir) throws Exception {
        String defaultPolicy;
        try (InputStream in = getClass().getResourceAsStream("/policy/constraint.xml")) {
            assertThat(in).as("DSS default policy on the classpath").isNotNull();
            defaultPolicy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // accept only XAdES-BASELINE-LTA: a PAdES-BASELINE-LT signature no longer qualifies
        String tightened = defaultPolicy.replaceFirst(
                "(<AcceptableFormats Level=\"FAIL\">\\s*)<Id>\\*</Id>", "$1<Id>XAdES-BASELINE-LTA</Id>");
        assertThat(tightened).isNotEqualTo(defaultPolicy);
        Path policy = Files.writeString(dir.resolve("strict-policy.xml"), tightened);

        ValidationResult strict = trusting().online(false).policy(policy).build().validate(padesLt, List.of());
        ValidationResult lenient = trusting().online(false).build().validate(padesLt, List.of());

        assertThat(lenient.allPassed()).isTrue();
        assertThat(strict.allPassed()).isFalse();
        assertThat(strict.signatures().get(0).subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void unreadablePolicyFailsAtBuildNamingTheField(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.xml"), "<not-a-policy/>");

        assertThatThrownBy(() -> trusting().policy(policy).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy: ");
    }

    @Test
    void trustAnchorPemFileMakesTheRootTrusted() {
        ValidationResult result = DocumentValidator.builder().online(false)
                .trustAnchorFile(sandbox.get().trustAnchor()).build().validate(padesLt, List.of());

        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
    }

    @Test
    void pkcs12TrustStoreMakesTheRootTrusted(@TempDir Path dir) throws Exception {
        char[] password = "store-pass".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", sandbox.get().pki().rootCertificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }

        ValidationResult result = DocumentValidator.builder().online(false)
                .trustStore(file, "PKCS12", password).build().validate(padesLt, List.of());

        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
    }

    @Test
    void trustStoreWithWrongPasswordFailsAtBuildWithoutEchoingIt(@TempDir Path dir) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", sandbox.get().pki().rootCertificate());
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "right-pass".toCharArray());
        }

        assertThatThrownBy(() -> DocumentValidator.builder().trustStore(file, "PKCS12", "wrong-pass".toCharArray()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustStore: ")
                .hasMessageNotContaining("wrong-pass");
    }

    @Test
    void validationByPathReadsTheFileAndItsDetachedContent(@TempDir Path dir) throws Exception {
        Path signature = dir.resolve("contract.txt.p7s");
        Path content = dir.resolve("contract.txt");
        Files.write(signature, Documents.bytes(cadesDetached));
        Files.write(content, Documents.bytes(Documents.text()));

        ValidationResult result = trusting().build().validate(signature, List.of(content));

        assertThat(result.documentName()).isEqualTo("contract.txt.p7s");
        assertThat(result.allPassed()).as("%s", result.signatures()).isTrue();
    }
}
