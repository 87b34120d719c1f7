package org.cscsign.validator;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.validator.TestSigner.Kind;
import org.cscsign.validator.TestSigner.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import javax.security.auth.x500.X500Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every supported format at B and LT, RSA and EC, signed by DSS with a sandbox key: it passes with
 * the sandbox root trusted and DSS reports the format that was requested; one changed byte of
 * signed content makes it fail.
 */
class FormatValidationTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static Map<String, TestSigner> signers;
    private static DocumentValidator validator;
    private static final Map<String, DSSDocument> SIGNED = new ConcurrentHashMap<>();

    @BeforeAll
    static void setUp() {
        signers = Map.of("rsa2048", new TestSigner(sandbox.get(), "rsa2048"),
                "ecp256", new TestSigner(sandbox.get(), "ecp256"));
        validator = DocumentValidator.builder().trustAnchor(sandbox.get().pki().rootCertificate()).build();
    }

    @AfterAll
    static void tearDown() {
        signers.values().forEach(TestSigner::close);
    }

    static Stream<Arguments> everyKindLevelAndKey() {
        return Stream.of(Kind.values()).flatMap(kind -> Stream.of(Level.values())
                .flatMap(level -> Stream.of("rsa2048", "ecp256").map(key -> Arguments.of(kind, level, key))));
    }

    private static DSSDocument signed(Kind kind, Level level, String key) {
        return SIGNED.computeIfAbsent(kind + "/" + level + "/" + key,
                k -> signers.get(key).sign(kind, level, Documents.contentFor(kind)));
    }

    private static List<DSSDocument> detachedFor(Kind kind, DSSDocument content) {
        return kind == Kind.CADES_DETACHED ? List.of(content) : List.of();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyKindLevelAndKey")
    void signatureWithTrustedRootPassesAndReportsRequestedFormat(Kind kind, Level level, String key) {
        DSSDocument signed = signed(kind, level, key);

        ValidationResult result = validator.validate(signed, detachedFor(kind, Documents.contentFor(kind)));

        assertThat(result.signatures()).hasSize(1);
        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).as("errors: %s", summary.errors()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(summary.subIndication()).isNull();
        assertThat(summary.format()).isEqualTo(TestSigner.expectedFormat(kind, level));
        assertThat(new X500Principal(summary.signerSubject()))
                .isEqualTo(signers.get(key).certificate().getSubjectX500Principal());
        assertThat(summary.signingTime()).isNotNull();
        assertThat(summary.errors()).isEmpty();
        assertThat(result.allPassed()).isTrue();
        assertThat(result.indication()).isEqualTo(Indication.TOTAL_PASSED);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void oneChangedByteOfSignedContentFailsTheSignature(Kind kind) {
        DSSDocument signed = signed(kind, Level.B, "rsa2048");
        DSSDocument content = Documents.contentFor(kind);

        DSSDocument tampered = switch (kind) {
            case CADES_DETACHED -> signed; // the detached content is what changes
            case JADES -> Documents.flipJwsPayload(signed);
            case ASIC_E -> Documents.tamperContainerEntry(signed, content.getName());
            default -> Documents.flipMarker(signed);
        };
        List<DSSDocument> detached = kind == Kind.CADES_DETACHED ? List.of(Documents.flipMarker(content)) : List.of();

        ValidationResult result = validator.validate(tampered, detached);

        assertThat(result.signatures()).hasSize(1);
        SignatureSummary summary = result.signatures().get(0);
        assertThat(summary.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(summary.subIndication()).isIn(SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(summary.errors()).isNotEmpty();
        assertThat(result.allPassed()).isFalse();
        assertThat(result.indication()).isEqualTo(Indication.TOTAL_FAILED);
    }
}
