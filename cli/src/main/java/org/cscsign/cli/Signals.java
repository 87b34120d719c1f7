package org.cscsign.cli;

/**
 * SIGTERM and SIGINT handling for long-running commands, so they can stop cleanly and exit 0
 * (a JVM killed by a signal otherwise exits 143/130).
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs {@code action} when SIGTERM or SIGINT arrives instead of terminating the JVM.
     *
     * @return false when this JVM does not let us intercept the signals
     */
    @SuppressWarnings("removal")
    static boolean onTermination(Runnable action) {
        try {
            sun.misc.SignalHandler handler = signal -> action.run();
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
