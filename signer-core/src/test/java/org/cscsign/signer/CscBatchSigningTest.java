package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batches through the CSC token against a STANDARD sandbox with multisign 10. */
class CscBatchSigningTest {

    private static final String SIGN_HASH = "/csc/v2/signatures/signHash";

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.multisign(10));

    static CscSignatureToken token;
    static DocumentValidator offlineValidator;

    @BeforeAll
    static void setUp() {
        token = Fixtures.cscToken(sandbox.get(), "rsa2048", "ecp256");
        offlineValidator = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).online(false).build();
    }

    @AfterAll
    static void tearDown() {
        token.close();
    }

    private static DocumentSigner.Builder signer(String credentialId) {
        return DocumentSigner.builder().token(token).credentialId(credentialId).tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor());
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twentyFiveDocumentsWithMultisignTenTakeThreeSignHashCalls(@TempDir Path tmp) throws IOException {
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            inputs.add(Files.writeString(tmp.resolve("doc" + i + ".txt"), "document number " + i));
        }
        Path out = tmp.resolve("out");
        List<String> events = Collections.synchronizedList(new ArrayList<>());

        WriteResult result = signer("ecp256").build().signFiles(inputs, out,
                SignatureOptions.builder(SignatureFormat.CADES).level(Level.LT).build(), false,
                (phase, done, total) -> events.add(phase + " " + done + "/" + total));

        assertThat(result.signHashCalls()).isEqualTo(3);
        assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(3);
        assertThat(result.files()).hasSize(25);
        assertThat(listing(out)).hasSize(25).contains("doc1.p7m", "doc25.p7m");
        for (WrittenFile file : result.files()) {
            ValidationResult validation = offlineValidator.validate(file.output(), List.of());
            assertThat(validation.allPassed()).as(file.output().toString()).isTrue();
            assertThat(validation.signatures().get(0).format()).isEqualTo("CAdES-BASELINE-LT");
        }
        assertThat(sandbox.get().stats().ocspRequestsFor("ecp256")).isZero();
        assertThat(events).contains("PREPARING 25/25", "SIGNING 0/25", "SIGNING 25/25", "FINISHING 25/25",
                "VALIDATING 25/25", "WRITING 25/25");
        assertThat(events.indexOf("SIGNING 0/25")).isGreaterThan(events.indexOf("PREPARING 25/25"));
    }

    @Test
    void aBatchSharesOneSigningTimeTakenFromTheClock() {
        Instant fixed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        DocumentSigner signer = signer("rsa2048").clock(Clock.fixed(fixed, ZoneOffset.UTC)).build();

        SigningResult result = signer.sign(List.of(Fixtures.xml("a.xml"), Fixtures.xml("b.xml"), Fixtures.xml("c.xml")),
                SignatureOptions.builder(SignatureFormat.XADES).level(Level.LT).build(), ProgressListener.NONE);

        assertThat(result.signHashCalls()).isEqualTo(1);
        assertThat(result.documents()).extracting(SignedDocument::name)
                .containsExactly("a-signed.xml", "b-signed.xml", "c-signed.xml");
        for (SignedDocument d : result.documents()) {
            assertThat(offlineValidator.validate(d.document(), List.of()).signatures().get(0).signingTime()).isEqualTo(fixed);
        }
    }

    @Test
    void asicEPutsAllInputsInOneContainerNamedAfterTheFirst() {
        SigningResult result = signer("rsa2048").build().sign(
                List.of(Fixtures.pdf("first.pdf"), Fixtures.text("second.txt"), Fixtures.json("third.json")),
                SignatureOptions.builder(SignatureFormat.ASIC_E).asicContent(SignatureFormat.CADES).level(Level.LTA).build(),
                ProgressListener.NONE);

        assertThat(result.documents()).hasSize(1);
        SignedDocument container = result.documents().get(0);
        assertThat(container.name()).isEqualTo("first.asice");
        assertThat(container.inputNames()).containsExactly("first.pdf", "second.txt", "third.json");
        assertThat(container.signatureLevel()).isEqualTo("CAdES-BASELINE-LTA");
        assertThat(offlineValidator.validate(container.document(), List.of()).allPassed()).isTrue();
    }

    @Test
    void detachedCadesIsSelfValidatedWithItsContent() {
        DSSDocument data = Fixtures.text("payload.bin");
        SignedDocument signed = signer("ecp256").build().sign(data,
                SignatureOptions.builder(SignatureFormat.CADES).packaging(Packaging.DETACHED).level(Level.LT).build());

        assertThat(signed.name()).isEqualTo("payload.p7s");
        assertThat(signed.selfValidated()).isTrue();
        assertThat(offlineValidator.validate(signed.document(), List.of(data)).allPassed()).isTrue();
    }

    @Test
    void aWrongSignatureFromTheServiceIsARemoteServiceFailureAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path input = Files.write(tmp.resolve("contract.pdf"), Fixtures.pdfBytes());
        Path out = tmp.resolve("out");
        sandbox.get().faults().signWithWrongKey(true);

        assertThatThrownBy(() -> signer("rsa2048").build().signFiles(List.of(input), out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE))
                .isInstanceOf(RemoteServiceException.class).hasCauseInstanceOf(RuntimeException.class);
        assertThat(listing(out)).isEmpty();
    }

    @Test
    void anExistingOutputIsRefusedBeforeAnythingIsSigned(@TempDir Path tmp) throws IOException {
        Path input = Files.write(tmp.resolve("contract.pdf"), Fixtures.pdfBytes());
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("contract-signed.pdf"), "keep me");

        assertThatThrownBy(() -> signer("rsa2048").build().signFiles(List.of(input), out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build(), false, ProgressListener.NONE))
                .isInstanceOf(OutputException.class).hasMessageContaining("contract-signed.pdf");
        assertThat(sandbox.get().stats().count(SIGN_HASH)).isZero();
        assertThat(Files.readString(out.resolve("contract-signed.pdf"))).isEqualTo("keep me");
    }

    @Test
    void anOutputThatDoesNotValidateIsRefused(@TempDir Path tmp) throws IOException {
        Path input = Files.writeString(tmp.resolve("data.txt"), "data");
        Path out = tmp.resolve("out");
        // trusting only the TSA certificate: the signer's chain ends in an untrusted root
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                .trustAnchor(sandbox.get().pki().tsaCertificate()).build();

        assertThatThrownBy(() -> signer.signFiles(List.of(input), out,
                SignatureOptions.builder(SignatureFormat.CADES).level(Level.B).build(), false, ProgressListener.NONE))
                .isInstanceOfSatisfying(SelfValidationException.class, e -> {
                    assertThat(e.documentName()).isEqualTo("data.p7m");
                    assertThat(e.indication()).isEqualTo("INDETERMINATE");
                    assertThat(e.getMessage()).contains("data.p7m").contains("INDETERMINATE");
                });
        assertThat(listing(out)).isEmpty();
    }

    @Test
    void levelTWithoutATsaIsRefusedBeforeAnyRemoteCall() {
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                .trustAnchorFile(sandbox.get().trustAnchor()).build();

        assertThatThrownBy(() -> signer.sign(Fixtures.text("a.txt"),
                SignatureOptions.builder(SignatureFormat.CADES).level(Level.T).build()))
                .isInstanceOf(SigningException.class).hasMessageContaining("tsa");
        assertThat(sandbox.get().stats().count(SIGN_HASH)).isZero();
    }

    @Test
    void unknownCredentialIsABuilderError() {
        assertThatThrownBy(() -> signer("nope").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credentialId nope");
    }

    @Test
    void detachedXadesAndJadesAreSelfValidatedWithTheirContent() {
        DSSDocument data = Fixtures.text("report.txt");
        DocumentSigner signer = signer("ecp256").build();

        SignedDocument xades = signer.sign(data,
                SignatureOptions.builder(SignatureFormat.XADES).packaging(Packaging.DETACHED).level(Level.LT).build());
        SignedDocument jades = signer.sign(data,
                SignatureOptions.builder(SignatureFormat.JADES).packaging(Packaging.DETACHED).level(Level.LT).build());

        assertThat(xades.name()).isEqualTo("report.xades.xml");
        assertThat(xades.signatureLevel()).isEqualTo("XAdES-BASELINE-LT");
        assertThat(jades.name()).isEqualTo("report.jws.json");
        assertThat(jades.signatureLevel()).isEqualTo("JAdES-BASELINE-LT");
        assertThat(offlineValidator.validate(xades.document(), List.of(data)).allPassed()).isTrue();
        assertThat(offlineValidator.validate(jades.document(), List.of(data)).allPassed()).isTrue();
    }

    @Test
    void xadesCarriesSignerRoleAndCommitmentType() throws IOException {
        SignedDocument signed = signer("rsa2048").build().sign(Fixtures.xml("order.xml"),
                SignatureOptions.builder(SignatureFormat.XADES).level(Level.B).signerRoles(List.of("Purchasing manager"))
                        .commitmentType(eu.europa.esig.dss.enumerations.CommitmentTypeEnum.ProofOfApproval)
                        .canonicalization("http://www.w3.org/2001/10/xml-exc-c14n#").build());

        String xml = new String(signed.document().openStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).contains("Purchasing manager").contains("ProofOfApproval");
        assertThat(signed.selfValidated()).isTrue();
    }

    @Test
    void padesCarriesReasonAndLocation() throws IOException {
        SignedDocument signed = signer("rsa2048").build().sign(Fixtures.pdf("deal.pdf"),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.T).reason("Approved").location("Vienna")
                        .contactInfo("legal@example.org").build());

        try (var pdf = org.apache.pdfbox.Loader.loadPDF(signed.document().openStream().readAllBytes())) {
            var signature = pdf.getLastSignatureDictionary();
            assertThat(signature.getReason()).isEqualTo("Approved");
            assertThat(signature.getLocation()).isEqualTo("Vienna");
            assertThat(signature.getContactInfo()).isEqualTo("legal@example.org");
        }
        assertThat(signed.signatureLevel()).isEqualTo("PAdES-BASELINE-T");
    }

    @Test
    void oneSignerServesConcurrentBatches() throws Exception {
        DocumentSigner signer = signer("rsa2048").build();
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.CADES).level(Level.LT).build();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> signer.sign(List.of(Fixtures.text("t1-a.txt"), Fixtures.text("t1-b.txt")),
                    options, ProgressListener.NONE));
            var second = pool.submit(() -> signer.sign(List.of(Fixtures.text("t2-a.txt"), Fixtures.text("t2-b.txt")),
                    options, ProgressListener.NONE));

            assertThat(first.get().documents()).extracting(SignedDocument::name).containsExactly("t1-a.p7m", "t1-b.p7m");
            assertThat(second.get().documents()).extracting(SignedDocument::name).containsExactly("t2-a.p7m", "t2-b.p7m");
            assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServiceThatStaysUnavailableIsARemoteServiceFailure() {
        sandbox.get().faults().failEveryNthSignHash(1, 0);

        assertThatThrownBy(() -> signer("rsa2048").build().sign(Fixtures.text("x.txt"),
                SignatureOptions.builder(SignatureFormat.CADES).level(Level.B).build()))
                .isInstanceOf(RemoteServiceException.class).hasMessageContaining("signing service");
    }

    @Test
    void aTemporarilyUnavailableServiceIsRetriedAndTheBatchSucceeds() {
        sandbox.get().faults().failEveryNthSignHash(2, 0);
        DocumentSigner signer = signer("rsa2048").build();
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.CADES).level(Level.B).build();

        signer.sign(Fixtures.text("first.txt"), options);
        SignedDocument second = signer.sign(Fixtures.text("second.txt"), options);

        // the second batch's first signHash got a 503 and was retried
        assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(3);
        assertThat(second.selfValidated()).isTrue();
    }
}
