package org.cscsign.validator;

/**
 * Thrown when the input is not a signed document DSS can read: a format no DSS
 * {@code SignedDocumentValidator} recognises (not PDF, CMS, XML, JSON or ASiC), or a
 * recognised document that holds neither a signature nor a timestamp.
 *
 * <p>The message is one line meant for a person ("no signature or timestamp found in report.pdf");
 * callers such as the command line print it without a stack trace.
 */
public class NotASignedDocumentException extends org.cscsign.dss.CscSignException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one-line reason that names the document
     */
    public NotASignedDocumentException(String message) {
        super(Family.BAD_DOCUMENT, message, null);
    }

    /**
     * @param message one-line reason that names the document
     * @param cause   the DSS exception that revealed the problem
     */
    public NotASignedDocumentException(String message, Throwable cause) {
        super(Family.BAD_DOCUMENT, message, cause);
    }
}
