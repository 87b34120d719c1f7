package org.cscsign.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;

import org.cscsign.sandbox.pki.PrivateFiles;

/**
 * The registered OAuth2 client of the sandbox, kept in the state dir so that a restarted sandbox
 * keeps its client: {@code client.properties} (the secret), {@code client-ec-key.pem} /
 * {@code client-rsa-key.pem} (PKCS#8 private keys for private_key_jwt) and their {@code .pub.pem}
 * public keys.
 */
final class ClientKeys {
    static final String EC_KEY = "client-ec-key.pem";
    static final String RSA_KEY = "client-rsa-key.pem";
    static final String PROPERTIES = "client.properties";
    static final String[] FILES = {PROPERTIES, EC_KEY, RSA_KEY, "client-ec-key.pub.pem", "client-rsa-key.pub.pem"};

    final String clientSecret;
    final ECPublicKey ecPublic;
    final RSAPublicKey rsaPublic;
    final Path ecKeyPem;
    final Path rsaKeyPem;

    private ClientKeys(String clientSecret, ECPublicKey ecPublic, RSAPublicKey rsaPublic, Path ecKeyPem, Path rsaKeyPem) {
        this.clientSecret = clientSecret;
        this.ecPublic = ecPublic;
        this.rsaPublic = rsaPublic;
        this.ecKeyPem = ecKeyPem;
        this.rsaKeyPem = rsaKeyPem;
    }

    /** Loads the client from stateDir, creating what is missing. */
    static ClientKeys openOrCreate(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Path props = stateDir.resolve(PROPERTIES);
            Properties p = new Properties();
            if (Files.exists(props)) {
                try (InputStream in = Files.newInputStream(props)) {
                    p.load(in);
                }
            }
            if (p.getProperty("clientSecret") == null) {
                byte[] raw = new byte[24];
                new SecureRandom().nextBytes(raw);
                p.setProperty("clientSecret", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                p.store(out, "cscsign sandbox OAuth2 client");
                PrivateFiles.write(props, out.toByteArray()); // holds the client secret

            }
            ECPublicKey ec = (ECPublicKey) keyPair(stateDir, EC_KEY, "EC");
            RSAPublicKey rsa = (RSAPublicKey) keyPair(stateDir, RSA_KEY, "RSA");
            return new ClientKeys(p.getProperty("clientSecret"), ec, rsa, stateDir.resolve(EC_KEY).toAbsolutePath(),
                    stateDir.resolve(RSA_KEY).toAbsolutePath());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot prepare the sandbox OAuth2 client in " + stateDir, e);
        }
    }

    /** Copies the client files from one state dir to another (test fixtures reuse one client). */
    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (String f : FILES) {
                if (Files.exists(from.resolve(f))) {
                    PrivateFiles.copyKeepingSecretsPrivate(from.resolve(f), to.resolve(f));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot copy the sandbox client from " + from + " to " + to, e);
        }
    }

    private static java.security.PublicKey keyPair(Path dir, String name, String algorithm) throws IOException, GeneralSecurityException {
        Path priv = dir.resolve(name);
        Path pub = dir.resolve(name.replace(".pem", ".pub.pem"));
        if (Files.exists(priv) && Files.exists(pub)) {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(readPem(pub)));
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if ("EC".equals(algorithm)) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        KeyPair kp = g.generateKeyPair();
        PrivateFiles.write(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
        Files.write(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
        return kp.getPublic();
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] readPem(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String b64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(b64);
    }
}
