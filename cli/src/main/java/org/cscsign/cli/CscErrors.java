package org.cscsign.cli;

/** How the CSC client's exceptions map to exit codes (filled in with the client's types). */
final class CscErrors {

    private CscErrors() {
    }

    /** A PIN/OTP/SAD refusal: the signing was refused, exit 1. */
    static boolean isAuthorizationRefusal(Throwable t) {
        return false;
    }

    /** Any other CSC or transport failure: exit 3. */
    static boolean isRemote(Throwable t) {
        return false;
    }
}
