package org.cscsign.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CSC v1 {@code auth/login} (HTTP Basic user name and password → Bearer access token) and
 * {@code auth/revoke}, for a sandbox whose {@link ServiceQuirks#login()} is BASIC. Its tokens are kept
 * apart from the OAuth2 server's.
 */
final class BasicLogin {
    static final String USERNAME = "sandbox-user";

    private final String password;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, AccessToken> tokens = new ConcurrentHashMap<>();

    BasicLogin(String password, Clock clock, Duration lifetime) {
        this.password = password;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** {@code auth/login}: checks the Basic credentials, refuses a Bearer or missing header. */
    Map<String, Object> login(String authorization, JsonBody body) {
        body.bool("rememberMe", false);
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw HttpError.invalidToken("auth/login needs HTTP Basic authentication")
                    .header("WWW-Authenticate", "Basic realm=\"csc\"");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidToken("The Basic credentials are not Base64").header("WWW-Authenticate", "Basic realm=\"csc\"");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String pass = colon < 0 ? "" : decoded.substring(colon + 1);
        if (!USERNAME.equals(user) || !MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                pass.getBytes(StandardCharsets.UTF_8))) {
            throw HttpError.invalidToken("Wrong user name or password").header("WWW-Authenticate", "Basic realm=\"csc\"");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        if (tokens.size() > 1000) {
            Instant now = clock.instant();
            tokens.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        }
        tokens.put(token, new AccessToken("basic:" + user, "service", null, clock.instant().plus(lifetime), null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("expires_in", lifetime.toSeconds());
        return out;
    }

    /** {@code auth/revoke}: the token named in the body (or the caller's own) stops working. */
    Map<String, Object> revoke(JsonBody body, String callerToken) {
        String hint = body.string("token_type_hint").orElse("access_token");
        if (!hint.equals("access_token") && !hint.equals("refresh_token")) {
            throw HttpError.badRequest("Invalid parameter token_type_hint");
        }
        tokens.remove(body.string("token").orElse(callerToken));
        return null;
    }

    /** A live token issued by {@link #login}, or null. */
    AccessToken lookup(String token) {
        AccessToken t = tokens.get(token);
        if (t != null && !clock.instant().isBefore(t.expiresAt())) {
            tokens.remove(token);
            return null;
        }
        return t;
    }
}
