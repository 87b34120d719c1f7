package org.cscsign.csc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cscsign.csc.CscAuthenticationException;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscBadRequestException;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscServiceUnavailableException;

import java.util.Set;

/** Maps a CSC or OAuth2 error response to the typed exception, in one place. */
public final class Errors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DESCRIPTION = 300;

    private static final Set<String> AUTHENTICATION = Set.of("invalid_token", "expired_token", "invalid_client",
            "unauthorized_client", "invalid_dpop_proof", "use_dpop_nonce", "invalid_grant");
    private static final Set<String> AUTHORIZATION = Set.of("invalid_pin", "invalid_otp", "access_denied",
            "invalid_sad", "expired_sad", "invalid_credential", "consent_required");

    private Errors() {
    }

    /**
     * @param method the CSC method or {@code oauth2/token}
     * @param status the HTTP status (not 2xx)
     * @param body the response body, may be empty or not JSON
     * @return the typed exception naming the method, the status and the CSC error
     */
    public static CscException fromResponse(String method, int status, String body) {
        String error = null;
        String description = null;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                error = node.path("error").isTextual() ? node.get("error").asText() : null;
                description = node.path("error_description").isTextual() ? truncate(node.get("error_description").asText()) : null;
            }
        } catch (Exception e) {
            // not JSON: the status alone tells what happened
        }
        String message = method + " failed: HTTP " + status + (error != null ? " " + error : "")
                + (description != null ? " (" + description + ")" : "");
        if (error != null && AUTHORIZATION.contains(error) || status == 403) {
            return new CscAuthorizationException(method, status, error, description, message, null);
        }
        if (status == 401 || error != null && AUTHENTICATION.contains(error)) {
            return new CscAuthenticationException(method, status, error, description, message, null);
        }
        if (status == 429 || status == 503 || "temporarily_unavailable".equals(error)) {
            return new CscServiceUnavailableException(method, status, error, description, message, null);
        }
        if (status == 400) {
            return new CscBadRequestException(method, status, error, description, message, null);
        }
        return new CscException(method, status, error, description, message, null);
    }

    private static String truncate(String s) {
        return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION) + "…";
    }
}
