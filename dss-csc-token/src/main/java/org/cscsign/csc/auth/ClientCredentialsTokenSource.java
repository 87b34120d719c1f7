package org.cscsign.csc.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.cscsign.csc.AccessToken;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * OAuth2 {@code client_credentials} grant (RFC 6749 section 4.4) at the service's token endpoint,
 * with {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt} client
 * authentication and optional DPoP (RFC 9449, including the {@code use_dpop_nonce} challenge).
 * The token is cached as {@link CachingTokenSource} says. Thread-safe.
 */
public final class ClientCredentialsTokenSource extends CachingTokenSource {

    private static final String METHOD = "oauth2/token";

    private final OAuth2ClientSettings client;
    private final Supplier<URI> tokenUrl;
    private final String scope;
    private final OAuth2Client oauth2;

    private ClientCredentialsTokenSource(Builder b) {
        super(b.client.clock());
        this.client = b.client;
        this.tokenUrl = b.tokenUrl;
        this.scope = b.scope;
        this.oauth2 = new OAuth2Client(client);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected AccessToken fetch() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (scope != null) {
            form.put("scope", scope);
        }
        URI url = tokenUrl.get();
        JsonNode n = oauth2.post(METHOD, url, form, true, url);
        return OAuth2Client.accessToken(METHOD, n, clock().instant());
    }

    /** A client secret or key gets a new token at any time. */
    @Override
    protected boolean renewsSilently() {
        return true;
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenSource[clientId=" + client.clientId() + ", " + client.authentication() + ", scope="
                + scope + (client.dpop() != null ? ", DPoP" : "") + "]";
    }

    /** Builds a {@link ClientCredentialsTokenSource}; {@link #build()} names a missing field. */
    public static final class Builder {
        private OAuth2ClientSettings client;
        private Supplier<URI> tokenUrl;
        private String scope;

        private Builder() {
        }

        /**
         * @param settings the client at the authorization server (its authentication is required here)
         * @return this
         */
        public Builder client(OAuth2ClientSettings settings) {
            this.client = settings;
            return this;
        }

        /**
         * @param url the token endpoint
         * @return this
         */
        public Builder tokenUrl(URI url) {
            Objects.requireNonNull(url, "tokenUrl");
            this.tokenUrl = () -> url;
            return this;
        }

        /**
         * @param url the token endpoint, resolved at the first request (e.g. from {@code info})
         * @return this
         */
        public Builder tokenUrl(Supplier<URI> url) {
            this.tokenUrl = url;
            return this;
        }

        /**
         * @param scope the scope, e.g. {@code service} or {@code esign/b2b}; null to send none
         * @return this
         */
        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        /**
         * @return the source
         * @throws IllegalArgumentException naming a missing field
         */
        public ClientCredentialsTokenSource build() {
            if (client == null) {
                throw new IllegalArgumentException("client settings are required");
            }
            if (!client.confidential()) {
                throw new IllegalArgumentException("client_credentials needs a client authentication");
            }
            if (tokenUrl == null) {
                throw new IllegalArgumentException("tokenUrl is required");
            }
            return new ClientCredentialsTokenSource(this);
        }
    }
}
