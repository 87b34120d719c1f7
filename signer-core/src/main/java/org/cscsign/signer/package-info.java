/**
 * AdES signing with DSS where the key stays in a CSC signing service (or any DSS token).
 *
 * <p>Entry point: {@link org.cscsign.signer.DocumentSigner}. A typical use, signing PDFs as
 * PAdES-BASELINE-LT with one {@code signatures/signHash} round trip per batch:
 * <pre>{@code
 * DocumentSigner signer = DocumentSigner.builder()
 *         .token(cscSignatureToken)              // or any DSS SignatureTokenConnection
 *         .credentialId("my-credential")
 *         .tsa(URI.create("http://tsa.example/tsa"))
 *         .trustAnchorFile(Path.of("root.pem"))
 *         .build();
 * WriteResult written = signer.signFiles(files, outputDir,
 *         SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build(), false, ProgressListener.NONE);
 * }</pre>
 *
 * <p>Errors all extend {@link org.cscsign.signer.SigningException}: {@link org.cscsign.signer.BadDocumentException}
 * (input unusable), {@link org.cscsign.signer.CertificateRevokedException} /
 * {@link org.cscsign.signer.CertificateStatusException} (signer certificate not good),
 * {@link org.cscsign.signer.RemoteServiceException} (the token failed),
 * {@link org.cscsign.signer.MissingRevocationDataException} (LT without revocation data, e.g. offline),
 * {@link org.cscsign.signer.SelfValidationException} (output not TOTAL_PASSED),
 * {@link org.cscsign.signer.OutputException} (target exists, I/O). On any of them nothing is returned
 * or written.
 */
package org.cscsign.signer;
