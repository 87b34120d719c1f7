package org.cscsign.samples;

import org.cscsign.signer.DocumentSigner;
import org.cscsign.signer.Level;
import org.cscsign.signer.SignatureFormat;
import org.cscsign.signer.SignatureOptions;
import org.cscsign.signer.WriteResult;

import eu.europa.esig.dss.token.SignatureTokenConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sample: sign every PDF of a folder as PAdES-BASELINE-LT in one batch: all digests first, then as
 * few {@code signatures/signHash} calls as the credential's {@code multisign} allows, one signing
 * time for the whole batch, and every output written atomically (all or nothing).
 */
public final class BatchSignFolder {

    private BatchSignFolder() {
    }

    /**
     * Signs {@code *.pdf} of {@code folder} into {@code outDir}.
     *
     * @param token any DSS token; a {@link org.cscsign.token.CscSignatureToken} batches the remote calls
     * @param tsaUrl an RFC 3161 time-stamping service
     * @param trustAnchor a PEM file with the credential's root
     * @param folder the folder holding the PDFs
     * @param outDir where the signed PDFs go
     * @return what was written and how many signHash calls it took
     */
    public static WriteResult signFolder(SignatureTokenConnection token, URI tsaUrl, Path trustAnchor, Path folder,
            Path outDir) {
        // tag::batch[]
        List<Path> pdfs;
        try (Stream<Path> files = Files.list(folder)) {
            pdfs = files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DocumentSigner signer = DocumentSigner.builder()
                .token(token)
                .tsa(tsaUrl)
                .trustAnchorFile(trustAnchor)
                .build();
        SignatureOptions options = SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build();
        WriteResult result = signer.signFiles(pdfs, outDir, options, false,
                (phase, done, total) -> System.out.printf("%s %d/%d%n", phase, done, total));
        System.out.printf("%d PDFs signed with %d signHash call(s)%n", result.files().size(), result.signHashCalls());
        // end::batch[]
        return result;
    }
}
