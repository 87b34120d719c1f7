package org.cscsign.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A plain JDK HTTP client for protocol tests (never the project's CSC client). */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Response(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String error() {
            return json().path("error").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Http() {
    }

    static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Response get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    static Response postJson(URI uri, String authorization, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    static Response postJson(URI uri, String authorization, JsonNode body, String... headers) {
        return postJson(uri, authorization, body.toString(), headers);
    }

    static Response postForm(URI uri, Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    static String basic(Sandbox s) {
        String pair = s.clientId() + ":" + s.clientSecret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A service-scope Bearer token by client_secret_basic. */
    static String bearer(Sandbox s) {
        Response r = postForm(s.tokenUrl(), Map.of("grant_type", "client_credentials"), "Authorization", basic(s));
        if (r.status() != 200) {
            throw new AssertionError("token request failed: " + r);
        }
        return "Bearer " + r.json().get("access_token").asText();
    }

    static ObjectNode obj(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        }
        return n;
    }

    static URI csc(Sandbox s, String method) {
        return URI.create(s.cscUrl() + "/" + method);
    }

    static URI cscV1(Sandbox s, String method) {
        return URI.create(s.cscV1Url() + "/" + method);
    }

    static byte[] sha(String alg, byte[] data) {
        try {
            return MessageDigest.getInstance(alg).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** A DPoP key pair and proof factory (RFC 9449) built with nimbus. */
    static final class DpopKey {
        final ECKey key;

        DpopKey() {
            try {
                key = new ECKeyGenerator(Curve.P_256).generate();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new AssertionError(e);
            }
        }

        String proof(String htm, URI htu, String accessToken, String nonce) {
            return proof(htm, htu.toString(), accessToken, nonce, new Date(), UUID.randomUUID().toString());
        }

        String proof(String htm, String htu, String accessToken, String nonce, Date iat, String jti) {
            try {
                JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().jwtID(jti).claim("htm", htm).claim("htu", htu).issueTime(iat);
                if (accessToken != null) {
                    byte[] h = sha("SHA-256", accessToken.getBytes(StandardCharsets.US_ASCII));
                    c.claim("ath", Base64.getUrlEncoder().withoutPadding().encodeToString(h));
                }
                if (nonce != null) {
                    c.claim("nonce", nonce);
                }
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                        .jwk(key.toPublicJWK()).build(), c.build());
                jwt.sign(new ECDSASigner(key));
                return jwt.serialize();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Signs arbitrary header and claims JSON with an ES256 key by hand, to build proofs nimbus would refuse to build. */
    static String rawEs256Jwt(ECKey key, String headerJson, String claimsJson) {
        try {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String input = url.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                    + url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
            java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
            sig.initSign(key.toECPrivateKey());
            sig.update(input.getBytes(StandardCharsets.US_ASCII));
            byte[] concat = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToConcat(sig.sign(), 64);
            return input + "." + url.encodeToString(concat);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
