package org.cscsign.csc.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** Picks the JWS algorithm, signer and public JWK for a key pair (RS256 for RSA, ES256/384/512 by curve). */
final class JwsKeys {

    private JwsKeys() {
    }

    static JWSAlgorithm algorithm(KeyPair keys) {
        if (keys.getPublic() instanceof RSAPublicKey) {
            return JWSAlgorithm.RS256;
        }
        if (keys.getPublic() instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (Curve.P_256.equals(curve)) {
                return JWSAlgorithm.ES256;
            }
            if (Curve.P_384.equals(curve)) {
                return JWSAlgorithm.ES384;
            }
            if (Curve.P_521.equals(curve)) {
                return JWSAlgorithm.ES512;
            }
            throw new IllegalArgumentException("unsupported EC curve for JWS (need P-256, P-384 or P-521)");
        }
        throw new IllegalArgumentException("unsupported key type " + keys.getPublic().getAlgorithm() + " (need RSA or EC)");
    }

    static JWSSigner signer(KeyPair keys) {
        try {
            if (keys.getPrivate() instanceof ECPrivateKey ec) {
                return new ECDSASigner(ec);
            }
            return new RSASSASigner(keys.getPrivate());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key cannot sign JWS: " + e.getMessage(), e);
        }
    }

    static JWK publicJwk(KeyPair keys) {
        if (keys.getPublic() instanceof ECPublicKey ec) {
            return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
        }
        return new RSAKey.Builder((RSAPublicKey) keys.getPublic()).build();
    }
}
