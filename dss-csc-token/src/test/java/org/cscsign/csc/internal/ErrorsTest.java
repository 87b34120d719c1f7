package org.cscsign.csc.internal;

import org.cscsign.csc.CscAuthenticationException;
import org.cscsign.csc.CscAuthorizationException;
import org.cscsign.csc.CscBadRequestException;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscServiceUnavailableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Each CSC/OAuth2 error response becomes the exception a caller can catch. */
class ErrorsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "400, invalid_request, CscBadRequestException",
            "400, invalid_pin, CscAuthorizationException",
            "400, invalid_otp, CscAuthorizationException",
            "400, access_denied, CscAuthorizationException",
            "403, '', CscAuthorizationException",
            "401, invalid_token, CscAuthenticationException",
            "401, invalid_client, CscAuthenticationException",
            "400, use_dpop_nonce, CscAuthenticationException",
            "401, invalid_dpop_proof, CscAuthenticationException",
            "429, '', CscServiceUnavailableException",
            "503, temporarily_unavailable, CscServiceUnavailableException",
            "404, '', CscException",
            "500, server_error, CscException",
    })
    void errorResponseMapsToTheTypedException(int status, String error, String type) {
        String body = error.isEmpty() ? "not json" : "{\"error\":\"" + error + "\",\"error_description\":\"d\"}";
        CscException e = Errors.fromResponse("signatures/signHash", status, body);
        Class<?> expected = switch (type) {
            case "CscBadRequestException" -> CscBadRequestException.class;
            case "CscAuthorizationException" -> CscAuthorizationException.class;
            case "CscAuthenticationException" -> CscAuthenticationException.class;
            case "CscServiceUnavailableException" -> CscServiceUnavailableException.class;
            default -> CscException.class;
        };
        assertThat(e).isExactlyInstanceOf(expected);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.method()).isEqualTo("signatures/signHash");
        assertThat(e.getMessage()).contains("signatures/signHash").contains(String.valueOf(status));
        if (!error.isEmpty()) {
            assertThat(e.error()).contains(error);
            assertThat(e.errorDescription()).contains("d");
        }
    }

    @ParameterizedTest(name = "Retry-After {0}")
    @CsvSource({"3, 3", "0, 0", "'Sun, 29 Nov 2026 10:00:07 GMT', 7", "'Sun, 29 Nov 2026 09:59:00 GMT', 0"})
    void retryAfterIsReadInSecondsOrAsHttpDate(String header, long seconds) {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-29T10:00:00Z"), java.time.ZoneOffset.UTC);
        assertThat(RetryInterceptor.retryAfter(header, clock)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "Retry-After ''{0}'' is no invitation to retry")
    @CsvSource({"''", "garbage", "-1"})
    void missingOrUnreadableRetryAfterMeansNoRetry(String header) {
        assertThat(RetryInterceptor.retryAfter(header.isEmpty() ? null : header, java.time.Clock.systemUTC())).isEmpty();
    }
}
