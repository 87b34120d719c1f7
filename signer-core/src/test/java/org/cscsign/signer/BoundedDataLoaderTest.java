package org.cscsign.signer;

import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.TimestampDataLoader;
import eu.europa.esig.dss.spi.client.http.DataLoader;
import eu.europa.esig.dss.spi.exception.DSSExternalResourceException;
import org.cscsign.sandbox.Sandbox;
import org.cscsign.sandbox.junit.FaultProxy;
import org.cscsign.sandbox.junit.FaultProxy.Fault;
import org.cscsign.sandbox.junit.SandboxExtension;
import org.cscsign.dss.BoundedDataLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * DSS data loaders (CRL/AIA GET, TSA/OCSP POST) end within their deadline and with bounded memory when the
 * responder drips its answer or never stops, and still read a normal answer.
 */
class BoundedDataLoaderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @RegisterExtension
    static SandboxExtension sandbox = SandboxExtension.standard();

    private static URI caUrl(Sandbox s) {
        return s.baseUrl().resolve("/pki/ca.crt");
    }

    @Test
    void normalAnswerIsRead() throws Exception {
        Sandbox s = sandbox.get();
        DataLoader loader = BoundedDataLoader.bound(new CommonsDataLoader(), DEADLINE, 64 * 1024);
        assertThat(loader.get(caUrl(s).toString())).isNotEmpty();
    }

    @Test
    void dripFedAnswerEndsWithinTheDeadline() throws Exception {
        Sandbox s = sandbox.get();
        try (FaultProxy proxy = FaultProxy.start(s.baseUrl())) {
            proxy.on("/pki/ca.crt", Fault.dripFeed(Duration.ofMillis(200)));
            DataLoader loader = BoundedDataLoader.bound(new CommonsDataLoader(), DEADLINE, 64 * 1024);
            assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
                    assertThatThrownBy(() -> loader.get(proxy.via(caUrl(s)).toString()))
                            .isInstanceOf(DSSExternalResourceException.class)
                            .hasMessageContaining(proxy.via(caUrl(s)).toString()));
            assertThat(proxy.count("/pki/ca.crt")).isEqualTo(1);
        }
    }

    @Test
    void endlessAnswerStopsAtTheCap() throws Exception {
        Sandbox s = sandbox.get();
        try (FaultProxy proxy = FaultProxy.start(s.baseUrl())) {
            proxy.on("/tsa", Fault.endlessBody());
            DataLoader loader = BoundedDataLoader.bound(new TimestampDataLoader(), DEADLINE, 64 * 1024);
            URI tsa = proxy.via(s.tsaUrl());
            assertTimeoutPreemptively(Duration.ofSeconds(15), () ->
                    assertThatThrownBy(() -> loader.post(tsa.toString(), new byte[]{1, 2, 3}))
                            .isInstanceOf(DSSExternalResourceException.class)
                            .hasMessageContaining(tsa.toString()));
            assertThat(proxy.count("/tsa")).isEqualTo(1);
        }
    }
}
