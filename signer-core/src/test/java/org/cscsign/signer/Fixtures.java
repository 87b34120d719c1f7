package org.cscsign.signer;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscProfile;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Profile;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.token.CscSignatureToken;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.KeyStore.PasswordProtection;

/** Small shared input documents and local tokens for the tests. */
final class Fixtures {

    private static final byte[] PDF = makePdf(2);

    private Fixtures() {
    }

    static DSSDocument pdf(String name) {
        return new InMemoryDocument(PDF, name);
    }

    static byte[] pdfBytes() {
        return PDF.clone();
    }

    static DSSDocument xml(String name) {
        return new InMemoryDocument(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<invoice id=\"42\"><item qty=\"2\">Widget</item><total currency=\"EUR\">19.90</total></invoice>\n")
                .getBytes(StandardCharsets.UTF_8), name);
    }

    static DSSDocument json(String name) {
        return new InMemoryDocument("{\"order\":42,\"items\":[\"widget\",\"gadget\"]}".getBytes(StandardCharsets.UTF_8), name);
    }

    static DSSDocument text(String name) {
        return new InMemoryDocument(("plain text to sign: " + name + "\n").getBytes(StandardCharsets.UTF_8), name);
    }

    /** A CSC token over the sandbox (client_credentials; PIN authorization in STANDARD, DPoP in BANKID). */
    static CscSignatureToken cscToken(Sandbox sandbox, String... credentialIds) {
        boolean bankid = sandbox.profile() == Profile.BANKID;
        CscClientConfig config = CscClientConfig.builder()
                .profile(bankid ? CscProfile.BANKID : CscProfile.STANDARD)
                .baseUrl(sandbox.cscUrl())
                .login(Login.clientCredentials(sandbox.clientId(), ClientAuthentication.clientSecretBasic(sandbox.clientSecret())))
                .returnValidationInfo(true)
                .build();
        CscSignatureToken.Builder builder = CscSignatureToken.builder().config(config).credentialIds(credentialIds);
        if (!bankid) {
            builder.authorizer(CredentialAuthorizer.pin(sandbox.pin().toCharArray()));
        }
        return builder.build();
    }

    /** A DSS key store token over the sandbox credential's key and chain (alias = credential id). */
    static KeyStoreSignatureTokenConnection localToken(Sandbox sandbox, String credentialId) {
        char[] pw = "changeit".toCharArray();
        try {
            KeyStore ks = sandbox.pki().toPkcs12(credentialId, pw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, pw);
            return new KeyStoreSignatureTokenConnection(out.toByteArray(), "PKCS12", new PasswordProtection(pw));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] makePdf(int pages) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    cs.newLineAtOffset(72, 750);
                    cs.showText("cscsign test document, page " + i);
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
