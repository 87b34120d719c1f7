package org.cscsign.token;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the user's browser against the sandbox's consent page over real HTTP: loads the authorization
 * URL, submits the form with the PIN and Approve (or Deny), and follows the redirect to wherever the
 * server sends it (the client's loopback receiver). The real-browser test is in {@code cli}; this one
 * keeps the library's protocol tests free of Selenium.
 */
final class ConsentDriver {

    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** What the consent step ended with. @param page the consent page @param redirect where the server sent the browser */
    record Outcome(String page, URI redirect) {
    }

    /**
     * @param authorizationUri the URL the client presented
     * @param pin the PIN typed
     * @param approve Approve (true) or Deny (false)
     * @param deliver whether to follow the redirect (to the loopback receiver)
     * @return the consent page and the redirect
     */
    Outcome consent(URI authorizationUri, String pin, boolean approve, boolean deliver) {
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(authorizationUri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("authorization page: HTTP " + page.statusCode() + ": " + page.body());
            }
            String action = find(ACTION, page.body(), "form action");
            String session = find(SESSION, page.body(), "session");
            String form = "session=" + enc(session) + "&pin=" + enc(pin) + "&action=" + (approve ? "approve" : "deny");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(authorizationUri.resolve(action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = answer.headers().firstValue("Location").orElseThrow(() ->
                    new IllegalStateException("consent answered HTTP " + answer.statusCode() + " without redirect"));
            URI redirect = URI.create(location);
            if (deliver) {
                http.send(HttpRequest.newBuilder(redirect).GET().build(), HttpResponse.BodyHandlers.discarding());
            }
            return new Outcome(page.body(), redirect);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String find(Pattern p, String html, String what) {
        Matcher m = p.matcher(html);
        if (!m.find()) {
            throw new IllegalStateException("no " + what + " on the consent page");
        }
        return m.group(1).replace("&amp;", "&");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
