package org.cscsign.token;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscException;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.ServiceQuirks;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** CSC v1 auth/login at DEBUG: neither the password, the Basic credentials nor the token are logged or thrown. */
class LoginSecretsTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.quirks(ServiceQuirks.builder()
            .login(ServiceQuirks.Login.BASIC).build()));

    @Test
    void loginPasswordAndTokenNeverAppearInLogsOrErrors() {
        Sandbox s = sandbox.get();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        List<String> secrets = new ArrayList<>(List.of(s.password(), Base64.getEncoder().encodeToString(
                (s.username() + ":" + s.password()).getBytes(StandardCharsets.UTF_8))));
        List<String> thrown = new ArrayList<>();
        try {
            CscClientConfig config = CscClientConfig.builder().baseUrl(s.cscV1Url())
                    .login(Login.basic(s.username(), s.password().toCharArray())).build();
            assertThat(config.toString()).doesNotContain(s.password());
            try (CscClient client = CscClient.create(config)) {
                client.listCredentials(ListRequest.idsOnly());
                secrets.add(client.accessTokenSource().token().value());
                assertThat(client.accessTokenSource().toString()).doesNotContain(s.password());
            }
            try (CscClient wrong = CscClientConfig.builder().baseUrl(s.cscV1Url())
                    .login(Login.basic(s.username(), "not-the-password".toCharArray())).buildClient()) {
                secrets.add("not-the-password");
                wrong.listCredentials(ListRequest.idsOnly());
            } catch (CscException e) {
                thrown.add(e.toString());
            }
        } finally {
            root.detachAppender(appender);
        }
        assertThat(thrown).hasSize(1);
        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage() + text(event.getThrowableProxy());
            secrets.forEach(secret -> assertThat(line).doesNotContain(secret));
        }
        thrown.forEach(t -> secrets.forEach(secret -> assertThat(t).doesNotContain(secret)));
    }

    private static String text(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            sb.append(' ').append(t.getMessage());
        }
        return sb.toString();
    }
}
