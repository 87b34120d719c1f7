package org.cscsign.signer;

/**
 * An input document cannot be signed in the requested format: not a PDF for PAdES, not readable XML
 * for enveloped XAdES, unreadable, or empty. Nothing was signed (the CLI maps it to exit code 4).
 */
public class BadDocumentException extends SigningException {

    private static final long serialVersionUID = 1L;

    /** the file name of the refused input, never its path. */
    private final String documentName;

    /**
     * @param documentName the name of the offending input
     * @param reason why it cannot be signed
     * @param cause the parser's error, may be null
     */
    public BadDocumentException(String documentName, String reason, Throwable cause) {
        super(Family.BAD_DOCUMENT, documentName + ": " + reason, cause);
        this.documentName = documentName;
    }

    /** @return the name of the offending input document */
    public String documentName() {
        return documentName;
    }
}
