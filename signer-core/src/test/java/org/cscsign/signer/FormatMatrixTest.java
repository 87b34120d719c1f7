package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.SignatureSummary;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every format × level × key type, signed through the sandbox and validated by DSS: TOTAL_PASSED with
 * the sandbox root trusted, and the format/level DSS reports equal to the requested one.
 */
class FormatMatrixTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    static CscSignatureToken token;
    static DocumentValidator onlineValidator;
    static DocumentValidator offlineValidator;

    @BeforeAll
    static void setUp() {
        token = Fixtures.cscToken(sandbox.get(), "rsa2048", "ecp256");
        onlineValidator = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).build();
        offlineValidator = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor()).online(false).build();
    }

    @AfterAll
    static void tearDown() {
        token.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (SignatureFormat format : SignatureFormat.values()) {
            for (Level level : Level.values()) {
                for (String key : List.of("rsa2048", "ecp256")) {
                    all.add(Arguments.of(format, level, key));
                }
            }
        }
        return all.stream();
    }

    private static List<DSSDocument> inputsFor(SignatureFormat format) {
        return switch (format) {
            case PADES -> List.of(Fixtures.pdf("contract.pdf"));
            case XADES -> List.of(Fixtures.xml("invoice.xml"));
            case JADES -> List.of(Fixtures.json("order.json"));
            case CADES -> List.of(Fixtures.text("notes.txt"));
            case ASIC_E -> List.of(Fixtures.pdf("contract.pdf"), Fixtures.xml("invoice.xml"));
        };
    }

    private static String expected(SignatureFormat format, Level level) {
        String prefix = switch (format) {
            case PADES -> "PAdES";
            case CADES -> "CAdES";
            case XADES, ASIC_E -> "XAdES";
            case JADES -> "JAdES";
        };
        return prefix + "-BASELINE-" + level;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void signsAndValidatesAtTheRequestedLevel(SignatureFormat format, Level level, String key) {
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId(key).tsa(sandbox.get().tsaUrl())
                .trustAnchorFile(sandbox.get().trustAnchor()).build();

        SigningResult result = signer.sign(inputsFor(format), SignatureOptions.builder(format).level(level).build(),
                ProgressListener.NONE);

        assertThat(result.signHashCalls()).isEqualTo(1);
        assertThat(result.documents()).hasSize(1);
        SignedDocument signed = result.documents().get(0);
        assertThat(signed.signatureLevel()).isEqualTo(expected(format, level));
        // LT and LTA carry their validation data: they must pass without any network access
        DocumentValidator validator = level.needsRevocationData() ? offlineValidator : onlineValidator;
        ValidationResult validation = validator.validate(signed.document(), List.of());
        assertThat(validation.signatures()).hasSize(1);
        SignatureSummary summary = validation.signatures().get(0);
        assertThat(summary.indication()).as("%s %s", summary.subIndication(), summary.errors())
                .hasToString("TOTAL_PASSED");
        assertThat(summary.format()).isEqualTo(expected(format, level));
        if (level.needsRevocationData()) {
            // the signer's OCSP came with signHash: DSS never asked the responder about the leaf
            assertThat(sandbox.get().stats().ocspRequestsFor(key)).isZero();
        }
    }
}
