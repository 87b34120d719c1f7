package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.bouncycastle.cms.CMSSignedData;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.cscsign.validator.DocumentValidator;
import org.cscsign.validator.ValidationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enveloping CAdES of a file is made by streaming (DSS signs detached, the content is streamed into the CMS):
 * the result is the CMS DSS makes in memory, and DSS validates it as enveloping at every level.
 */
class EnvelopingCadesTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static final byte[] CONTENT = "the content, signed and carried in the CMS\n".repeat(2000)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void theStreamedCmsIsByteForByteTheOneDssBuildsInMemory(@TempDir Path tmp) throws Exception {
        Path input = Files.write(tmp.resolve("notes.txt"), CONTENT);
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.CADES).level(Level.B)
                .packaging(Packaging.ENVELOPING).build();
        try (KeyStoreSignatureTokenConnection token = Fixtures.localToken(sandbox.get(), "rsa2048")) {
            // RSA PKCS#1 v1.5 is deterministic: same key, same time, same content give the same bytes
            DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048").clock(clock)
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();
            DSSDocument inMemory = signer.sign(new InMemoryDocument(CONTENT, "notes.txt"), options).document();
            Path streamed = signer.sign(input, tmp.resolve("out"), options);

            assertThat(streamed.getFileName()).hasToString("notes.p7m");
            assertThat(Files.readAllBytes(streamed)).isEqualTo(DSSUtils.toByteArray(inMemory));
        }
    }

    @Test
    void aCmsInputGetsAParallelSignatureAsDssGivesIt(@TempDir Path tmp) throws Exception {
        Path input = Files.write(tmp.resolve("notes.txt"), CONTENT);
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.CADES).level(Level.B)
                .packaging(Packaging.ENVELOPING).build();
        try (CscSignatureToken token = Fixtures.cscToken(sandbox.get(), "rsa2048")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                    .trustAnchorFile(sandbox.get().trustAnchor()).build();
            Path once = signer.sign(input, tmp.resolve("once"), options);
            Path renamed = Files.move(once, tmp.resolve("notes-once.p7m"));

            Path twice = signer.sign(renamed, tmp.resolve("twice"), options);

            CMSSignedData cms = new CMSSignedData(Files.readAllBytes(twice));
            assertThat(cms.getSignerInfos().size()).isEqualTo(2);
            assertThat((byte[]) cms.getSignedContent().getContent()).isEqualTo(CONTENT);
        }
    }

    @ParameterizedTest
    @EnumSource(Level.class)
    void theStreamedCmsCarriesTheContentAndDssValidatesItAsEnveloping(Level level, @TempDir Path tmp) throws Exception {
        Path input = Files.write(tmp.resolve("notes.txt"), CONTENT);
        try (CscSignatureToken token = Fixtures.cscToken(sandbox.get(), "rsa2048")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                    .tsa(sandbox.get().tsaUrl()).trustAnchorFile(sandbox.get().trustAnchor()).build();
            Path signed = signer.sign(input, tmp.resolve("out"), SignatureOptions.builder(SignatureFormat.CADES)
                    .level(level).packaging(Packaging.ENVELOPING).build());

            CMSSignedData cms = new CMSSignedData(Files.readAllBytes(signed));
            assertThat((byte[]) cms.getSignedContent().getContent()).isEqualTo(CONTENT);
            // small: DSS reads this CMS whole, as it would read its own enveloping output
            ValidationResult validation = DocumentValidator.builder().trustAnchorFile(sandbox.get().trustAnchor())
                    .online(level == Level.B || level == Level.T).build().validate(signed, List.of());
            assertThat(validation.signatures()).singleElement().satisfies(s -> {
                assertThat(s.passed()).as(s.errors().toString()).isTrue();
                assertThat(s.format()).isEqualTo("CAdES-BASELINE-" + level);
            });
            // nothing but the output in the output folder
            try (var files = Files.list(tmp.resolve("out"))) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.p7m");
            }
        }
    }
}
