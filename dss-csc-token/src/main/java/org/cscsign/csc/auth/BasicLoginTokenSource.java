package org.cscsign.csc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Credentials;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.cscsign.csc.AccessToken;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.CscTransportException;
import org.cscsign.csc.internal.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * CSC v1 {@code auth/login}: the user name and password in HTTP Basic, answered by an access token
 * ({@code access_token}, {@code expires_in}) that is then sent as {@code Bearer}. {@link #revoke()} ends
 * the session with {@code auth/revoke}; {@link #close()} revokes and forgets the password. The token is
 * cached as {@link CachingTokenSource} says. Thread-safe; the password is kept only as long as the source.
 */
public final class BasicLoginTokenSource extends CachingTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(BasicLoginTokenSource.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_BODY = 64 * 1024;

    private final OkHttpClient http;
    private final URI baseUrl;
    private final String username;
    private final char[] password;
    private final String userAgent;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param http the HTTP client (without the CSC authentication interceptor)
     * @param baseUrl the CSC base URL, ending before the method name
     * @param username the user name
     * @param password the password (copied)
     * @param clock the clock for the token expiry
     * @param userAgent the {@code User-Agent}
     */
    public BasicLoginTokenSource(OkHttpClient http, URI baseUrl, String username, char[] password, Clock clock,
                                 String userAgent) {
        super(clock);
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password").clone();
        this.userAgent = userAgent;
    }

    @Override
    protected AccessToken fetch() {
        String basic = Credentials.basic(username, new String(password), StandardCharsets.UTF_8);
        JsonNode n = call("auth/login", "{\"rememberMe\":false}", basic);
        JsonNode token = n.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw malformed("access_token", token == null ? "is missing" : "must be a non-empty string");
        }
        JsonNode expires = n.get("expires_in");
        if (expires != null && !expires.isNull() && !expires.canConvertToLong()) {
            throw malformed("expires_in", "must be a number");
        }
        Instant expiresAt = expires == null || expires.isNull() ? Instant.MAX
                : clock().instant().plusSeconds(expires.asLong());
        return new AccessToken(token.asText(), "Bearer", expiresAt, null);
    }

    /** The password logs in again at any time. */
    @Override
    protected boolean renewsSilently() {
        return true;
    }

    /**
     * CSC {@code auth/revoke} of the current token, if there is one; afterwards the next call logs in
     * again.
     *
     * @throws CscException if the service refuses
     */
    public void revoke() {
        AccessToken t = takeCached();
        if (t == null) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(json.createObjectNode().put("token", t.value())
                    .put("token_type_hint", "access_token"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        call("auth/revoke", body, t.authorizationHeader());
    }

    /** Forgets the password (the cached token stays until it is revoked or expires). */
    public void wipe() {
        Arrays.fill(password, '\0');
    }

    /**
     * Ends the session: {@link #revoke()}, then {@link #wipe()} (even when the revocation fails).
     *
     * @throws CscException if the service refuses the revocation
     */
    @Override
    public void close() {
        try {
            revoke();
        } finally {
            wipe();
        }
    }

    private JsonNode call(String method, String body, String authorization) {
        Request request = new Request.Builder().url(baseUrl + "/" + method).header("Authorization", authorization)
                .header("Accept", "application/json").header("User-Agent", userAgent)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON_TYPE)).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody rb = response.body();
            String text = rb == null ? "" : capped(rb);
            LOG.debug("CSC {} -> HTTP {}", method, response.code());
            if (!response.isSuccessful()) {
                throw Errors.fromResponse(method, response.code(), text);
            }
            if (text.isBlank()) {
                return json.createObjectNode();
            }
            JsonNode n = json.readTree(text);
            if (n == null || !n.isObject()) {
                throw malformed("body", "is not a JSON object");
            }
            return n;
        } catch (CscException e) {
            throw e;
        } catch (IOException e) {
            throw new CscTransportException(method, 0, null, null, method + " failed: cannot reach " + baseUrl.getHost()
                    + ":" + baseUrl.getPort() + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The body as text, refused when larger than the cap (a login answer is a few hundred bytes). */
    private static String capped(ResponseBody rb) throws IOException {
        okio.BufferedSource source = rb.source();
        source.request(MAX_BODY + 1L);
        if (source.getBuffer().size() > MAX_BODY) {
            throw new IOException("response larger than " + MAX_BODY + " bytes");
        }
        return source.getBuffer().readUtf8();
    }

    private static CscResponseException malformed(String field, String problem) {
        return new CscResponseException("auth/login", 200, null, null,
                "malformed auth/login response: field '" + field + "' " + problem, null);
    }

    @Override
    public String toString() {
        return "BasicLoginTokenSource[" + username + "]";
    }
}
