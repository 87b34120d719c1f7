package org.cscsign.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The launcher {@code target/cscsign} run in a new pseudo-terminal ({@code script} from util-linux), as a
 * person at a terminal runs it: stdin, stdout and stderr are all the terminal, so Java sees a console.
 * What the terminal shows is collected as it comes; keystrokes can be typed once a prompt is there.
 */
final class Pty implements AutoCloseable {

    private final Process process;
    private final StringBuffer screen = new StringBuffer();
    private final Thread reader;

    private Pty(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "pty-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param dir the working directory
     * @param env variables added to the environment
     * @param args the arguments of cscsign
     * @return the running command
     */
    static Pty start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        String command = Path.of("target", "cscsign").toAbsolutePath() + " "
                + args.stream().map(Pty::quote).collect(Collectors.joining(" "));
        // script -e: exit with the command's exit code; -f: flush as output comes; -q: no banner
        ProcessBuilder builder = new ProcessBuilder("script", "-qfec", command, "/dev/null")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().remove("CSC_CLIENT_SECRET");
        builder.environment().remove("CSC_PIN");
        builder.environment().put("TERM", "xterm");
        builder.environment().putAll(env);
        return new Pty(builder.start());
    }

    /** Waits until the terminal shows the text. */
    void awaitScreen(String text, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!screen.toString().contains(text)) {
            if (Instant.now().isAfter(end) || !process.isAlive() && !reader.isAlive()) {
                throw new AssertionError("the terminal never showed '" + text + "': " + screen);
            }
            Thread.sleep(50);
        }
    }

    /** Types a line, as at the keyboard. */
    void type(String line) throws IOException {
        OutputStream keyboard = process.getOutputStream();
        keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** @return the exit code, once the command ended */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out; the terminal shows: " + screen);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** @return everything the terminal showed so far */
    String screen() {
        return screen.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
