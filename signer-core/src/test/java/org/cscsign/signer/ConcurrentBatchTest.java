package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.service.http.commons.TimestampDataLoader;
import eu.europa.esig.dss.service.tsp.OnlineTSPSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Documents of one batch are prepared, timestamped, augmented to LT and validated concurrently: the outputs
 * still come in input order, each validates, and one failing document means no output at all.
 */
class ConcurrentBatchTest {

    private static final String SIGN_HASH = "/csc/v2/signatures/signHash";

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.multisign(50));

    static CscSignatureToken token;

    @BeforeAll
    static void setUp() {
        token = Fixtures.cscToken(sandbox.get(), "ecp256");
    }

    @AfterAll
    static void tearDown() {
        token.close();
    }

    private static DocumentSigner.Builder signer() {
        return DocumentSigner.builder().token(token).credentialId("ecp256").tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).threads(6);
    }

    /** Distinct PDFs: page counts 1..count, so each output can be traced back to its input. */
    private static List<Path> pdfFiles(Path dir, int count) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            files.add(Files.write(dir.resolve("doc" + i + ".pdf"), Fixtures.makePdf(i)));
        }
        return files;
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
    void ltOutputsComeInInputOrderAndEachValidates(@TempDir Path tmp) throws IOException {
        List<Path> inputs = pdfFiles(tmp, 12);
        Path out = tmp.resolve("out");

        WriteResult result = signer().build().signFiles(inputs, out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE);

        assertThat(result.signHashCalls()).isEqualTo(1);
        assertThat(result.files()).hasSize(inputs.size());
        DocumentValidator validator = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                .online(false).build();
        for (int i = 0; i < inputs.size(); i++) {
            WrittenFile written = result.files().get(i);
            assertThat(written.inputs()).containsExactly(inputs.get(i));
            assertThat(written.output().getFileName().toString()).isEqualTo("doc" + (i + 1) + "-signed.pdf");
            // PAdES appends a revision: the output starts with exactly the bytes of ITS input
            byte[] input = Files.readAllBytes(inputs.get(i));
            byte[] output = Files.readAllBytes(written.output());
            assertThat(Arrays.copyOf(output, input.length)).isEqualTo(input);
            ValidationResult validation = validator.validate(written.output(), List.of());
            assertThat(validation.signatures()).singleElement().satisfies(s -> {
                assertThat(s.passed()).isTrue();
                assertThat(s.format()).isEqualTo("PAdES-BASELINE-LT");
            });
        }
        assertThat(sandbox.get().stats().count("/tsa")).as("one signature timestamp per document")
                .isEqualTo(inputs.size());
    }

    @Test
    void aBadDocumentInTheMiddleStopsTheBatchBeforeAnythingIsSigned(@TempDir Path tmp) throws IOException {
        List<Path> inputs = pdfFiles(tmp, 9);
        inputs.set(4, Files.writeString(tmp.resolve("doc5.pdf"), "not a pdf at all"));
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> signer().build().signFiles(inputs, out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE))
                .isInstanceOf(BadDocumentException.class).hasMessageContaining("doc5.pdf");

        assertThat(sandbox.get().stats().count(SIGN_HASH)).isZero();
        assertThat(sandbox.get().stats().count("/tsa")).isZero();
        assertThat(listing(out)).isEmpty();
    }

    @Test
    void aDocumentFailingWhileTheOthersAreFinishedLeavesNoOutput(@TempDir Path tmp) throws IOException {
        List<Path> inputs = pdfFiles(tmp, 9);
        Path out = tmp.resolve("out");
        // the fifth timestamp request of the batch fails: some documents are then already timestamped
        TSPSource real = new OnlineTSPSource(sandbox.get().tsaUrl().toString(), new TimestampDataLoader());
        AtomicInteger calls = new AtomicInteger();
        TSPSource failingFifth = (DigestAlgorithm algorithm, byte[] digest) -> {
            if (calls.incrementAndGet() == 5) {
                throw new DSSException("TSA refused the request");
            }
            return real.getTimeStampResponse(algorithm, digest);
        };
        DocumentSigner signer = signer().tsa(failingFifth).build();

        assertThatThrownBy(() -> signer.signFiles(inputs, out,
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE))
                .isInstanceOf(SigningException.class).hasMessageContaining("TSA refused");

        assertThat(sandbox.get().stats().count(SIGN_HASH)).isEqualTo(1);
        assertThat(sandbox.get().stats().count("/tsa")).as("other documents were timestamped").isPositive();
        assertThat(listing(out)).isEmpty();
    }

    @Test
    void oneThreadAndManyThreadsSignTheSameBatchAlike(@TempDir Path tmp) throws IOException {
        List<DSSDocument> docs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            docs.add(Fixtures.text("note" + i + ".txt"));
        }
        SignatureOptions cades = SignatureOptions.builder(SignatureFormat.CADES).level(Level.T).build();

        SigningResult sequential = signer().threads(1).build().sign(docs, cades, ProgressListener.NONE);
        SigningResult concurrent = signer().threads(5).build().sign(docs, cades, ProgressListener.NONE);

        assertThat(concurrent.documents()).extracting(SignedDocument::name)
                .containsExactlyElementsOf(sequential.documents().stream().map(SignedDocument::name).toList())
                .containsExactly("note1.p7m", "note2.p7m", "note3.p7m", "note4.p7m", "note5.p7m");
        assertThat(concurrent.documents()).allSatisfy(d -> assertThat(d.signatureLevel()).isEqualTo("CAdES-BASELINE-T"));
    }

    @Test
    void threadsMustBePositive() {
        assertThatThrownBy(() -> signer().threads(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
    }
}
