package org.cscsign.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The browser and client sides of the authorization-code flow, done by hand over plain HTTP for the
 * protocol tests (never the project's client): PKCE values, the authorization request, the consent
 * form post and the code exchange.
 */
final class CodeFlow {
    static final String REDIRECT = "http://127.0.0.1:53117/callback";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SESSION = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

    final Sandbox sandbox;
    final String verifier;
    final String challenge;
    final String state;

    CodeFlow(Sandbox sandbox) {
        this.sandbox = sandbox;
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        this.challenge = OAuthServer.s256(verifier);
        this.state = "st-" + RANDOM.nextInt(1_000_000);
    }

    /** The usual parameters of a request: client, loopback redirect, PKCE S256, state. */
    Map<String, String> base(String... more) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", sandbox.clientId());
        p.put("redirect_uri", REDIRECT);
        p.put("code_challenge", challenge);
        p.put("code_challenge_method", "S256");
        p.put("state", state);
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                p.remove(more[i]);
            } else {
                p.put(more[i], more[i + 1]);
            }
        }
        return p;
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** GET the authorization endpoint (redirects are not followed). */
    Http.Response authorize(Map<String, String> params) {
        return Http.get(URI.create(sandbox.authorizeUrl() + "?" + query(params)));
    }

    /** The consent page's session id; fails when the response is not the consent page. */
    static String session(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        Matcher m = SESSION.matcher(body(page));
        assertThat(m.find()).as("session field in " + page).isTrue();
        return m.group(1);
    }

    static String body(Http.Response r) {
        return new String(r.bytes(), StandardCharsets.UTF_8);
    }

    /** Posts the consent form as a browser would. */
    Http.Response consent(Http.Response page, String pin, String action) {
        Matcher m = ACTION.matcher(body(page));
        assertThat(m.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("session", session(page));
        if (pin != null) {
            form.put("pin", pin);
        }
        form.put("action", action);
        return Http.postForm(URI.create(sandbox.baseUrl() + m.group(1)), form);
    }

    /** The query parameters of a redirect (302 Location). */
    static Map<String, String> redirectParams(Http.Response r, String expectedPrefix) {
        assertThat(r.status()).as(r.toString()).isEqualTo(302);
        String location = r.header("Location");
        assertThat(location).startsWith(expectedPrefix + "?");
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Authorization request, approval with the right PIN, and the code from the redirect. */
    String approve(Map<String, String> params) {
        Http.Response page = authorize(params);
        Map<String, String> back = redirectParams(consent(page, sandbox.pin(), "approve"), params.get("redirect_uri"));
        assertThat(back.get("state")).isEqualTo(params.get("state"));
        return back.get("code");
    }

    Http.Response exchange(String code) {
        return exchange(code, verifier, REDIRECT);
    }

    Http.Response exchange(String code, String codeVerifier, String redirect) {
        return Http.postForm(sandbox.tokenUrl(), Http.form("grant_type", "authorization_code", "code", code,
                "code_verifier", codeVerifier, "redirect_uri", redirect), "Authorization", Http.basic(sandbox));
    }

    /** The whole flow to an access token response (200 asserted). */
    com.fasterxml.jackson.databind.JsonNode token(Map<String, String> params) {
        Http.Response t = exchange(approve(params), verifier, params.get("redirect_uri"));
        assertThat(t.status()).as(t.toString()).isEqualTo(200);
        return t.json();
    }

    /** Base64url without padding, as the authorization request carries hashes. */
    static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri);
    }
}
