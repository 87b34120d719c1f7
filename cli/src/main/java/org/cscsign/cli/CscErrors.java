package org.cscsign.cli;

import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscException;

/** How the CSC client's exceptions map to exit codes. */
final class CscErrors {

    private CscErrors() {
    }

    /** A PIN/OTP/SAD refusal ({@code invalid_pin}, {@code invalid_otp}, {@code access_denied}): exit 1. */
    static boolean isAuthorizationRefusal(Throwable t) {
        return t instanceof CscAuthorizationException;
    }

    /** Any other CSC or transport failure (including client authentication, 401 invalid_client): exit 3. */
    static boolean isRemote(Throwable t) {
        return t instanceof CscException;
    }
}
