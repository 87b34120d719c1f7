package org.cscsign.signer;

import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import org.cscsign.dss.DataLoaders;
import org.cscsign.dss.SelfValidatorFactory;
import org.cscsign.dss.SignatureVerdict;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every network access of the signer (and of its self-validation) goes through the DSS data loaders it is
 * given, and self-validation through the {@link SelfValidatorFactory} it is given: checked by comparing what
 * the loaders saw with what the sandbox's OCSP, CRL, certificate and TSA endpoints received.
 */
class SignerDataLoadersTest {

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    static KeyStoreSignatureTokenConnection token;

    @BeforeAll
    static void openToken() {
        // a local key: no signHash OCSP, so DSS must fetch the leaf's revocation data itself
        token = Fixtures.localToken(sandbox.get(), "rsa2048");
    }

    @AfterAll
    static void closeToken() {
        token.close();
    }

    @BeforeEach
    void resetCounters() {
        sandbox.get().stats().reset();
    }

    @Test
    void everyFetchOfAnLtSignatureGoesThroughTheGivenLoaders() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                .dataLoaders(DataLoaders.online().decorated(loader -> new Recording(loader, seen)))
                .tsa(sandbox.get().tsaUrl()).trustAnchorFile(sandbox.get().trustAnchor()).build();

        SignedDocument signed = signer.sign(Fixtures.pdf("a.pdf"),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.LT).build());

        assertThat(signed.signatureLevel()).isEqualTo("PAdES-BASELINE-LT");
        assertThat(seen).contains(sandbox.get().tsaUrl().toString());
        assertThat(seen).anyMatch(url -> url.contains("/ocsp") || url.contains("/crl"));
        assertThat(seen).hasSize((int) requestsAtTheSandbox());
    }

    @Test
    void offlineCallsOnlyTheTsaAndThroughItsLoader() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                .dataLoaders(DataLoaders.offline().decorated(loader -> new Recording(loader, seen)))
                // a local key has no signHash OCSP: offline, the output could not pass validation
                .selfValidation(false)
                .tsa(sandbox.get().tsaUrl()).trustAnchorFile(sandbox.get().trustAnchor()).build();

        SignedDocument signed = signer.sign(Fixtures.pdf("a.pdf"),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.T).build());

        assertThat(signed.signatureLevel()).isEqualTo("PAdES-BASELINE-T");
        assertThat(seen).containsOnly(sandbox.get().tsaUrl().toString()).isNotEmpty();
        assertThat(requestsAtTheSandbox()).isEqualTo(seen.size());
    }

    @Test
    void theGivenSelfValidatorJudgesEveryOutput() {
        AtomicInteger validations = new AtomicInteger();
        SelfValidatorFactory refusing = (anchors, loaders) -> (document, detached) -> {
            validations.incrementAndGet();
            return List.of(new SignatureVerdict("S-1", "PAdES-BASELINE-B", "TOTAL_FAILED", "HASH_FAILURE", null,
                    List.of("the digest does not match")));
        };
        DocumentSigner signer = DocumentSigner.builder().token(token).credentialId("rsa2048")
                .selfValidator(refusing).trustAnchorFile(sandbox.get().trustAnchor()).build();

        assertThatThrownBy(() -> signer.sign(Fixtures.pdf("a.pdf"),
                SignatureOptions.builder(SignatureFormat.PADES).level(Level.B).build()))
                .isInstanceOf(SelfValidationException.class).hasMessageContaining("HASH_FAILURE");
        assertThat(validations).hasValue(1);
    }

    /** Requests at the sandbox's OCSP, CRL, certificate and TSA endpoints (a local token makes no CSC call). */
    private static long requestsAtTheSandbox() {
        return sandbox.get().stats().snapshot().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("ocsp:"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** Passes every request on and records its URL. */
    static final class Recording implements DataLoader {
        private static final long serialVersionUID = 1L;
        private final transient DataLoader inner;
        private final transient List<String> seen;

        Recording(DataLoader inner, List<String> seen) {
            this.inner = inner;
            this.seen = seen;
        }

        @Override
        public byte[] get(String url) {
            seen.add(url);
            return inner.get(url);
        }

        @Override
        public DataAndUrl get(List<String> urls) {
            // DSS tries the URLs one after the other; each attempt is one request
            for (String url : urls) {
                try {
                    return new DataAndUrl(url, get(url));
                } catch (RuntimeException e) {
                    // next URL
                }
            }
            throw new IllegalStateException("none of " + urls + " answered");
        }

        @Override
        public byte[] post(String url, byte[] content) {
            seen.add(url);
            return inner.post(url, content);
        }

        @Override
        public void setContentType(String contentType) {
            inner.setContentType(contentType);
        }
    }
}
