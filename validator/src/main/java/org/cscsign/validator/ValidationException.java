package org.cscsign.validator;

import org.cscsign.dss.CscSignException;

/**
 * Validation itself could not be carried out on a document DSS did read (family
 * {@link CscSignException.Family#VALIDATION}): DSS failed while building its reports, or the document
 * needs more memory than the JVM has. A signature that was validated and did not pass is not an
 * exception: it is in the {@link ValidationResult}.
 */
public class ValidationException extends CscSignException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the document
     * @param cause the underlying failure
     */
    public ValidationException(String message, Throwable cause) {
        super(Family.VALIDATION, message, cause);
    }
}
