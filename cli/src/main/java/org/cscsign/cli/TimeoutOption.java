package org.cscsign.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * {@code --timeout SECONDS}: the overall deadline of every remote call a command makes (CSC, OAuth2, TSA,
 * OCSP, CRL, AIA), from connecting to the last byte of the answer. A call that takes longer fails with
 * exit 3 naming the service and the limit.
 */
final class TimeoutOption {

    /** The default deadline of one remote call. */
    static final Duration DEFAULT = Duration.ofSeconds(120);

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Deadline of each remote call (CSC, OAuth2, TSA, OCSP, CRL), whole answer included. "
                    + "Default: 120, or timeout in --config.")
    Integer seconds;

    /**
     * @param fromConfig the {@code timeout} value of {@code --config}, may be null
     * @return the deadline: the option, else the config value, else {@link #DEFAULT}
     * @throws CliException exit 2 when the value is not at least 1
     */
    Duration deadline(String fromConfig) {
        if (seconds != null) {
            if (seconds < 1) {
                throw CliException.usage("--timeout must be at least 1 second, not " + seconds);
            }
            return Duration.ofSeconds(seconds);
        }
        return fromConfig == null ? DEFAULT : Duration.ofSeconds(Long.parseLong(fromConfig.strip()));
    }
}
