package org.cscsign.sandbox;

import java.io.IOException;
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
 * Plays the signer's browser for tests that have none: opens an authorization request URL, answers the
 * consent page (PIN and Approve, or Deny) with a form post over real HTTP, exactly as the page's form
 * would, and returns where the browser would go next. Redirects are not followed, so the client's
 * redirect URI need not be listening.
 */
final class ConsentRobot {
    private static final Pattern SESSION = Pattern.compile("name=\"session\" value=\"([^\"]+)\"");
    private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("<p id=\"error\" role=\"alert\">(.*?)</p>", Pattern.DOTALL);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @return the URI of the redirect (the client's redirect URI with {@code code} or {@code error})
     * @throws IllegalStateException when the server answers with a page instead of a redirect (a
     *     request it cannot redirect, or a wrong PIN), naming what the page says
     */
    URI answer(URI authorizationRequest, String pin, boolean approve) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizationRequest).GET());
        if (page.statusCode() == 302) {
            return location(page); // refused before any consent: the error redirect
        }
        String html = page.body();
        Matcher session = SESSION.matcher(html);
        Matcher action = ACTION.matcher(html);
        if (page.statusCode() != 200 || !session.find() || !action.find()) {
            throw new IllegalStateException("No consent page (HTTP " + page.statusCode() + "): " + pageError(html));
        }
        String form = "session=" + enc(session.group(1)) + "&action=" + (approve ? "approve" : "deny")
                + (approve ? "&pin=" + enc(pin) : "");
        URI target = authorizationRequest.resolve(action.group(1));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(target)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.statusCode() != 302) {
            throw new IllegalStateException("The consent was not accepted (HTTP " + answer.statusCode() + "): "
                    + pageError(answer.body()));
        }
        return location(answer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The sandbox did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static URI location(HttpResponse<String> r) {
        return URI.create(r.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("A redirect without Location")));
    }

    private static String pageError(String html) {
        Matcher m = ERROR.matcher(html);
        return m.find() ? m.group(1).replaceAll("<[^>]+>", "") : "no error message";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
