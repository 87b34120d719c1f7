package org.cscsign.csc.auth;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Collections;

/** Loads client keys (for {@code private_key_jwt} and DPoP) from PKCS#8 PEM files and PKCS#12 key stores. */
public final class KeyMaterial {

    private KeyMaterial() {
    }

    /**
     * Reads an unencrypted PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC,
     * and derives its public key.
     *
     * @param pem the PEM file
     * @return the key pair
     * @throws IllegalArgumentException if the file is not such a key (the message names the file, never the key)
     */
    public static KeyPair readPkcs8Pem(Path pem) {
        try {
            String text = Files.readString(pem, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = text.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException(pem + " holds no PKCS#8 'BEGIN PRIVATE KEY' block");
            }
            String b64 = text.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
            return fromPkcs8(Base64.getDecoder().decode(b64));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + pem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith(pem.toString())) {
                throw iae;
            }
            throw new IllegalArgumentException(pem + " is not a readable PKCS#8 RSA or EC private key", e);
        }
    }

    /**
     * Reads a private key and its certificate's public key from a PKCS#12 key store.
     *
     * @param p12 the key store file
     * @param password its password (also used for the key)
     * @param alias the entry, or null for the first key entry
     * @return the key pair
     * @throws IllegalArgumentException if the store cannot be read or holds no such key
     */
    public static KeyPair readPkcs12(Path p12, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            String a = alias;
            if (a == null) {
                a = Collections.list(ks.aliases()).stream().filter(x -> isKey(ks, x)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(p12 + " holds no private key entry"));
            }
            if (!ks.isKeyEntry(a)) {
                throw new IllegalArgumentException(p12 + " has no private key entry '" + a + "'");
            }
            PrivateKey key = (PrivateKey) ks.getKey(a, password);
            Certificate cert = ks.getCertificate(a);
            PublicKey pub = cert != null ? cert.getPublicKey() : derivePublic(key);
            return new KeyPair(pub, key);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read PKCS#12 key store " + p12 + ": " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static KeyPair fromPkcs8(byte[] der) throws GeneralSecurityException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        return new KeyPair(derivePublic(key), key);
    }

    /**
     * @param key an RSA (CRT) or EC private key
     * @return its public key
     * @throws GeneralSecurityException if the key type is not supported
     */
    static PublicKey derivePublic(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec) {
            var bcSpec = EC5Util.convertSpec(ec.getParams());
            ECPoint q = bcSpec.getG().multiply(ec.getS()).normalize();
            var w = new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
        }
        throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm() + " (need RSA or EC)");
    }
}
