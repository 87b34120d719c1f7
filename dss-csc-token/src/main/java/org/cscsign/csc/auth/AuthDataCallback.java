package org.cscsign.csc.auth;

import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CredentialInfo;

/**
 * Supplies the values of explicit authorization ({@code credentials/authorize} {@code authData}):
 * the PIN, the OTP. Called once per object and authorization; the CLI prompts, a test answers from
 * the sandbox. The returned array is wiped after use.
 */
@FunctionalInterface
public interface AuthDataCallback {

    /**
     * @param credential the credential being authorized
     * @param object the object asked for ({@code id} is {@code PIN} or {@code OTP})
     * @return the value; never logged
     */
    char[] provide(CredentialId credential, CredentialInfo.AuthObject object);
}
