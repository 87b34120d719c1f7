package org.cscsign.cli;

import org.cscsign.csc.auth.LoopbackInteraction;

import java.awt.Desktop;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shows the user the authorization URL of the OAuth2 authorization-code flow: opens the system
 * browser (java.awt.Desktop, else {@code xdg-open}) unless {@code --no-browser}, and prints the URL
 * alone on one line of stderr whenever no browser was opened. While the flow waits, Ctrl-C ends the
 * wait (exit 3, nothing written).
 */
final class BrowserPresenter {

    private BrowserPresenter() {
    }

    /**
     * @param options --no-browser, --redirect-port, --auth-timeout
     * @param err where the URL and hints go
     * @return the interaction for the library's flow
     */
    static LoopbackInteraction interaction(AuthorizationOptions options, PrintWriter err) {
        AtomicReference<LoopbackInteraction> self = new AtomicReference<>();
        AtomicBoolean signalsHooked = new AtomicBoolean();
        long seconds = options.authTimeout().toSeconds();
        LoopbackInteraction interaction = new LoopbackInteraction(options.redirectPort(), options.authTimeout(), uri -> {
            if (signalsHooked.compareAndSet(false, true)) {
                // Ctrl-C while waiting for the browser ends the wait; at any other time it ends the run (exit 3)
                Signals.onTermination(() -> {
                    if (!self.get().cancel()) {
                        System.exit(ExitCode.REMOTE);
                    }
                });
            }
            boolean opened = !options.noBrowser && open(uri);
            if (opened) {
                err.println("Opened the browser to authorize; waiting up to " + seconds + " s for it to come back.");
            } else {
                err.println("Open this URL in a browser to authorize (waiting up to " + seconds + " s):");
                err.println(uri);
            }
            err.flush();
        });
        self.set(interaction);
        return interaction;
    }

    private static boolean open(URI uri) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(uri);
                return true;
            }
        } catch (Exception | LinkageError e) {
            // no desktop: try xdg-open below
        }
        try {
            Process p = new ProcessBuilder("xdg-open", uri.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
