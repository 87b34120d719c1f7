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
    @CsvSource({"3, 3", "'', 1", "garbage, 1", "0, 0"})
    void retryAfterIsReadInSeconds(String header, long seconds) {
        assertThat(RetryInterceptor.retryAfter(header.isEmpty() ? null : header)).isEqualTo(Duration.ofSeconds(seconds));
    }
}
