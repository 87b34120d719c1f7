package org.cscsign.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the sandbox answers with {@code {"error": ..., "error_description": ...}}. The description
 * never carries a token, SAD, PIN or OTP.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;
    private final Map<String, String> headers = new LinkedHashMap<>();

    HttpError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static HttpError badRequest(String description) {
        return new HttpError(400, "invalid_request", description);
    }

    static HttpError invalidToken(String description) {
        return new HttpError(401, "invalid_token", description);
    }

    HttpError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    Map<String, String> headers() {
        return headers;
    }
}
