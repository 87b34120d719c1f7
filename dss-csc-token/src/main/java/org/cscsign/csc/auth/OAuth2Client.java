package org.cscsign.csc.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.cscsign.csc.AccessToken;
import org.cscsign.csc.CscException;
import org.cscsign.csc.CscResponseException;
import org.cscsign.csc.internal.BoundedExchange;
import org.cscsign.csc.internal.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * The one place that talks to an OAuth2 server's back channel (token, PAR, revocation endpoints):
 * a form POST authenticated as the client ({@code client_secret_basic}, {@code client_secret_post} or
 * {@code private_key_jwt}), with a DPoP proof where DPoP is on (answering one {@code use_dpop_nonce}
 * challenge, which the server sends before it processes the request), a size cap on the answer, and
 * the typed error of a refusal. Form values are never logged.
 */
final class OAuth2Client {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2Client.class);
    private final OkHttpClient http;
    private final String clientId;
    private final ClientAuthentication authentication;
    private final DpopSession dpop;
    private final Clock clock;
    private final String userAgent;
    private final long maxResponseBytes;
    private final ObjectMapper json = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * @param settings the client at the authorization server, its HTTP client, DPoP session and caps
     */
    OAuth2Client(OAuth2ClientSettings settings) {
        // a code, a PAR request or a refresh token is spent once sent: never resent behind the caller's back
        this.http = BoundedExchange.atMostOnce(settings.http());
        this.maxResponseBytes = settings.maxResponseBytes();
        this.clientId = settings.clientId();
        this.authentication = settings.authentication();
        this.dpop = settings.dpop();
        this.clock = settings.clock();
        this.userAgent = settings.userAgent();
    }

    String clientId() {
        return clientId;
    }

    ClientAuthentication authentication() {
        return authentication;
    }

    /**
     * POSTs the form to the endpoint and returns the JSON object of a 2xx answer (an empty object for an
     * empty body).
     *
     * @param method the name for errors and logs, e.g. {@code oauth2/token}
     * @param url the endpoint
     * @param params the form parameters (without client authentication)
     * @param withDpop whether to send a DPoP proof (token endpoint)
     * @param audience the {@code aud} of a {@code private_key_jwt} assertion: the token endpoint, which RFC 7523
     *                 names and RFC 9126 section 2 makes every server accept at its PAR endpoint too
     * @return the answer
     * @throws CscException typed by the failure
     */
    JsonNode post(String method, URI url, Map<String, String> params, boolean withDpop, URI audience) {
        boolean nonceRetried = false;
        while (true) {
            BoundedExchange.Result response = BoundedExchange.execute(http, request(url, params, withDpop && dpop != null, audience),
                    method, maxResponseBytes);
            String text = response.body();
            boolean newNonce = dpop != null && dpop.rememberNonce(url, response.response().header("DPoP-Nonce"));
            LOG.debug("OAuth2 {} ({}) -> HTTP {}", method, authentication == null ? "public client" : authentication,
                    response.status());
            if (!response.successful()) {
                CscException e = Errors.fromResponse(method, response.status(), text);
                if (withDpop && dpop != null && !nonceRetried && response.status() == 400
                        && "use_dpop_nonce".equals(e.error().orElse(null)) && (newNonce || dpop.nonce(url).isPresent())) {
                    nonceRetried = true; // the server refused before processing: the code is not spent
                    continue;
                }
                throw e;
            }
            if (text.isBlank()) {
                return JsonNodeFactory.instance.objectNode();
            }
            JsonNode n;
            try {
                n = json.readTree(text);
            } catch (IOException e) {
                throw malformed(method, "body", "is not JSON (or repeats a field)");
            }
            if (n == null || !n.isObject()) {
                throw malformed(method, "body", "is not a JSON object");
            }
            return n;
        }
    }

    private Request request(URI url, Map<String, String> params, boolean withDpop, URI audience) {
        FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
        params.forEach(form::add);
        Request.Builder rb = new Request.Builder().url(url.toString()).header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (authentication instanceof ClientAuthentication.SecretBasic basic) {
            rb.header("Authorization", Credentials.basic(clientId, basic.secret(), StandardCharsets.UTF_8));
        } else if (authentication instanceof ClientAuthentication.SecretPost post) {
            addClientId(form, params);
            form.add("client_secret", post.secret());
        } else if (authentication instanceof ClientAuthentication.PrivateKeyJwt jwt) {
            addClientId(form, params);
            form.add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .add("client_assertion", assertion(jwt, audience));
        } else {
            addClientId(form, params);
        }
        if (withDpop) {
            rb.header("DPoP", dpop.proof("POST", url, null));
        }
        return rb.post(form.build()).build();
    }

    /** A PAR body already names the client (it is the authorization request): never send it twice. */
    private void addClientId(FormBody.Builder form, Map<String, String> params) {
        if (!params.containsKey("client_id")) {
            form.add("client_id", clientId);
        }
    }

    private String assertion(ClientAuthentication.PrivateKeyJwt jwt, URI url) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(url.toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(60))).build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JwsKeys.algorithm(jwt.keys())).build(), claims);
        try {
            signed.sign(JwsKeys.signer(jwt.keys()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the client assertion: " + e.getMessage(), e);
        }
        return signed.serialize();
    }

    /**
     * Reads a token response (RFC 6749 section 5.1).
     *
     * @param method for errors
     * @param n the JSON answer
     * @param now the time of the answer (for {@code expires_in})
     * @return the access token
     * @throws CscResponseException naming the field that is missing or mistyped
     */
    static AccessToken accessToken(String method, JsonNode n, Instant now) {
        JsonNode token = n.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw malformed(method, "access_token", token == null ? "is missing" : "must be a non-empty string");
        }
        JsonNode type = n.get("token_type");
        if (type != null && !type.isTextual()) {
            throw malformed(method, "token_type", "must be a string");
        }
        JsonNode expires = n.get("expires_in");
        if (expires != null && !expires.isNull() && !(expires.canConvertToLong() || expires.asText().matches("\\d{1,12}"))) {
            throw malformed(method, "expires_in", "must be a number");
        }
        Instant expiresAt = expires == null || expires.isNull() ? Instant.MAX : now.plusSeconds(expires.asLong());
        JsonNode sc = n.get("scope");
        return new AccessToken(token.asText(), type == null ? "Bearer" : type.asText(), expiresAt,
                sc != null && sc.isTextual() ? sc.asText() : null);
    }

    static CscResponseException malformed(String method, String field, String problem) {
        return new CscResponseException(method, 200, null, null,
                "malformed " + method + " response: field '" + field + "' " + problem, null);
    }
}
