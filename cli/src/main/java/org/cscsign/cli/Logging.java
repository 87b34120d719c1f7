package org.cscsign.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Log levels of the command line: WARN by default (logback.xml), DEBUG for cscsign's own packages
 * with {@code --verbose}. The document libraries (DSS, PDFBox, Santuario, FOP) are silent by
 * default, so their warnings never mix into the user's output, and at WARN with {@code --verbose}.
 * Third-party loggers never go to DEBUG: their DEBUG output may contain HTTP headers, and with
 * them bearer tokens.
 */
final class Logging {

    private static final String OWN_PACKAGES = "org.cscsign";
    /** Silent unless verbose (see logback.xml). */
    private static final List<String> DOCUMENT_LIBRARIES = List.of("eu.europa.esig", "org.apache.pdfbox",
            "org.apache.fontbox", "org.apache.xml.security", "org.apache.fop", "org.apache.xmlgraphics");

    private Logging() {
    }

    static void verbose(boolean on) {
        if (LoggerFactory.getLogger(OWN_PACKAGES) instanceof Logger logger) {
            logger.setLevel(on ? Level.DEBUG : null);
        }
        for (String name : DOCUMENT_LIBRARIES) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(on ? Level.WARN : Level.OFF);
            }
        }
    }
}
