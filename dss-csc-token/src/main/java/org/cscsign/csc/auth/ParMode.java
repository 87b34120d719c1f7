package org.cscsign.csc.auth;

/** Whether the authorization request is pushed first (Pushed Authorization Requests, RFC 9126). */
public enum ParMode {
    /** Always send the parameters in the front channel (the browser's URL). */
    NEVER,
    /** Push the request when the authorization server has a PAR endpoint, else use the URL. */
    IF_SUPPORTED,
    /**
     * Always push; a server without a PAR endpoint is an {@link AuthorizationFlowException} (reason
     * {@link AuthorizationFlowException.Reason#PAR_UNAVAILABLE}), never a silent fallback to the URL.
     */
    REQUIRED
}
