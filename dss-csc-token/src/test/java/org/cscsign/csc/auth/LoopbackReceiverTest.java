package org.cscsign.csc.auth;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackReceiverTest {

    private final HttpClient browser = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI uri) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void firstCallbackIsHandedOverAndTheBrowserIsToldToCloseTheWindow() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.open(0)) {
            assertThat(receiver.redirectUri().getHost()).isEqualTo("127.0.0.1");
            assertThat(receiver.redirectUri().getPath()).isEqualTo("/callback");
            HttpResponse<String> page = get(URI.create(receiver.redirectUri() + "?code=abc&state=xyz"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("You can close this window");
            URI callback = receiver.await(Duration.ofSeconds(30));
            assertThat(callback.getRawQuery()).isEqualTo("code=abc&state=xyz");
        }
    }

    @Test
    void receiverIsOneShot() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.open(0)) {
            get(URI.create(receiver.redirectUri() + "?code=first&state=s"));
            assertThat(get(URI.create(receiver.redirectUri() + "?code=second&state=s")).statusCode()).isEqualTo(404);
            assertThat(receiver.await(Duration.ofSeconds(30)).getRawQuery()).contains("code=first");
        }
    }

    @Test
    void otherPathsAreNotTakenForTheCallback() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.open(0)) {
            URI favicon = receiver.redirectUri().resolve("/favicon.ico");
            assertThat(get(favicon).statusCode()).isEqualTo(404);
            get(URI.create(receiver.redirectUri() + "?error=access_denied&state=s"));
            assertThat(receiver.await(Duration.ofSeconds(30)).getRawQuery()).startsWith("error=access_denied");
        }
    }

    @Test
    void browserThatNeverComesBackIsATimeout() {
        try (LoopbackReceiver receiver = LoopbackReceiver.open(0)) {
            assertThatThrownBy(() -> receiver.await(Duration.ofMillis(50)))
                    .isInstanceOfSatisfying(AuthorizationFlowException.class,
                            e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.TIMED_OUT));
        }
    }

    @Test
    void cancelEndsTheWaitFromAnotherThread() throws Exception {
        try (LoopbackReceiver receiver = LoopbackReceiver.open(0)) {
            CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    receiver.await(Duration.ofMinutes(5));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(receiver.cancel()).isTrue();
            assertThat(waiting.get()).isInstanceOfSatisfying(AuthorizationFlowException.class,
                    e -> assertThat(e.reason()).isEqualTo(AuthorizationFlowException.Reason.CANCELLED));
        }
    }

    @Test
    void givenPortIsUsedAndABusyPortIsAClearError() {
        try (LoopbackReceiver first = LoopbackReceiver.open(0)) {
            int port = first.redirectUri().getPort();
            assertThatThrownBy(() -> LoopbackReceiver.open(port)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
        }
    }
}
