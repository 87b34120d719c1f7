package org.cscsign.cli.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The browser set-up itself: a page on loopback is loaded, clicked and photographed. */
class HeadlessChromiumTest {

    @Test
    void loadsALoopbackPageClicksAndTakesAScreenshot() throws Exception {
        Javalin server = Javalin.create().get("/", ctx -> ctx.html(
                "<html><body><button id=b onclick=\"document.getElementById('o').textContent='clicked'\">go</button>"
                        + "<p id=o>waiting</p></body></html>"));
        server.start("127.0.0.1", 0);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().get("http://127.0.0.1:" + server.port() + "/");
            browser.driver().findElement(By.id("b")).click();
            assertThat(browser.driver().findElement(By.id("o")).getText()).isEqualTo("clicked");
            Path png = browser.screenshot(Path.of("target/screenshots/headless-chromium-smoke.png"));
            byte[] head = Files.readAllBytes(png);
            assertThat(head.length).isGreaterThan(1000);
            assertThat(head[1]).isEqualTo((byte) 'P');
        } finally {
            server.stop();
        }
    }
}
