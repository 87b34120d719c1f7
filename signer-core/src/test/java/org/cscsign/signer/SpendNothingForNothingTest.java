package org.cscsign.signer;

import eu.europa.esig.dss.model.CommonDocument;
import eu.europa.esig.dss.model.DSSDocument;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.token.CscSignatureToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Nothing is spent for nothing: an output folder that cannot be written costs zero signHash calls; a
 * document too large for the heap is a bad document naming the memory it needs; a TSA that fails is a
 * remote-service error naming the TSA, and nothing is written.
 */
class SpendNothingForNothingTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static String signHashPath(Sandbox s) {
        return s.cscUrl().getPath() + "/signatures/signHash";
    }

    @Test
    void unwritableOutputFolderCostsNoSignHash(@TempDir Path dir) throws Exception {
        Sandbox s = sandbox.get();
        Path pdf = dir.resolve("in.pdf");
        Files.write(pdf, Fixtures.pdfBytes());
        Path notAFolder = Files.writeString(dir.resolve("taken"), "a file where the output folder should be");
        try (CscSignatureToken token = Fixtures.cscToken(s, "rsa2048")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).trustAnchorFile(s.trustAnchor()).build();
            s.stats().reset();
            assertThatThrownBy(() -> signer.signFiles(List.of(pdf), notAFolder.resolve("out"),
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build(), false, null))
                    .isInstanceOf(OutputException.class).hasMessageContaining("output folder");
            assertThat(s.stats().count(signHashPath(s))).isZero();
        }
    }

    @Test
    void documentTooLargeForTheHeapIsABadDocumentSayingHowMuchMemory() {
        Sandbox s = sandbox.get();
        DSSDocument huge = new CommonDocument() {
            @Override
            public InputStream openStream() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        huge.setName("huge.pdf");
        try (CscSignatureToken token = Fixtures.cscToken(s, "rsa2048")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).trustAnchorFile(s.trustAnchor()).build();
            s.stats().reset();
            assertThatThrownBy(() -> signer.sign(huge, SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build()))
                    .isInstanceOf(BadDocumentException.class)
                    .hasMessageContaining("huge.pdf")
                    .hasMessageContaining("too large for the memory given")
                    .hasMessageContaining("MiB");
            assertThat(s.stats().count(signHashPath(s))).isZero();
        }
    }

    @Test
    void unreachableTsaIsFoundBeforeAnySignHash(@TempDir Path dir) throws Exception {
        Sandbox s = sandbox.get();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI deadTsa = URI.create("http://127.0.0.1:" + port + "/tsa");
        Path pdf = dir.resolve("in.pdf");
        Files.write(pdf, Fixtures.pdfBytes());
        try (CscSignatureToken token = Fixtures.cscToken(s, "rsa2048")) {
            DocumentSigner signer = DocumentSigner.builder().token(token).trustAnchorFile(s.trustAnchor()).tsa(deadTsa)
                    .build();
            s.stats().reset();
            assertThatThrownBy(() -> signer.signFiles(List.of(pdf), dir.resolve("out"),
                    SignatureOptions.builder(SignatureFormat.PADES).level(Level.T).build(), false, null))
                    .isInstanceOf(RemoteServiceException.class).hasMessageContaining(deadTsa.toString())
                    .hasMessageContaining("cannot be reached");
            assertThat(s.stats().count(signHashPath(s))).as("no signature spent").isZero();
            if (Files.isDirectory(dir.resolve("out"))) {
                try (var files = Files.list(dir.resolve("out"))) {
                    assertThat(files).isEmpty();
                }
            }
        }
    }
}
