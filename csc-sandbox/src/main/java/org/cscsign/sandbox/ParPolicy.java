package org.cscsign.sandbox;

/**
 * Whether the sandbox's authorization server offers Pushed Authorization Requests (RFC 9126), so that
 * each PAR mode of a client can be tested against it.
 */
public enum ParPolicy {
    /** The PAR endpoint exists and the metadata names it; authorization requests may also come in the URL. */
    OFFERED,
    /**
     * The PAR endpoint exists and is required ({@code require_pushed_authorization_requests: true}): an
     * authorization request without {@code request_uri} is answered with {@code error=invalid_request}.
     */
    REQUIRED,
    /** There is no PAR endpoint: the metadata omits it and its path answers 404. */
    ABSENT
}
