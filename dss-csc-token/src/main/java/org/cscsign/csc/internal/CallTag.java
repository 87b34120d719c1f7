package org.cscsign.csc.internal;

/**
 * Attached to every okhttp request as its tag: the CSC method (for errors and logs) and whether the
 * call carries the access token (every method but {@code info}).
 *
 * @param method the CSC method, e.g. {@code signatures/signHash}
 * @param authenticated whether to send the access token (and a DPoP proof)
 */
record CallTag(String method, boolean authenticated) {
}
