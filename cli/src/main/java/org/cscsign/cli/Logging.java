package org.cscsign.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log levels of the command line: WARN by default (logback.xml), DEBUG for cscsign's own packages
 * with {@code --verbose}. Third-party loggers (Jetty, okhttp, DSS) stay at their configured level:
 * their DEBUG output may contain HTTP headers, and with them bearer tokens.
 */
final class Logging {

    private static final String OWN_PACKAGES = "org.cscsign";

    private Logging() {
    }

    static void verbose(boolean on) {
        if (LoggerFactory.getLogger(OWN_PACKAGES) instanceof Logger logger) {
            logger.setLevel(on ? Level.DEBUG : null);
        }
    }
}
