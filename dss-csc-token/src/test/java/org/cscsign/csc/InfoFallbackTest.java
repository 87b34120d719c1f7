package org.cscsign.csc;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that serves {@code info} only by GET (405 on POST). The sandbox serves both verbs, so this
 * one behaviour is checked against a minimal loopback server.
 */
class InfoFallbackTest {

    @Test
    void infoFallsBackToGetOn405AndIsCached() throws Exception {
        List<String> verbs = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/csc/v2/info", exchange -> {
            verbs.add(exchange.getRequestMethod());
            exchange.getRequestBody().readAllBytes();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                exchange.close();
                return;
            }
            byte[] body = "{\"specs\":\"2.1.0\",\"name\":\"get-only\",\"methods\":[\"info\"]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (CscClient client = CscClientConfig.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/csc/v2").buildClient()) {
            assertThat(client.info().name()).isEqualTo("get-only");
            assertThat(client.info().specs()).isEqualTo("2.1.0");
            assertThat(verbs).containsExactly("POST", "GET");
        } finally {
            server.stop(0);
        }
    }
}
