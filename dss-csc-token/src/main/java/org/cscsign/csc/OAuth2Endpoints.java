package org.cscsign.csc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cscsign.csc.internal.BoundedExchange;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a CSC service's OAuth2 authorization server takes requests: the authorization, token,
 * pushed-authorization (RFC 9126) and revocation (RFC 7009) endpoints, and what it says it supports.
 * Comes from configuration, from authorization server metadata (RFC 8414 / OpenID Connect discovery,
 * see {@link #fromMetadata}) or from the CSC {@code info.oauth2} base ({@link #ofCscBase}).
 *
 * @param issuer the issuer identifier, null when the endpoints did not come from metadata
 * @param authorization the authorization endpoint (the browser goes there)
 * @param token the token endpoint
 * @param pushedAuthorization the PAR endpoint, null when the server has none
 * @param revocation the revocation endpoint, null when the server has none
 * @param parRequired whether the metadata says {@code require_pushed_authorization_requests}
 * @param codeChallengeMethods {@code code_challenge_methods_supported}; empty when not stated
 */
public record OAuth2Endpoints(URI issuer, URI authorization, URI token, URI pushedAuthorization, URI revocation,
                              boolean parRequired, List<String> codeChallengeMethods) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Checks the fields.
     *
     * @param issuer the issuer identifier, null when the endpoints did not come from metadata
     * @param authorization the authorization endpoint (the browser goes there)
     * @param token the token endpoint
     * @param pushedAuthorization the PAR endpoint, null when the server has none
     * @param revocation the revocation endpoint, null when the server has none
     * @param parRequired whether the metadata says {@code require_pushed_authorization_requests}
     * @param codeChallengeMethods {@code code_challenge_methods_supported}; empty when not stated
     */
    public OAuth2Endpoints {
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(token, "token");
        codeChallengeMethods = List.copyOf(codeChallengeMethods);
    }

    /**
     * Endpoints given explicitly.
     *
     * @param authorization the authorization endpoint
     * @param token the token endpoint
     * @param pushedAuthorization the PAR endpoint, may be null
     * @param revocation the revocation endpoint, may be null
     * @return the endpoints
     */
    public static OAuth2Endpoints of(URI authorization, URI token, URI pushedAuthorization, URI revocation) {
        return new OAuth2Endpoints(null, authorization, token, pushedAuthorization, revocation, false, List.of());
    }

    /**
     * The CSC convention: {@code <oauth2>/oauth2/authorize}, {@code /oauth2/token},
     * {@code /oauth2/pushed_authorize}, {@code /oauth2/revoke} under the {@code info.oauth2} base URI.
     * The PAR endpoint is included only when {@code info.methods} lists {@code oauth2/pushed_authorize}.
     *
     * @param base the {@code oauth2} value of {@code info}
     * @param par whether the service lists {@code oauth2/pushed_authorize}
     * @return the endpoints
     */
    public static OAuth2Endpoints ofCscBase(URI base, boolean par) {
        String b = base.toString();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        // some services give the token endpoint itself as oauth2
        if (b.endsWith("/oauth2/token")) {
            b = b.substring(0, b.length() - "/oauth2/token".length());
        }
        return new OAuth2Endpoints(null, URI.create(b + "/oauth2/authorize"), URI.create(b + "/oauth2/token"),
                par ? URI.create(b + "/oauth2/pushed_authorize") : null, URI.create(b + "/oauth2/revoke"), false, List.of());
    }

    /**
     * The addresses where an issuer's metadata may be, in the order to try them: RFC 8414's
     * {@code /.well-known/oauth-authorization-server} inserted before the issuer's path, OpenID's
     * {@code /.well-known/openid-configuration} appended to it (Keycloak realms), then the two other
     * forms (OpenID inserted, RFC 8414 appended) that servers are seen to use.
     *
     * @param issuer the issuer identifier ({@code info.oauth2Issuer})
     * @return the candidate metadata URLs, without duplicates
     */
    public static List<URI> metadataUrls(URI issuer) {
        String path = issuer.getRawPath() == null ? "" : issuer.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String origin = issuer.getScheme() + "://" + issuer.getRawAuthority();
        List<URI> out = new ArrayList<>();
        for (String candidate : List.of(
                origin + "/.well-known/oauth-authorization-server" + path,
                origin + path + "/.well-known/openid-configuration",
                origin + "/.well-known/openid-configuration" + path,
                origin + path + "/.well-known/oauth-authorization-server")) {
            URI u = URI.create(candidate);
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * Parses authorization server metadata (RFC 8414 section 2; OpenID discovery uses the same names)
     * and checks that its {@code issuer} is the one asked for (RFC 8414 section 3.3), so a document
     * served for another server is never used.
     *
     * @param json the metadata document
     * @param expectedIssuer the issuer whose metadata was fetched
     * @param source where it came from, for messages
     * @return the endpoints
     * @throws CscResponseException naming the field that is missing, mistyped or wrong
     */
    public static OAuth2Endpoints fromMetadata(String json, URI expectedIssuer, URI source) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw malformed(source, "body", "is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw malformed(source, "body", "is not a JSON object");
        }
        URI issuer = uri(n, "issuer", source).orElseThrow(() -> malformed(source, "issuer", "is missing"));
        if (!strip(issuer.toString()).equals(strip(expectedIssuer.toString()))) {
            throw malformed(source, "issuer", "names another issuer than " + expectedIssuer);
        }
        URI authorization = uri(n, "authorization_endpoint", source)
                .orElseThrow(() -> malformed(source, "authorization_endpoint", "is missing"));
        URI token = uri(n, "token_endpoint", source).orElseThrow(() -> malformed(source, "token_endpoint", "is missing"));
        List<String> methods = new ArrayList<>();
        JsonNode m = n.get("code_challenge_methods_supported");
        if (m != null && !m.isNull()) {
            if (!m.isArray()) {
                throw malformed(source, "code_challenge_methods_supported", "must be an array");
            }
            m.forEach(x -> methods.add(x.asText()));
        }
        JsonNode required = n.get("require_pushed_authorization_requests");
        if (required != null && !required.isNull() && !required.isBoolean()) {
            throw malformed(source, "require_pushed_authorization_requests", "must be a boolean");
        }
        return new OAuth2Endpoints(issuer, authorization, token,
                uri(n, "pushed_authorization_request_endpoint", source).orElse(null),
                uri(n, "revocation_endpoint", source).orElse(null),
                required != null && required.asBoolean(false), methods);
    }

    /**
     * Finds an issuer's endpoints through its metadata: tries {@link #metadataUrls} in order and takes
     * the first document served (2xx); a 404 or other refusal moves on to the next form.
     *
     * @param http the HTTP client (its timeouts bound each request)
     * @param issuer the issuer identifier
     * @param userAgent the User-Agent
     * @param maxBytes the cap on a metadata document
     * @return the endpoints, or empty when no form of the metadata address serves a document
     * @throws CscResponseException when a served document is malformed or names another issuer
     * @throws CscException when the server cannot be reached or a document is too large
     */
    public static Optional<OAuth2Endpoints> discover(okhttp3.OkHttpClient http, URI issuer, String userAgent,
                                                     long maxBytes) {
        for (URI candidate : metadataUrls(issuer)) {
            okhttp3.Request request = new okhttp3.Request.Builder().url(candidate.toString()).get()
                    .header("Accept", "application/json").header("User-Agent", userAgent).build();
            BoundedExchange.Result r = BoundedExchange.execute(http, request, "oauth2 metadata", maxBytes);
            if (r.successful()) {
                return Optional.of(fromMetadata(r.body(), issuer, candidate));
            }
        }
        return Optional.empty();
    }

    /** @return the PAR endpoint, if the server has one */
    public Optional<URI> par() {
        return Optional.ofNullable(pushedAuthorization);
    }

    /** @return the revocation endpoint, if the server has one */
    public Optional<URI> revoke() {
        return Optional.ofNullable(revocation);
    }

    /**
     * @param tokenEndpoint another token endpoint (e.g. configured)
     * @return these endpoints with that token endpoint
     */
    public OAuth2Endpoints withToken(URI tokenEndpoint) {
        return new OAuth2Endpoints(issuer, authorization, tokenEndpoint, pushedAuthorization, revocation, parRequired,
                codeChallengeMethods);
    }

    private static Optional<URI> uri(JsonNode n, String field, URI source) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw malformed(source, field, "must be a string");
        }
        try {
            URI u = new URI(v.asText());
            if (u.getScheme() == null || u.getHost() == null
                    || !(u.getScheme().equals("https") || u.getScheme().equals("http"))) {
                throw malformed(source, field, "must be an absolute http(s) URL");
            }
            return Optional.of(u);
        } catch (java.net.URISyntaxException e) {
            throw malformed(source, field, "is not a URL");
        }
    }

    private static String strip(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static CscResponseException malformed(URI source, String field, String problem) {
        return new CscResponseException("oauth2 metadata", 200, null, null,
                "malformed authorization server metadata at " + source + ": field '" + field + "' " + problem, null);
    }
}
