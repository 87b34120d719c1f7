package org.cscsign.cli;

import org.cscsign.signer.Level;
import org.cscsign.signer.ProgressListener;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * ONE progress bar over a whole command: the phases of a batch are weighted parts of a single 0–100%,
 * so the bar never starts again and never goes backwards (events arriving late or out of order,
 * e.g. from concurrent workers, cannot lower it). It names the current phase and shows an estimate
 * of the time left only once the estimate can be trusted (enough time elapsed and enough done).
 * Drawn on stderr with carriage returns, and only when a terminal is attached: a disabled display
 * prints nothing at all.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {

    /** No estimate before this much time: the first seconds are start-up, not a rate. */
    static final Duration ETA_MIN_ELAPSED = Duration.ofSeconds(3);
    /** No estimate before this fraction is done: a rate over a sliver of the job is noise. */
    static final double ETA_MIN_FRACTION = 0.15;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean enabled;
    private final String task;
    private final Map<Phase, Double> weights;
    private final double totalWeight;
    private final String finishingLabel;
    private final LongSupplier nanoClock;
    private final long start;
    private ScheduledExecutorService ticker;

    private double fraction;
    private String phaseLabel = "starting";
    private String count = "";
    private String lastLine = "";
    private boolean drawn;
    private boolean paused;

    private ProgressDisplay(PrintWriter err, boolean enabled, String task, Map<Phase, Double> weights,
            String finishingLabel, LongSupplier nanoClock) {
        this.err = err;
        this.finishingLabel = finishingLabel;
        this.enabled = enabled;
        this.task = task;
        this.weights = weights;
        this.totalWeight = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /**
     * The bar of {@code cscsign sign}: phase weights reflect where a batch spends its time (the
     * timestamps and revocation data of T/LT/LTA are the slow part of finishing; self-validation
     * is as slow as finishing).
     *
     * @param err stderr
     * @param enabled false for scripts: nothing is ever printed
     * @param level the requested level
     * @param selfValidation whether the VALIDATING phase will run
     * @return a display; close it when the command ends
     */
    static ProgressDisplay forSigning(PrintWriter err, boolean enabled, Level level, boolean selfValidation) {
        return forSigning(err, enabled, level, selfValidation, System::nanoTime).startTicker();
    }

    static ProgressDisplay forSigning(PrintWriter err, boolean enabled, Level level, boolean selfValidation,
            LongSupplier nanoClock) {
        Map<Phase, Double> weights = new EnumMap<>(Phase.class);
        weights.put(Phase.PREPARING, 15.0);
        weights.put(Phase.SIGNING, 15.0);
        weights.put(Phase.FINISHING, level.needsTimestamp() ? 35.0 : 10.0);
        weights.put(Phase.VALIDATING, selfValidation ? 30.0 : 0.0);
        weights.put(Phase.WRITING, 5.0);
        return new ProgressDisplay(err, enabled, "Signing", weights,
                level.needsTimestamp() ? "timestamps + revocation data" : "assembling signatures", nanoClock);
    }

    /**
     * The bar of {@code cscsign validate}: one phase, one step per document.
     *
     * @param err stderr
     * @param enabled false for scripts
     * @return a display; feed it {@link #documentDone(int, int)}
     */
    static ProgressDisplay forValidation(PrintWriter err, boolean enabled) {
        return forValidation(err, enabled, System::nanoTime).startTicker();
    }

    static ProgressDisplay forValidation(PrintWriter err, boolean enabled, LongSupplier nanoClock) {
        Map<Phase, Double> weights = new EnumMap<>(Phase.class);
        weights.put(Phase.VALIDATING, 1.0);
        return new ProgressDisplay(err, enabled, "Validating", weights, "", nanoClock);
    }

    /**
     * Whether progress may be drawn: a terminal is attached (Java sees a console only when stdin and
     * stdout are terminals) and, where Linux tells, stderr is one too — so neither
     * {@code cscsign … > out.json} nor {@code 2> log} ever receives a bar.
     *
     * @param json whether the command prints JSON for a script
     * @return true when a bar should be drawn
     */
    static boolean terminalAttached(boolean json) {
        if (json || System.console() == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path stderr = Path.of("/proc/self/fd/2");
        if (!Files.exists(stderr)) {
            return true; // not Linux: trust the console
        }
        try {
            String target = Files.readSymbolicLink(stderr).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return true;
        }
    }

    @Override
    public synchronized void progress(Phase phase, int done, int total) {
        double before = 0;
        for (Map.Entry<Phase, Double> w : weights.entrySet()) {
            if (w.getKey().ordinal() < phase.ordinal()) {
                before += w.getValue();
            }
        }
        double share = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        double overall = (before + weights.getOrDefault(phase, 0.0) * share) / totalWeight;
        paused = false;
        if (overall >= fraction) {
            // a late event of an earlier step only lowers nothing; the label follows the furthest step
            fraction = Math.min(1, overall);
            phaseLabel = label(phase);
            count = total > 1 ? " " + Math.min(done, total) + "/" + total : "";
        }
        draw();
    }

    /**
     * One more document judged by {@code validate}.
     *
     * @param done documents finished so far
     * @param total documents in all
     */
    void documentDone(int done, int total) {
        progress(Phase.VALIDATING, done, total);
    }

    /**
     * Prints a line on stderr above the bar (which is redrawn below it), so messages and the bar do not
     * run into each other; without a terminal it is a plain line.
     *
     * @param message the line
     */
    synchronized void println(String message) {
        if (drawn) {
            err.print("\r\u001B[K");
        }
        err.println(message);
        if (drawn) {
            err.print(lastLine);
        }
        err.flush();
    }

    /**
     * Takes the bar off its line until the next progress event, e.g. while the terminal asks for a
     * PIN: the prompt then has the line to itself, and no tick draws over it.
     */
    synchronized void pause() {
        if (drawn) {
            err.print("\r\u001B[K");
            err.flush();
            drawn = false;
        }
        paused = true;
        lastLine = "";
    }

    /** The job succeeded: show 100% (a failed job leaves the bar where it stopped). */
    synchronized void finish() {
        paused = false;
        fraction = 1;
        phaseLabel = "done";
        count = "";
        draw();
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    /** @return the fraction of the whole job done, 0 to 1 */
    synchronized double fraction() {
        return fraction;
    }

    /**
     * The estimate of the time left, once it can be trusted.
     *
     * @return the time left, or empty before {@link #ETA_MIN_ELAPSED} and {@link #ETA_MIN_FRACTION}
     */
    synchronized java.util.Optional<Duration> eta() {
        long elapsedNanos = nanoClock.getAsLong() - start;
        if (fraction >= 1 || fraction < ETA_MIN_FRACTION || elapsedNanos < ETA_MIN_ELAPSED.toNanos()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Duration.ofNanos((long) (elapsedNanos * (1 - fraction) / fraction)));
    }

    private ProgressDisplay startTicker() {
        if (enabled) {
            // redraws while nothing reports (a slow signHash), so the elapsed time and estimate stay current
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cscsign-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
        return this;
    }

    private synchronized void tick() {
        if (drawn && !paused) {
            draw();
        }
    }

    private void draw() {
        if (!enabled) {
            return;
        }
        String line = line();
        if (line.equals(lastLine)) {
            return;
        }
        lastLine = line;
        // \r returns to the start of the line, ESC[K clears what a longer previous line left
        err.print("\r" + line + "\u001B[K");
        err.flush();
        drawn = true;
    }

    /** @return the bar as drawn, e.g. {@code Signing  42% [=====>    ] timestamps + revocation data 3/10  0:05, ~0:07 left} */
    synchronized String line() {
        int percent = (int) Math.floor(fraction * 100);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        StringBuilder bar = new StringBuilder(BAR_WIDTH);
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        long elapsed = Duration.ofNanos(nanoClock.getAsLong() - start).toSeconds();
        String time = clock(elapsed) + eta().map(d -> ", ~" + clock(Math.max(1, d.toSeconds())) + " left").orElse("");
        return String.format(Locale.ROOT, "%s %3d%% [%s] %s%s  %s", task, percent, bar, phaseLabel, count, time);
    }

    private String label(Phase phase) {
        return switch (phase) {
            case PREPARING -> "preparing documents";
            case SIGNING -> "signHash at the CSC service";
            case FINISHING -> finishingLabel;
            case VALIDATING -> "validating";
            case WRITING -> "writing";
        };
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
