package org.cscsign.token;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.model.Digest;
import eu.europa.esig.dss.model.ToBeSigned;
import org.cscsign.csc.AccessToken;
import org.cscsign.csc.CredentialId;
import org.cscsign.csc.CscClient;
import org.cscsign.csc.CscClientConfig;
import org.cscsign.csc.CscException;
import org.cscsign.csc.HashAlgorithm;
import org.cscsign.csc.ListRequest;
import org.cscsign.csc.Sad;
import org.cscsign.csc.auth.ClientAuthentication;
import org.cscsign.csc.auth.CredentialAuthorizer;
import org.cscsign.csc.auth.Login;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** At DEBUG, nothing the client logs or throws shows a client secret, access token, SAD, PIN or OTP. */
class NoSecretsInLogsTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.create(b -> b.scal(2).multisign(2));

    @Test
    void noSecretAppearsInAnyLogLineOrExceptionMessageAtDebug() throws Exception {
        Sandbox s = sandbox.get();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        Set<String> secrets = new HashSet<>(List.of(s.clientSecret(), s.pin()));
        List<String> thrown = new ArrayList<>();
        try {
            CscClientConfig config = CscClientConfig.builder().baseUrl(s.cscUrl()).dpop(true)
                    .login(Login.clientCredentials(s.clientId(), ClientAuthentication.clientSecretPost(s.clientSecret()))).build();
            secrets.forEach(x -> assertThat(config.toString()).doesNotContain(x));
            try (CscClient client = CscClient.create(config)) {
                client.listCredentials(ListRequest.withInfos());
                AccessToken first = client.accessTokenSource().token();
                secrets.add(first.value());
                assertThat(first.toString()).doesNotContain(first.value());

                CredentialId id = CredentialId.of("rsa2048");
                client.sendOtp(id);
                String otp = s.lastOtp("rsa2048").orElseThrow();
                secrets.add(otp);
                byte[] hash = TestSupport.sha("SHA-256", new byte[]{5});
                Sad sad = client.authorize(id, 1, List.of(hash), HashAlgorithm.SHA256,
                        Map.of("PIN", s.pin().toCharArray(), "OTP", otp.toCharArray()));
                secrets.add(sad.value());

                // a refused SAD (wrong hash at SCAL 2) and a wrong PIN: errors must not echo them
                try {
                    client.signHash(new org.cscsign.csc.SignHashRequest(id, List.of(TestSupport.sha("SHA-256", new byte[]{6})),
                            HashAlgorithm.SHA256, "1.2.840.113549.1.1.1", null, sad));
                } catch (CscException e) {
                    thrown.add(e.toString());
                }
                try {
                    client.authorize(id, 1, List.of(hash), HashAlgorithm.SHA256,
                            Map.of("PIN", "000000".toCharArray(), "OTP", otp.toCharArray()));
                } catch (CscException e) {
                    thrown.add(e.toString());
                }

                List<String> otps = new ArrayList<>();
                CredentialAuthorizer authorizer = CredentialAuthorizer.explicit((cid, o) -> {
                    if ("PIN".equals(o.id())) {
                        return s.pin().toCharArray();
                    }
                    String value = s.lastOtp(cid.value()).orElseThrow();
                    otps.add(value);
                    return value.toCharArray();
                });
                try (CscSignatureToken token = CscSignatureToken.builder().client(client).authorizer(authorizer).build()) {
                    CscKeyEntry key = token.getKey("ecp256");
                    List<Digest> digests = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        digests.add(new Digest(DigestAlgorithm.SHA256, TestSupport.sha("SHA-256", new byte[]{(byte) i})));
                    }
                    token.signDigests(digests, SignatureAlgorithm.ECDSA_SHA256, key);
                    s.expireAllTokens();
                    token.sign(new ToBeSigned(new byte[]{9}), DigestAlgorithm.SHA256, key);
                    secrets.add(client.accessTokenSource().token().value());
                    s.faults().signWithWrongKey(true);
                    assertThatThrownBy(() -> token.sign(new ToBeSigned(new byte[]{10}), DigestAlgorithm.SHA256, key))
                            .satisfies(e -> thrown.add(e.toString() + " " + e.getCause()));
                }
                secrets.addAll(otps);
            }
        } finally {
            root.detachAppender(appender);
        }
        assertThat(appender.list).as("the client logs at DEBUG").isNotEmpty();
        assertThat(thrown).hasSize(3);
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            for (String secret : secrets) {
                assertThat(line).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
        for (String t : thrown) {
            for (String secret : secrets) {
                assertThat(t).doesNotContain(secret);
            }
        }
    }

    private static String throwableText(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        while (t != null) {
            sb.append(' ').append(t.getClassName()).append(": ").append(t.getMessage());
            t = t.getCause();
        }
        return sb.toString();
    }
}
