package org.cscsign.csc;

import java.util.Locale;

/**
 * How a credential is authorized for signing, the {@code auth.mode} of {@code credentials/info}
 * (v1: {@code authMode}).
 */
public enum AuthMode {
    /** PIN and/or OTP sent to {@code credentials/authorize}. */
    EXPLICIT,
    /** {@code credentials/authorize} with no authentication data: the service authorizes by itself. */
    IMPLICIT,
    /** An OAuth2 authorization-code flow with scope {@code credential}. */
    OAUTH2CODE;

    /**
     * @param mode the wire value, e.g. {@code explicit}
     * @return the mode
     * @throws CscResponseException naming the value when it is none of explicit, implicit, oauth2code
     */
    public static AuthMode parse(String mode) {
        if (mode != null) {
            switch (mode.toLowerCase(Locale.ROOT)) {
                case "explicit":
                    return EXPLICIT;
                case "implicit":
                    return IMPLICIT;
                case "oauth2code":
                    return OAUTH2CODE;
                default:
                    break;
            }
        }
        throw new CscResponseException("credentials/info", 200, null, null, "credentials/info: unknown auth mode '"
                + mode + "' (expected explicit, implicit or oauth2code)", null);
    }

    /** @return the wire value */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
