package org.cscsign.csc.auth;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Objects;

/**
 * How the client authenticates at the OAuth2 token endpoint (RFC 6749 section 2.3, RFC 7523).
 * {@code toString()} never shows a secret or key.
 */
public sealed interface ClientAuthentication {

    /**
     * @param secret the client secret
     * @return HTTP Basic authentication with client id and secret ({@code client_secret_basic})
     */
    static ClientAuthentication clientSecretBasic(String secret) {
        return new SecretBasic(secret);
    }

    /**
     * @param secret the client secret
     * @return client id and secret in the form body ({@code client_secret_post})
     */
    static ClientAuthentication clientSecretPost(String secret) {
        return new SecretPost(secret);
    }

    /**
     * @param keys the registered client key pair (RSA → RS256, EC P-256 → ES256)
     * @return a signed JWT assertion ({@code private_key_jwt}): iss = sub = client id, aud = token URL, jti, iat, exp
     */
    static ClientAuthentication privateKeyJwt(KeyPair keys) {
        return new PrivateKeyJwt(keys);
    }

    /**
     * @param pkcs8Pem an unencrypted PKCS#8 PEM private key
     * @return {@code private_key_jwt} with that key
     */
    static ClientAuthentication privateKeyJwt(Path pkcs8Pem) {
        return new PrivateKeyJwt(KeyMaterial.readPkcs8Pem(pkcs8Pem));
    }

    /**
     * @param p12 a PKCS#12 key store
     * @param password its password
     * @param alias the key entry, or null for the first
     * @return {@code private_key_jwt} with that key
     */
    static ClientAuthentication privateKeyJwt(Path p12, char[] password, String alias) {
        return new PrivateKeyJwt(KeyMaterial.readPkcs12(p12, password, alias));
    }

    /**
     * {@code client_secret_basic}.
     * @param secret the client secret
     */
    record SecretBasic(String secret) implements ClientAuthentication {
        /**
         * Checks the secret.
         *
         * @param secret the client secret
         */
        public SecretBasic {
            requireSecret(secret);
        }

        @Override
        public String toString() {
            return "client_secret_basic";
        }
    }

    /**
     * {@code client_secret_post}.
     * @param secret the client secret
     */
    record SecretPost(String secret) implements ClientAuthentication {
        /**
         * Checks the secret.
         *
         * @param secret the client secret
         */
        public SecretPost {
            requireSecret(secret);
        }

        @Override
        public String toString() {
            return "client_secret_post";
        }
    }

    /**
     * {@code private_key_jwt}.
     * @param keys the client key pair
     */
    record PrivateKeyJwt(KeyPair keys) implements ClientAuthentication {
        /**
         * Checks the key type.
         *
         * @param keys the client key pair
         */
        public PrivateKeyJwt {
            Objects.requireNonNull(keys, "keys");
            JwsKeys.algorithm(keys);
        }

        @Override
        public String toString() {
            return "private_key_jwt(" + JwsKeys.algorithm(keys) + ")";
        }
    }

    private static void requireSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("client secret must not be empty");
        }
    }
}
